package dev.basin.report.plot;

import java.util.List;

/** The legend: one row per named series (line sample and/or marker, then the name), right of the plot area. */
final class Legend {
    static final double FONT = 12, ROW = 18, SAMPLE = 24;

    /** One legend row: the series' name (its {@code data-series}) and the text shown for it. */
    record Entry(String name, String label, Style style, boolean line, boolean area) {}

    private Legend() {}

    /** Series names starting with '_' are drawn but not listed (e.g. faint sample clouds). */
    static boolean listed(String name) {
        return name != null && !name.isEmpty() && !name.startsWith("_");
    }

    /** Width the legend needs, 0 when there is nothing to list. */
    static double width(List<Entry> entries) {
        double w = 0;
        for (Entry e : entries) w = Math.max(w, Svg.textWidth(e.label(), FONT));
        return entries.isEmpty() ? 0 : Math.min(200, w) + SAMPLE + 24;
    }

    static void draw(Svg svg, List<Entry> entries, double x, double y, double maxHeight) {
        draw(svg, entries, x, y, maxHeight, false);
    }

    /** @param boxed on a white panel, for a legend drawn over data (contour plots) */
    static void draw(Svg svg, List<Entry> entries, double x, double y, double maxHeight, boolean boxed) {
        if (entries.isEmpty()) return;
        svg.open("g", "class", "legend", "font-size", Svg.num(FONT), "fill", "#222222").raw("\n");
        int rows = (int) Math.max(1, Math.floor(maxHeight / ROW));
        if (boxed) svg.empty("rect", "x", Svg.px(x - 6), "y", Svg.px(y - 4), "width", Svg.px(width(entries) - 12),
            "height", Svg.px(Math.min(rows, entries.size()) * ROW + 8), "fill", "#ffffff", "fill-opacity", "0.85",
            "stroke", "#bbbbbb", "rx", "3");
        for (int i = 0; i < entries.size() && i < rows; i++) {
            Entry e = entries.get(i);
            double cy = y + i * ROW + ROW / 2;
            boolean last = i == rows - 1 && entries.size() > rows;
            String name = last ? "… " + (entries.size() - i) + " more" : e.label();
            Style s = e.style();
            String color = Palette.categorical(s.color());
            if (!last) {
                svg.open("g", "class", "legend-entry", "data-series", e.name()).raw("\n");
                if (e.area()) svg.empty("rect", "x", Svg.px(x), "y", Svg.px(cy - 5), "width", Svg.px(SAMPLE),
                    "height", "10", "fill", color, "fill-opacity", Svg.num(0.25 * s.opacity()));
                if (e.line()) svg.empty("path", "d", "M" + Svg.px(x) + " " + Svg.px(cy) + "h" + Svg.px(SAMPLE),
                    "stroke", color, "stroke-width", Svg.num(2 * s.size()), "stroke-opacity",
                    s.opacity() >= 1 ? null : Svg.num(s.opacity()), "stroke-dasharray", s.dashed() ? "6 4" : null,
                    "fill", "none");
                if (s.marker() != Marker.NONE) markerSample(svg, s, x + SAMPLE / 2, cy, color);
                svg.close("g");
            }
            String shown = Svg.textWidth(name, FONT) > 200 ? name.substring(0, (int) (200 / (FONT * 0.58))) + "…" : name;
            svg.text("text", shown, "x", Svg.px(x + SAMPLE + 6), "y", Svg.px(cy + 4));
        }
        svg.close("g");
    }

    /** A marker in the legend: same shape, but without class "point" so it is not counted as data. */
    private static void markerSample(Svg svg, Style s, double cx, double cy, String color) {
        Svg tmp = new Svg();
        Markers.draw(tmp, s.marker(), cx, cy, 4 * s.size(), color, Math.max(s.opacity(), 0.6), 0, 0, "");
        svg.raw(tmp.toString().replace("class=\"point\" data-x=\"0\" data-y=\"0\" ", "class=\"legend-marker\" "));
    }
}
