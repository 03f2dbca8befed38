package dev.basin.report.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Contours of a field {@code z[iy][ix]} sampled on a rectilinear grid ({@code xs}, {@code ys} increasing), in data
 * coordinates. Cells with a non-finite corner are left out.
 *
 * <p>Lines: classic marching squares, linear interpolation along cell edges; a saddle cell (opposite corners on
 * the same side) is resolved by the cell mean: when the mean is on the high side, the high corners connect.
 *
 * <p>Bands: each cell is clipped against {@code lo <= z < hi} as a polygon (Sutherland-Hodgman with z
 * interpolated along edges), so neighbouring cells share their edge points and the bands tile the grid exactly.
 * A cell that is a saddle for either bound is first split into four triangles around its centre (z = the cell
 * mean), where z is linear and clipping is exact, the same disambiguation as the lines.
 */
final class MarchingSquares {
    private MarchingSquares() {}

    /** A vertex: position and field value. */
    private record P(double x, double y, double z) {}

    /** Contour segments at {@code level}, each {x1, y1, x2, y2}. */
    static List<double[]> lines(double[] xs, double[] ys, double[][] z, double level) {
        return lines(xs, ys, z, level, new double[0]);
    }

    /**
     * Contour segments at {@code level}, drawn the way {@link #bands} cuts cells: a cell that is a saddle for any
     * of {@code bounds} is split into triangles, so the lines lie exactly on the band edges.
     */
    static List<double[]> lines(double[] xs, double[] ys, double[][] z, double level, double[] bounds) {
        List<double[]> out = new ArrayList<>();
        for (int j = 0; j + 1 < ys.length; j++) {
            for (int i = 0; i + 1 < xs.length; i++) {
                double a = z[j][i], b = z[j][i + 1], c = z[j + 1][i + 1], d = z[j + 1][i];
                if (!finite(a, b, c, d)) continue;
                if (level < min(a, b, c, d) || level > max(a, b, c, d)) continue;
                if (saddleAny(bounds, a, b, c, d)) {
                    for (List<P> t : triangles(new P(xs[i], ys[j], a), new P(xs[i + 1], ys[j], b),
                            new P(xs[i + 1], ys[j + 1], c), new P(xs[i], ys[j + 1], d))) {
                        List<P> cut = new ArrayList<>(2);
                        for (int e = 0; e < 3; e++) {
                            P p = t.get(e), q = t.get((e + 1) % 3);
                            if ((p.z() >= level) != (q.z() >= level)) cut.add(at(p, q, level));
                        }
                        if (cut.size() == 2)
                            seg(out, new double[] {cut.get(0).x(), cut.get(0).y()},
                                new double[] {cut.get(1).x(), cut.get(1).y()});
                    }
                    continue;
                }
                int cs = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0) | (d >= level ? 8 : 0);
                if (cs == 0 || cs == 15) continue;
                // Edge crossings: bottom (a-b), right (b-c), top (d-c), left (a-d); each in one canonical direction.
                double[] e0 = cross(xs[i], ys[j], a, xs[i + 1], ys[j], b, level);
                double[] e1 = cross(xs[i + 1], ys[j], b, xs[i + 1], ys[j + 1], c, level);
                double[] e2 = cross(xs[i], ys[j + 1], d, xs[i + 1], ys[j + 1], c, level);
                double[] e3 = cross(xs[i], ys[j], a, xs[i], ys[j + 1], d, level);
                boolean centreHigh = (a + b + c + d) / 4 >= level;
                if (cs == 5 || cs == 10) {
                    // Saddle. Centre high joins the high corners, so the low corners are cut off, and vice versa.
                    boolean cutAC = (cs == 5) != centreHigh;
                    if (cutAC) { seg(out, e0, e3); seg(out, e1, e2); }
                    else { seg(out, e0, e1); seg(out, e2, e3); }
                    continue;
                }
                List<double[]> pts = new ArrayList<>(2);
                if (e0 != null) pts.add(e0);
                if (e1 != null) pts.add(e1);
                if (e2 != null) pts.add(e2);
                if (e3 != null) pts.add(e3);
                if (pts.size() == 2) seg(out, pts.get(0), pts.get(1));
            }
        }
        return out;
    }

    /**
     * Band polygons: for each band k between {@code bounds[k]} and {@code bounds[k+1]}, a list of polygons, each
     * {x0, y0, x1, y1, ...}. The first band extends down to -infinity and the last up to +infinity, so every
     * finite cell is covered exactly once. Runs of cells wholly inside one band merge into one rectangle.
     */
    static List<List<double[]>> bands(double[] xs, double[] ys, double[][] z, double[] bounds) {
        int nb = bounds.length - 1;
        List<List<double[]>> out = new ArrayList<>();
        for (int k = 0; k < nb; k++) out.add(new ArrayList<>());
        for (int j = 0; j + 1 < ys.length; j++) {
            int runBand = -1, runStart = 0;
            for (int i = 0; i + 1 < xs.length; i++) {
                double a = z[j][i], b = z[j][i + 1], c = z[j + 1][i + 1], d = z[j + 1][i];
                int whole = finite(a, b, c, d) ? wholeBand(bounds, a, b, c, d) : -2;
                if (whole != runBand && runBand >= 0)
                    out.get(runBand).add(rect(xs[runStart], ys[j], xs[i], ys[j + 1]));
                if (whole >= 0) {
                    if (whole != runBand) runStart = i;
                    runBand = whole;
                    continue;
                }
                runBand = -1;
                if (whole == -2) continue;
                P pa = new P(xs[i], ys[j], a), pb = new P(xs[i + 1], ys[j], b);
                P pc = new P(xs[i + 1], ys[j + 1], c), pd = new P(xs[i], ys[j + 1], d);
                // One cut for all bands of a cell, or neighbouring bands would disagree on their shared edge.
                List<List<P>> pieces = saddleAny(bounds, a, b, c, d)
                    ? triangles(pa, pb, pc, pd) : List.of(List.of(pa, pb, pc, pd));
                double cellArea = (xs[i + 1] - xs[i]) * (ys[j + 1] - ys[j]);
                for (int k = 0; k < nb; k++) {
                    double lo = k == 0 ? Double.NEGATIVE_INFINITY : bounds[k];
                    double hi = k == nb - 1 ? Double.POSITIVE_INFINITY : bounds[k + 1];
                    if (max(a, b, c, d) < lo || min(a, b, c, d) >= hi) continue;
                    for (List<P> piece : pieces) {
                        List<P> poly = clip(clip(piece, lo, true), hi, false);
                        if (poly.size() < 3) continue;
                        double[] f = flat(poly);
                        if (area(f) > cellArea * 1e-12) out.get(k).add(f);
                    }
                }
            }
            if (runBand >= 0) out.get(runBand).add(rect(xs[runStart], ys[j], xs[xs.length - 1], ys[j + 1]));
        }
        return out;
    }

    /** The band all four corners lie in, or -1 when they straddle a bound. */
    private static int wholeBand(double[] bounds, double a, double b, double c, double d) {
        int k = band(bounds, a);
        return k == band(bounds, b) && k == band(bounds, c) && k == band(bounds, d) ? k : -1;
    }

    /** Band index of a value: bounds[k] <= v < bounds[k+1], the outer bands open-ended. */
    private static int band(double[] bounds, double v) {
        int nb = bounds.length - 1, k = 0;
        while (k < nb - 1 && v >= bounds[k + 1]) k++;
        return k;
    }

    /** Whether the cell is a saddle for any interior bound (the outer two bound nothing: outer bands are open). */
    private static boolean saddleAny(double[] bounds, double a, double b, double c, double d) {
        for (int k = 0; k < bounds.length; k++) {
            if (bounds.length > 2 && (k == 0 || k == bounds.length - 1)) continue;
            if (saddle(bounds[k], a, b, c, d)) return true;
        }
        return false;
    }

    /** Shoelace area, positive counter-clockwise. */
    static double area(double[] p) {
        double s = 0;
        for (int i = 0; i < p.length; i += 2) {
            int j = (i + 2) % p.length;
            s += p[i] * p[j + 1] - p[j] * p[i + 1];
        }
        return s / 2;
    }

    private static boolean saddle(double level, double a, double b, double c, double d) {
        if (Double.isInfinite(level)) return false;
        boolean ha = a >= level, hb = b >= level, hc = c >= level, hd = d >= level;
        return ha == hc && hb == hd && ha != hb;
    }

    private static List<List<P>> triangles(P a, P b, P c, P d) {
        P m = new P((a.x() + c.x()) / 2, (a.y() + c.y()) / 2, (a.z() + b.z() + c.z() + d.z()) / 4);
        return List.of(List.of(a, b, m), List.of(b, c, m), List.of(c, d, m), List.of(d, a, m));
    }

    /** Sutherland-Hodgman against z >= level (keepHigh) or z < level; z linear along each polygon edge. */
    private static List<P> clip(List<P> poly, double level, boolean keepHigh) {
        if (Double.isInfinite(level) || poly.isEmpty()) return poly;
        List<P> out = new ArrayList<>(poly.size() + 2);
        for (int i = 0; i < poly.size(); i++) {
            P p = poly.get(i), q = poly.get((i + 1) % poly.size());
            boolean pin = (p.z() >= level) == keepHigh, qin = (q.z() >= level) == keepHigh;
            if (pin) out.add(p);
            if (pin != qin) out.add(at(p, q, level));
        }
        return out;
    }

    /** The point on p-q where z = level, computed in one canonical direction so neighbouring cells agree. */
    private static P at(P p, P q, double level) {
        if (q.x() < p.x() || (q.x() == p.x() && q.y() < p.y())) { P t = p; p = q; q = t; }
        double t = (level - p.z()) / (q.z() - p.z());
        if (t <= 0) return new P(p.x(), p.y(), level);
        if (t >= 1) return new P(q.x(), q.y(), level);
        return new P(p.x() + t * (q.x() - p.x()), p.y() + t * (q.y() - p.y()), level);
    }

    /** Crossing of the edge (x1,y1,z1)-(x2,y2,z2) at level, or null when both ends are on one side. */
    private static double[] cross(double x1, double y1, double z1, double x2, double y2, double z2, double level) {
        if ((z1 >= level) == (z2 >= level)) return null;
        double t = (level - z1) / (z2 - z1);
        // exactly at a corner when the corner sits on the level, so the neighbouring cell finds the same point
        if (t <= 0) return new double[] {x1, y1};
        if (t >= 1) return new double[] {x2, y2};
        return new double[] {x1 + t * (x2 - x1), y1 + t * (y2 - y1)};
    }

    private static void seg(List<double[]> out, double[] p, double[] q) {
        // A contour through a corner can give a zero-length piece; it would only confuse joining.
        if (p != null && q != null && (p[0] != q[0] || p[1] != q[1])) out.add(new double[] {p[0], p[1], q[0], q[1]});
    }

    private static double[] rect(double x0, double y0, double x1, double y1) {
        return new double[] {x0, y0, x1, y0, x1, y1, x0, y1};
    }

    private static double[] flat(List<P> poly) {
        double[] f = new double[poly.size() * 2];
        for (int i = 0; i < poly.size(); i++) { f[2 * i] = poly.get(i).x(); f[2 * i + 1] = poly.get(i).y(); }
        return f;
    }

    private static boolean finite(double a, double b, double c, double d) {
        return Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c) && Double.isFinite(d);
    }

    private static double max(double a, double b, double c, double d) { return Math.max(Math.max(a, b), Math.max(c, d)); }

    private static double min(double a, double b, double c, double d) { return Math.min(Math.min(a, b), Math.min(c, d)); }
}
