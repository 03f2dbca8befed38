package dev.basin.report.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * A scalar field on a grid drawn as filled contour bands with contour lines (marching squares), a colour bar,
 * and overlays (anchors, projected points, labels), as one SVG document.
 *
 * <p>Markup: root {@code data-kind="contour"} with the axis ranges, {@code data-value-min/max} (the colour scale),
 * {@code data-grid-nx/ny} and {@code data-levels}; one {@code path.band[data-lo][data-hi]} per band (the outer
 * bands also take values beyond the scale), one {@code path.contour[data-level]} per level; overlays as in
 * {@link Plot} ({@code g.series}, {@code .point}).
 */
public final class ContourPlot {
    private final String title, xLabel, yLabel, zLabel;
    private final double[] xs, ys;
    private final double[][] z;
    private double[] levels, fixed, xFixed, yFixed;
    private boolean log, equal;
    private final List<Object[]> overlays = new ArrayList<>();
    private final List<double[]> labelXy = new ArrayList<>();
    private final List<String> labelText = new ArrayList<>();

    private ContourPlot(String title, String xLabel, String yLabel, double[] xs, double[] ys, double[][] z,
                        String zLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.xs = xs.clone();
        this.ys = ys.clone();
        this.z = new double[z.length][];
        for (int i = 0; i < z.length; i++) this.z[i] = z[i].clone();
        this.zLabel = zLabel;
    }

    /** {@code z[iy][ix]} at ({@code xs[ix]}, {@code ys[iy]}); both coordinate arrays strictly increasing. */
    public static ContourPlot of(String title, String xLabel, String yLabel, double[] xs, double[] ys, double[][] z,
                                 String zLabel) {
        return new ContourPlot(title, xLabel, yLabel, xs, ys, z, zLabel);
    }

    /**
     * Contour levels (default: about 10 "nice" levels across the range). Levels beyond the field's values still
     * count on the colour scale, so two figures given the same levels colour them alike.
     */
    public ContourPlot levels(double[] levels) { this.levels = levels.clone(); return this; }

    /** Levels spaced evenly in log(z) (losses spanning decades); z must be positive. */
    public ContourPlot logLevels() { log = true; return this; }

    /** Fix the colour scale (e.g. shared by two studies side by side); default: the field's min and max. */
    public ContourPlot range(double lo, double hi) { fixed = new double[] {Math.min(lo, hi), Math.max(lo, hi)}; return this; }

    /**
     * Fix the x axis (e.g. shared by two studies side by side); the grid and overlays outside it are clipped.
     * Default: the grid's and the overlays' extent.
     */
    public ContourPlot xRange(double lo, double hi) { xFixed = new double[] {Math.min(lo, hi), Math.max(lo, hi)}; return this; }

    /** Fix the y axis, as {@link #xRange}. */
    public ContourPlot yRange(double lo, double hi) { yFixed = new double[] {Math.min(lo, hi), Math.max(lo, hi)}; return this; }

    /** Same data units per pixel on both axes (planes spanned by orthonormal directions). */
    public ContourPlot equalAspect() { equal = true; return this; }

    public ContourPlot points(String name, double[] x, double[] y, Style style) {
        overlays.add(new Object[] {name, x.clone(), y.clone(), style});
        return this;
    }

    public ContourPlot labels(double[] x, double[] y, String[] text) {
        for (int i = 0; i < Math.min(Math.min(x.length, y.length), text.length); i++) {
            labelXy.add(new double[] {x[i], y[i]});
            labelText.add(text[i]);
        }
        return this;
    }

