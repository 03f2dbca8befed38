package dev.basin.report.plot;

/** Draws one marker as an element of class {@code point}, carrying its data coordinates. */
final class Markers {
    private Markers() {}

    /**
     * @param cls extra classes after {@code point} (may be empty)
     */
    static void draw(Svg svg, Marker m, double px, double py, double r, String color, double opacity,
                     double dataX, double dataY, String cls) {
        String c = cls.isEmpty() ? "point" : "point " + cls;
        String dx = Svg.num(dataX), dy = Svg.num(dataY);
        String op = opacity >= 1 ? null : Svg.num(opacity);
        switch (m) {
            case SQUARE -> svg.empty("rect", "class", c, "data-x", dx, "data-y", dy, "x", Svg.px(px - r * 0.9),
                "y", Svg.px(py - r * 0.9), "width", Svg.px(r * 1.8), "height", Svg.px(r * 1.8), "fill", color,
                "fill-opacity", op);
            case TRIANGLE -> svg.empty("path", "class", c, "data-x", dx, "data-y", dy, "d",
                "M" + Svg.px(px) + " " + Svg.px(py - r * 1.15) + "L" + Svg.px(px + r * 1.05) + " "
                    + Svg.px(py + r * 0.75) + "L" + Svg.px(px - r * 1.05) + " " + Svg.px(py + r * 0.75) + "Z",
                "fill", color, "fill-opacity", op);
            case DIAMOND -> svg.empty("path", "class", c, "data-x", dx, "data-y", dy, "d",
                "M" + Svg.px(px) + " " + Svg.px(py - r * 1.2) + "L" + Svg.px(px + r * 1.2) + " " + Svg.px(py)
                    + "L" + Svg.px(px) + " " + Svg.px(py + r * 1.2) + "L" + Svg.px(px - r * 1.2) + " " + Svg.px(py)
                    + "Z", "fill", color, "fill-opacity", op);
            case CROSS -> svg.empty("path", "class", c, "data-x", dx, "data-y", dy, "d",
                "M" + Svg.px(px - r) + " " + Svg.px(py - r) + "L" + Svg.px(px + r) + " " + Svg.px(py + r)
                    + "M" + Svg.px(px - r) + " " + Svg.px(py + r) + "L" + Svg.px(px + r) + " " + Svg.px(py - r),
                "fill", "none", "stroke", color, "stroke-width", Svg.num(Math.max(1.5, r / 2)), "stroke-opacity", op);
            default -> svg.empty("circle", "class", c, "data-x", dx, "data-y", dy, "cx", Svg.px(px),
                "cy", Svg.px(py), "r", Svg.px(r), "fill", color, "fill-opacity", op);
        }
    }
}
