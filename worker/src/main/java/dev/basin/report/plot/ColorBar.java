package dev.basin.report.plot;

/**
 * A vertical colour bar: a continuous viridis ramp (heat maps) or one block per contour band (contour plots),
 * with ticks and the value's label. Drawn as stacked rectangles, so no gradient ids that could collide when
 * several figures share an HTML page.
 */
final class ColorBar {
    static final double WIDTH = 16;

    private ColorBar() {}

    /** Horizontal room the bar, its tick labels and its rotated label take. */
    static double room(double lo, double hi, boolean log) {
        double[] t = log ? Ticks.logWithin(lo, hi).values() : Ticks.within(lo, hi, 6).values();
        return 14 + WIDTH + 8 + Frame.maxWidth(t) + 26;
    }

    /** A continuous ramp from {@code lo} (bottom) to {@code hi} (top). */
    static void continuous(Svg svg, double x, double y, double h, double lo, double hi, String label) {
        svg.open("g", "class", "colorbar", "data-value-min", Svg.num(lo), "data-value-max", Svg.num(hi),
            "shape-rendering", "crispEdges").raw("\n");
        int steps = 64;
        for (int i = 0; i < steps; i++) {
            double y0 = y + h - (i + 1) * h / steps;
            svg.empty("rect", "x", Svg.px(x), "y", Svg.px(y0), "width", Svg.px(WIDTH), "height", Svg.px(h / steps + 0.5),
                "fill", Palette.sequential((i + 0.5) / steps));
        }
        svg.close("g");
        Scale s = new Scale(lo, hi, y + h, y, false);
        axis(svg, x, y, h, s, Ticks.within(lo, hi, 6).values(), label);
    }

    /** One block per band between consecutive {@code bounds}, coloured {@code colors[i]}. */
    static void bands(Svg svg, double x, double y, double h, double[] bounds, String[] colors, boolean log,
                      String label) {
        double lo = bounds[0], hi = bounds[bounds.length - 1];
        Scale s = new Scale(lo, hi, y + h, y, log);
        svg.open("g", "class", "colorbar", "data-value-min", Svg.num(lo), "data-value-max", Svg.num(hi),
            "shape-rendering", "crispEdges").raw("\n");
        for (int i = 0; i + 1 < bounds.length; i++) {
            double top = s.px(bounds[i + 1]), bottom = s.px(bounds[i]);
            svg.empty("rect", "class", "colorbar-band", "data-lo", Svg.num(bounds[i]), "data-hi", Svg.num(bounds[i + 1]),
                "x", Svg.px(x), "y", Svg.px(top), "width", Svg.px(WIDTH), "height", Svg.px(bottom - top),
                "fill", colors[i]);
        }
        svg.close("g");
        axis(svg, x, y, h, s, log ? Ticks.logWithin(lo, hi).values() : Ticks.within(lo, hi, 6).values(), label);
    }

    private static void axis(Svg svg, double x, double y, double h, Scale s, double[] ticks, String label) {
        svg.empty("rect", "x", Svg.px(x), "y", Svg.px(y), "width", Svg.px(WIDTH), "height", Svg.px(h), "fill", "none",
            "stroke", "#444444");
        svg.open("g", "class", "colorbar-axis", "font-size", Svg.num(Frame.TICK_FONT), "fill", "#333333").raw("\n");
        StringBuilder d = new StringBuilder();
        for (double v : ticks) {
            double p = s.px(v);
            d.append('M').append(Svg.px(x + WIDTH)).append(' ').append(Svg.px(p)).append("h4");
            svg.text("text", Svg.num(v), "class", "tick", "data-value", Svg.num(v), "x", Svg.px(x + WIDTH + 7),
                "y", Svg.px(p + 4));
        }
        if (d.length() > 0) svg.empty("path", "d", d.toString(), "stroke", "#444444", "fill", "none");
        double lx = x + WIDTH + 12 + Frame.maxWidth(ticks) + 10, ly = y + h / 2;
        svg.text("text", label, "class", "axis-label", "x", Svg.px(lx), "y", Svg.px(ly), "text-anchor", "middle",
            "font-size", Svg.num(Frame.LABEL_FONT), "transform", "rotate(90 " + Svg.px(lx) + " " + Svg.px(ly) + ")");
        svg.close("g");
    }
}