    public String svg() {
        int nx = xs.length, ny = ys.length;
        boolean gridOk = nx >= 2 && ny >= 2 && z.length == ny && rowsMatch(nx);
        double[] zr = zRange(gridOk);
        boolean useLog = log && zr[0] > 0;
        double[] lv = levels != null ? ContourLevels.inside(levels, zr[0], zr[1])
            : useLog ? ContourLevels.log(zr[0], zr[1], 10) : ContourLevels.nice(zr[0], zr[1], 10);
        double[] bounds = ContourLevels.bounds(zr[0], lv, zr[1]);
        String[] colors = ContourLevels.colors(bounds, useLog);

        Extent.Range xe = new Extent.Range(false), ye = new Extent.Range(false);
        if (gridOk) { xe.add(xs[0]); xe.add(xs[nx - 1]); ye.add(ys[0]); ye.add(ys[ny - 1]); }
        for (Object[] o : overlays) {
            double[] x = (double[]) o[1], y = (double[]) o[2];
            for (int i = 0; i < Math.min(x.length, y.length); i++)
                if (Double.isFinite(x[i]) && Double.isFinite(y[i])) { xe.add(x[i]); ye.add(y[i]); }
        }
        Ticks xt = axis(xFixed, xe, 7), yt = axis(yFixed, ye, 6);
        double barRoom = ColorBar.room(bounds[0], bounds[bounds.length - 1], useLog);
        Area a = new Area(640, 420, Frame.leftMargin(yt.values()), 40, barRoom, 56);
        if (equal) {
            double[][] r = Aspect.equalize(xt.lo(), xt.hi(), yt.lo(), yt.hi(), a.plotWidth(), a.plotHeight());
            xt = Ticks.within(r[0][0], r[0][1], 7);
            yt = Ticks.within(r[1][0], r[1][1], 6);
        }
        Scale sx = new Scale(xt.lo(), xt.hi(), a.left(), a.x1(), false);
        Scale sy = new Scale(yt.lo(), yt.hi(), a.y1(), a.top(), false);

        Svg svg = new Svg();
        Frame.root(svg, a, "contour", title, "data-x-min", Svg.num(xt.lo()), "data-x-max", Svg.num(xt.hi()),
            "data-y-min", Svg.num(yt.lo()), "data-y-max", Svg.num(yt.hi()),
            "data-value-min", Svg.num(bounds[0]), "data-value-max", Svg.num(bounds[bounds.length - 1]),
            "data-value-scale", useLog ? "log" : "linear",
            "data-grid-nx", Integer.toString(nx), "data-grid-ny", Integer.toString(ny),
            "data-levels", Svg.nums(lv, 0, lv.length));
        String clip = Frame.clip(svg, a, title + "|" + nx + "x" + ny + "|" + zr[0] + "|" + zr[1] + "|" + overlays.size());
        if (gridOk) {
            ContourDraw.bands(svg, MarchingSquares.bands(xs, ys, z, bounds), bounds, colors, sx, sy, clip);
            ContourDraw.lines(svg, xs, ys, z, lv, bounds, sx, sy, clip);
        }
        SeriesDraw draw = new SeriesDraw(svg, sx, sy, clip);
        for (Object[] o : overlays) draw.points((String) o[0], (double[]) o[1], (double[]) o[2], (Style) o[3]);
        draw.labels(labelXy, labelText);
        Frame.axes(svg, a, sx, xt, xLabel, sy, yt, yLabel);
        List<Legend.Entry> legend = new ArrayList<>();
        for (Object[] o : overlays)
            if (Legend.listed((String) o[0])) legend.add(new Legend.Entry((String) o[0], (String) o[0], (Style) o[3], false, false));
        if (legend.size() > 1) Legend.draw(svg, legend, a.left() + 12, a.top() + 10, a.plotHeight() / 2, true);
        ColorBar.bands(svg, a.x1() + 14, a.top(), a.plotHeight(), bounds, colors, useLog, zLabel);
        if (!gridOk || !hasFinite()) Frame.note(svg, a, "no data");
        svg.close("svg");
        return svg.toString();
    }

    private static Ticks axis(double[] fixed, Extent.Range data, int n) {
        if (fixed != null && fixed[1] > fixed[0]) return Ticks.within(fixed[0], fixed[1], n);
        return data.any() ? Ticks.within(data.lo(), data.hi(), n) : Ticks.linear(0, 1, n);
    }

    private boolean rowsMatch(int nx) {
        for (double[] r : z) if (r.length != nx) return false;
        return true;
    }

    private boolean hasFinite() {
        for (double[] r : z) for (double v : r) if (Double.isFinite(v)) return true;
        return false;
    }

    /** The colour scale: fixed, or the field's finite min and max (positive ones only for log levels). */
    private double[] zRange(boolean gridOk) {
        if (fixed != null && fixed[1] > fixed[0]) return fixed;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        if (gridOk) for (double[] r : z) for (double v : r) if (Double.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        if (levels != null) {
            // Explicit levels (e.g. shared by studies side by side) widen the colour scale, so equal levels get
            // equal colours in both figures.
            for (double v : levels) {
                if (!Double.isFinite(v) || (log && v <= 0)) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) return new double[] {0, 1};
        if (lo == hi) return lo > 0 ? new double[] {lo / 2, hi * 2} : new double[] {lo - 1, hi + 1};
        return new double[] {lo, hi};
    }
}
