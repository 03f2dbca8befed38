package dev.basin.report.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws series in data units onto scales: lines split into unbroken runs, bands, markers, labels. Each series is
 * a {@code g.series} carrying its name; geometry carries its data values so readers can compare them with SQL.
 */
final class SeriesDraw {
    private final Svg svg;
    private final Scale xs, ys;
    private final String clip;

    SeriesDraw(Svg svg, Scale xs, Scale ys, String clip) {
        this.svg = svg;
        this.xs = xs;
        this.ys = ys;
        this.clip = clip;
    }

    void line(String name, double[] x, double[] y, Style s) {
        open(name);
        String color = Palette.categorical(s.color());
        int n = Math.min(x.length, y.length);
        for (int[] run : runs(n, i -> ok(x[i], y[i]))) {
            StringBuilder d = new StringBuilder();
            for (int i = run[0]; i < run[1]; i++)
                d.append(i == run[0] ? "M" : "L").append(Svg.px(xs.px(x[i]))).append(' ').append(Svg.px(ys.px(y[i])));
            svg.empty("path", "class", "line", "data-xs", Svg.nums(x, run[0], run[1]),
                "data-ys", Svg.nums(y, run[0], run[1]), "d", d.toString(), "fill", "none", "stroke", color,
                "stroke-width", Svg.num(2 * s.size()), "stroke-opacity", s.opacity() >= 1 ? null : Svg.num(s.opacity()),
                "stroke-dasharray", s.dashed() ? "6 4" : null, "stroke-linejoin", "round", "stroke-linecap", "round",
                "clip-path", "url(#" + clip + ")");
        }
        if (s.marker() != Marker.NONE) markers(x, y, s, color);
        svg.close("g");
    }

    void band(String name, double[] x, double[] lo, double[] hi, Style s) {
        open(name);
        String color = Palette.categorical(s.color());
        int n = Math.min(x.length, Math.min(lo.length, hi.length));
        for (int[] run : runs(n, i -> ok(x[i], lo[i]) && ok(x[i], hi[i]))) {
            StringBuilder d = new StringBuilder();
            for (int i = run[0]; i < run[1]; i++)
                d.append(i == run[0] ? "M" : "L").append(Svg.px(xs.px(x[i]))).append(' ').append(Svg.px(ys.px(lo[i])));
            for (int i = run[1] - 1; i >= run[0]; i--)
                d.append('L').append(Svg.px(xs.px(x[i]))).append(' ').append(Svg.px(ys.px(hi[i])));
            d.append('Z');
            svg.empty("path", "class", "area", "data-xs", Svg.nums(x, run[0], run[1]),
                "data-los", Svg.nums(lo, run[0], run[1]), "data-his", Svg.nums(hi, run[0], run[1]),
                "d", d.toString(), "fill", color, "fill-opacity", Svg.num(0.22 * s.opacity()), "stroke", "none",
                "clip-path", "url(#" + clip + ")");
        }
        svg.close("g");
    }

    void points(String name, double[] x, double[] y, Style s) {
        open(name);
        markers(x, y, s.marker() == Marker.NONE ? s.withMarker(Marker.CIRCLE) : s, Palette.categorical(s.color()));
        svg.close("g");
    }

    void hline(String name, double y, Style s) {
        if (!ys.drawable(y)) return;
        open(name);
        double p = ys.px(y);
        svg.empty("path", "class", "line hline", "data-xs", Svg.num(xs.d0()) + " " + Svg.num(xs.d1()),
            "data-ys", Svg.num(y) + " " + Svg.num(y),
            "d", "M" + Svg.px(xs.p0()) + " " + Svg.px(p) + "H" + Svg.px(xs.p1()), "fill", "none",
            "stroke", Palette.categorical(s.color()), "stroke-width", Svg.num(1.5 * s.size()),
            "stroke-opacity", s.opacity() >= 1 ? null : Svg.num(s.opacity()),
            "stroke-dasharray", s.dashed() ? "6 4" : null, "clip-path", "url(#" + clip + ")");
        svg.close("g");
    }

    void labels(List<double[]> xy, List<String> text) {
        if (xy.isEmpty()) return;
        // A white halo under each glyph (stroke painted first) keeps labels legible on dark contour bands and lines.
        svg.open("g", "class", "labels", "font-size", "11", "fill", "#222222", "stroke", "#ffffff", "stroke-width", "3",
            "stroke-linejoin", "round", "paint-order", "stroke").raw("\n");
        for (int i = 0; i < xy.size(); i++) {
            double[] p = xy.get(i);
            if (!ok(p[0], p[1]) || !inside(p[0], p[1])) continue;
            svg.text("text", text.get(i), "class", "label", "data-x", Svg.num(p[0]), "data-y", Svg.num(p[1]),
                "x", Svg.px(xs.px(p[0]) + 6), "y", Svg.px(ys.px(p[1]) - 6));
        }
        svg.close("g");
    }

    private void markers(double[] x, double[] y, Style s, String color) {
        int n = Math.min(x.length, y.length);
        double r = 3.5 * s.size();
        for (int i = 0; i < n; i++) {
            if (!ok(x[i], y[i]) || !inside(x[i], y[i])) continue;
            Markers.draw(svg, s.marker(), xs.px(x[i]), ys.px(y[i]), r, color, s.opacity(), x[i], y[i], "");
        }
    }

    private void open(String name) {
        svg.open("g", "class", "series", "data-series", name == null ? "" : name).raw("\n");
    }

    private boolean ok(double x, double y) { return xs.drawable(x) && ys.drawable(y); }

    /** Within the axis ranges (with a hair of slack for rounding at the ends). */
    private boolean inside(double x, double y) {
        return within(x, xs) && within(y, ys);
    }

    private static boolean within(double v, Scale s) {
        double lo = Math.min(s.d0(), s.d1()), hi = Math.max(s.d0(), s.d1()), eps = (hi - lo) * 1e-9;
        return v >= lo - eps && v <= hi + eps;
    }

    /** Maximal runs [from, to) of consecutive indices where {@code good} holds. */
    static List<int[]> runs(int n, java.util.function.IntPredicate good) {
        List<int[]> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= n; i++) {
            boolean g = i < n && good.test(i);
            if (g && start < 0) start = i;
            if (!g && start >= 0) {
                out.add(new int[] {start, i});
                start = -1;
            }
        }
        return out;
    }
}
