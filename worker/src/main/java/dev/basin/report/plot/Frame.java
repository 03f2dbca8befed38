package dev.basin.report.plot;

/**
 * The parts of a figure around the data: root element, background, title, grid, axes, ticks, tick labels,
 * axis labels, the clip rectangle for data. Shared by {@link Plot} and {@link ContourPlot}.
 */
final class Frame {
    static final double TICK_FONT = 12, LABEL_FONT = 13, TITLE_FONT = 15;

    private Frame() {}

    /** The root {@code <svg>} element with its size, kind and ranges, plus a white background and the title. */
    static void root(Svg svg, Area a, String kind, String title, String... extra) {
        String[] base = {
            "xmlns", "http://www.w3.org/2000/svg", "version", "1.1",
            "viewBox", "0 0 " + Svg.px(a.width()) + " " + Svg.px(a.height()),
            "width", Svg.px(a.width()), "height", Svg.px(a.height()),
            "font-family", Svg.FONT, "data-kind", kind};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        svg.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.open("svg", all).raw("\n");
        svg.text("title", title == null ? "" : title);
        svg.empty("rect", "class", "background", "x", "0", "y", "0", "width", Svg.px(a.width()),
            "height", Svg.px(a.height()), "fill", "#ffffff");
        svg.text("text", title == null ? "" : title, "class", "figure-title", "x", Svg.px(a.width() / 2), "y", "24",
            "text-anchor", "middle", "font-size", Svg.num(TITLE_FONT), "font-weight", "600", "fill", "#222222");
    }

    /** A clip path for the plot area; its id comes from the figure's content so inlined figures do not collide. */
    static String clip(Svg svg, Area a, String seed) {
        String id = Svg.id("plot-area", seed + a);
        svg.open("clipPath", "id", id).empty("rect", "x", Svg.px(a.left()), "y", Svg.px(a.top()),
            "width", Svg.px(a.plotWidth()), "height", Svg.px(a.plotHeight())).close("clipPath");
        return id;
    }

    /** Light grid lines at the ticks, under the data. */
    static void grid(Svg svg, Area a, Scale x, Ticks xt, Scale y, Ticks yt) {
        StringBuilder d = new StringBuilder();
        for (double v : xt.values()) d.append("M").append(Svg.px(x.px(v))).append(' ').append(Svg.px(a.top()))
            .append("V").append(Svg.px(a.y1()));
        for (double v : yt.values()) d.append("M").append(Svg.px(a.left())).append(' ').append(Svg.px(y.px(v)))
            .append("H").append(Svg.px(a.x1()));
        if (d.length() > 0) svg.empty("path", "class", "grid", "d", d.toString(), "stroke", "#e5e5e5",
            "stroke-width", "1", "fill", "none");
    }

    /** Axes box, ticks with labels, and the axis labels, over the data. */
    static void axes(Svg svg, Area a, Scale x, Ticks xt, String xLabel, Scale y, Ticks yt, String yLabel) {
        svg.empty("rect", "class", "axes", "x", Svg.px(a.left()), "y", Svg.px(a.top()), "width", Svg.px(a.plotWidth()),
            "height", Svg.px(a.plotHeight()), "fill", "none", "stroke", "#444444", "stroke-width", "1");
        svg.open("g", "class", "x-axis", "font-size", Svg.num(TICK_FONT), "fill", "#333333", "text-anchor", "middle")
            .raw("\n");
        StringBuilder d = new StringBuilder();
        for (double v : xt.values()) {
            double p = x.px(v);
            d.append("M").append(Svg.px(p)).append(' ').append(Svg.px(a.y1())).append("v5");
            svg.text("text", Svg.num(v), "class", "tick", "data-value", Svg.num(v), "x", Svg.px(p),
                "y", Svg.px(a.y1() + 18));
        }
        if (d.length() > 0) svg.empty("path", "d", d.toString(), "stroke", "#444444", "fill", "none");
        svg.text("text", xLabel, "class", "axis-label", "x", Svg.px(a.cx()), "y", Svg.px(a.y1() + 40),
            "font-size", Svg.num(LABEL_FONT));
        svg.close("g");
        svg.open("g", "class", "y-axis", "font-size", Svg.num(TICK_FONT), "fill", "#333333", "text-anchor", "end")
            .raw("\n");
        d.setLength(0);
        for (double v : yt.values()) {
            double p = y.px(v);
            d.append("M").append(Svg.px(a.left())).append(' ').append(Svg.px(p)).append("h-5");
            svg.text("text", Svg.num(v), "class", "tick", "data-value", Svg.num(v), "x", Svg.px(a.left() - 8),
                "y", Svg.px(p + 4));
        }
        if (d.length() > 0) svg.empty("path", "d", d.toString(), "stroke", "#444444", "fill", "none");
        double lx = Math.max(14, a.left() - 12 - maxWidth(yt.values()));
        svg.text("text", yLabel, "class", "axis-label", "x", Svg.px(lx), "y", Svg.px(a.cy()),
            "text-anchor", "middle", "font-size", Svg.num(LABEL_FONT),
            "transform", "rotate(-90 " + Svg.px(lx) + " " + Svg.px(a.cy()) + ")");
        svg.close("g");
    }

    /** Width in pixels of the widest tick label. */
    static double maxWidth(double[] ticks) {
        double w = 0;
        for (double v : ticks) w = Math.max(w, Svg.textWidth(Svg.num(v), TICK_FONT));
        return w;
    }

    /** Left margin that fits the y tick labels and the rotated y label. */
    static double leftMargin(double[] yTicks) {
        return Math.max(56, maxWidth(yTicks) + 34);
    }

    /** A centred grey note (e.g. "no data"). */
    static void note(Svg svg, Area a, String text) {
        svg.text("text", text, "class", "note", "x", Svg.px(a.cx()), "y", Svg.px(a.cy()), "text-anchor", "middle",
            "font-size", "14", "fill", "#777777");
    }
}
