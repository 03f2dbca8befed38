package dev.basin.report.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An x-y chart drawn as one standalone SVG document: axes with ticks and labels, series, legend.
 * Build it, then call {@link #svg()}. Deterministic: the same calls give the same bytes.
 *
 * <p>Markup (read back by tests): root {@code data-kind="plot"} with {@code data-x-min/max, data-y-min/max} (the
 * ranges drawn); each series a {@code g.series[data-series]}; markers {@code .point[data-x][data-y]}; each
 * unbroken run of a line a {@code path.line[data-xs][data-ys]} (NaN splits a line into runs); bands
 * {@code path.area[data-xs][data-los][data-his]}. Values outside a fixed range are clipped (lines) or left out
 * (markers); NaN, infinities and, on log axes, non-positive values are skipped.
 */
public final class Plot {
    private enum Kind { LINE, BAND, POINTS, HLINE }

    private record Series(Kind kind, String name, double[] x, double[] y, double[] hi, Style style) {}

    private final String title, xLabel, yLabel;
    private final List<Series> series = new ArrayList<>();
    private final List<double[]> labelXy = new ArrayList<>();
    private final List<String> labelText = new ArrayList<>();
    private final Map<String, String> legendNames = new LinkedHashMap<>();
    private boolean xLog, yLog, equal;
    private double[] xFixed, yFixed;
    private double width = 640, height = 420;
    private String note;

    private Plot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public static Plot of(String title, String xLabel, String yLabel) { return new Plot(title, xLabel, yLabel); }

    public Plot xLog() { xLog = true; return this; }

    public Plot yLog() { yLog = true; return this; }

    public Plot xRange(double lo, double hi) { xFixed = new double[] {Math.min(lo, hi), Math.max(lo, hi)}; return this; }

    public Plot yRange(double lo, double hi) { yFixed = new double[] {Math.min(lo, hi), Math.max(lo, hi)}; return this; }

    /** Same scale on both axes (t-SNE, planes). */
    public Plot equalAspect() { equal = true; return this; }

    /** Figure size in pixels (default 640 x 420). */
    public Plot size(double w, double h) { width = Math.max(200, w); height = Math.max(150, h); return this; }

    /** A grey note in the middle of the plot area (e.g. why a figure is sparse). */
    public Plot note(String text) { note = text; return this; }

    /** A polyline through the points (NaN breaks the line), markers per {@code style}. */
    public Plot line(String name, double[] x, double[] y, Style style) {
        series.add(new Series(Kind.LINE, name, x.clone(), y.clone(), null, style));
        return this;
    }

    /** A shaded band between {@code lo} and {@code hi} (e.g. mean ± sd). */
    public Plot band(String name, double[] x, double[] lo, double[] hi, Style style) {
        series.add(new Series(Kind.BAND, name, x.clone(), lo.clone(), hi.clone(), style));
        return this;
    }

    /** Markers only. */
    public Plot points(String name, double[] x, double[] y, Style style) {
        series.add(new Series(Kind.POINTS, name, x.clone(), y.clone(), null, style));
        return this;
    }

    /** Text labels next to points. */
    public Plot labels(double[] x, double[] y, String[] text) {
        for (int i = 0; i < Math.min(Math.min(x.length, y.length), text.length); i++) {
            labelXy.add(new double[] {x[i], y[i]});
            labelText.add(text[i]);
        }
        return this;
    }

    /**
     * Shows {@code series} in the legend as {@code shown} (a short name where the full one would be cut off); the
     * series keeps its full name in {@code data-series}.
     */
    public Plot legendName(String series, String shown) {
        legendNames.put(series, shown);
        return this;
    }

    /** A horizontal reference line across the plot. */
    public Plot hline(String name, double y, Style style) {
        series.add(new Series(Kind.HLINE, name, new double[0], new double[] {y}, null, style));
        return this;
    }

    public String svg() {
        Extent ex = extent();
        boolean empty = !ex.x().any() || !ex.y().any();
        Ticks xt = ticks(xFixed, ex.x(), xLog, 7), yt = ticks(yFixed, ex.y(), yLog, 6);
        List<Legend.Entry> legend = legendEntries();
        double legendW = legend.size() > 1 ? Legend.width(legend) : 0;
        Area a = new Area(width, height, Frame.leftMargin(yt.values()), 40, 20 + legendW, 56);
        if (equal && !xLog && !yLog) {
            double[][] r = Aspect.equalize(xt.lo(), xt.hi(), yt.lo(), yt.hi(), a.plotWidth(), a.plotHeight());
            xt = Ticks.within(r[0][0], r[0][1], 7);
            yt = Ticks.within(r[1][0], r[1][1], 6);
        }
        Scale xs = new Scale(xt.lo(), xt.hi(), a.left(), a.x1(), xLog);
        Scale ys = new Scale(yt.lo(), yt.hi(), a.y1(), a.top(), yLog);

        Svg svg = new Svg();
        Frame.root(svg, a, "plot", title, "data-x-min", Svg.num(xt.lo()), "data-x-max", Svg.num(xt.hi()),
            "data-y-min", Svg.num(yt.lo()), "data-y-max", Svg.num(yt.hi()), "data-x-scale", xLog ? "log" : "linear",
            "data-y-scale", yLog ? "log" : "linear");
        String clip = Frame.clip(svg, a, title + "|" + xLabel + "|" + yLabel + "|" + series.size() + "|" + ex);
        Frame.grid(svg, a, xs, xt, ys, yt);
        SeriesDraw draw = new SeriesDraw(svg, xs, ys, clip);
        for (Kind pass : new Kind[] {Kind.BAND, Kind.HLINE, Kind.LINE, Kind.POINTS}) {
            for (Series s : series) {
                if (s.kind() != pass) continue;
                switch (s.kind()) {
                    case BAND -> draw.band(s.name(), s.x(), s.y(), s.hi(), s.style());
                    case LINE -> draw.line(s.name(), s.x(), s.y(), s.style());
                    case POINTS -> draw.points(s.name(), s.x(), s.y(), s.style());
                    case HLINE -> draw.hline(s.name(), s.y()[0], s.style());
                }
            }
        }
        draw.labels(labelXy, labelText);
        Frame.axes(svg, a, xs, xt, xLabel, ys, yt, yLabel);
        if (legend.size() > 1) Legend.draw(svg, legend, a.x1() + 12, a.top(), a.plotHeight());
        if (empty) Frame.note(svg, a, "no data");
        else if (note != null) Frame.note(svg, a, note);
        svg.close("svg");
        return svg.toString();
    }

    private static Ticks ticks(double[] fixed, Extent.Range data, boolean log, int n) {
        if (log) {
            if (fixed != null && fixed[0] > 0) return Ticks.logWithin(fixed[0], fixed[1]);
            return data.any() ? Ticks.log(data.lo(), data.hi()) : Ticks.log(1, 10);
        }
        if (fixed != null) return Ticks.within(fixed[0], fixed[1], n);
        return data.any() ? Ticks.linear(data.lo(), data.hi(), n) : Ticks.linear(0, 1, n);
    }

    /** The data's extent on each axis, counting only values the axis can draw. */
    private Extent extent() {
        Extent.Range x = new Extent.Range(xLog), y = new Extent.Range(yLog);
        for (Series s : series) {
            if (s.kind() == Kind.HLINE) {
                y.add(s.y()[0]);
                continue;
            }
            int n = Math.min(s.x().length, s.y().length);
            for (int i = 0; i < n; i++) {
                double hi = s.hi() == null ? s.y()[i] : s.hi()[i];
                if (!x.ok(s.x()[i]) || !y.ok(s.y()[i]) || !y.ok(hi)) continue;
                x.add(s.x()[i]);
                y.add(s.y()[i]);
                y.add(hi);
            }
        }
        for (double[] p : labelXy) if (x.ok(p[0]) && y.ok(p[1])) { x.add(p[0]); y.add(p[1]); }
        return new Extent(x, y);
    }

    private List<Legend.Entry> legendEntries() {
        Map<String, Legend.Entry> byName = new LinkedHashMap<>();
        for (Series s : series) {
            if (!Legend.listed(s.name())) continue;
            boolean line = s.kind() == Kind.LINE || s.kind() == Kind.HLINE;
            boolean area = s.kind() == Kind.BAND;
            Style st = s.kind() == Kind.POINTS && s.style().marker() == Marker.NONE
                ? s.style().withMarker(Marker.CIRCLE) : s.style();
            Legend.Entry old = byName.get(s.name());
            String shown = legendNames.getOrDefault(s.name(), s.name());
            byName.put(s.name(), old == null ? new Legend.Entry(s.name(), shown, st, line, area)
                : new Legend.Entry(s.name(), shown, old.line() || !line ? old.style() : st, old.line() || line,
                    old.area() || area));
        }
        return new ArrayList<>(byName.values());
    }
}
