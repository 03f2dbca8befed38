package dev.basin.report.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * Contour levels and the band bounds around them: {@code bounds = [lo, levels..., hi]}, where the levels lie
 * strictly inside (lo, hi).
 */
final class ContourLevels {
    private ContourLevels() {}

    /** About {@code n} nice levels (1, 2, 5 times a power of ten) inside (lo, hi). */
    static double[] nice(double lo, double hi, int n) {
        return inside(Ticks.within(lo, hi, n).values(), lo, hi);
    }

    /**
     * Levels evenly spaced in log10(z) between positive lo and hi, {@code n - 1} of them (n bands), rounded to two
     * significant digits so they read well in a legend.
     */
    static double[] log(double lo, double hi, int n) {
        double l0 = Math.log10(lo), l1 = Math.log10(hi);
        double[] v = new double[n - 1];
        for (int k = 1; k < n; k++)
            v[k - 1] = new BigDecimal(Math.pow(10, l0 + k * (l1 - l0) / n)).round(new MathContext(2)).doubleValue();
        return inside(v, lo, hi);
    }

    /** Distinct, sorted, finite values strictly inside (lo, hi). */
    static double[] inside(double[] levels, double lo, double hi) {
        TreeSet<Double> s = new TreeSet<>();
        for (double v : levels) if (Double.isFinite(v) && v > lo && v < hi) s.add(v);
        return s.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double[] bounds(double lo, double[] levels, double hi) {
        double[] b = new double[levels.length + 2];
        b[0] = lo;
        System.arraycopy(levels, 0, b, 1, levels.length);
        b[b.length - 1] = hi;
        return b;
    }

    /** Colour of band k: viridis at the band's middle, measured on the colour scale (linear or log). */
    static String[] colors(double[] bounds, boolean log) {
        String[] c = new String[bounds.length - 1];
        double lo = f(bounds[0], log), hi = f(bounds[bounds.length - 1], log);
        for (int k = 0; k < c.length; k++) {
            double mid = (f(bounds[k], log) + f(bounds[k + 1], log)) / 2;
            c[k] = Palette.sequential(hi > lo ? (mid - lo) / (hi - lo) : 0.5);
        }
        return c;
    }

    private static double f(double v, boolean log) { return log ? Math.log10(v) : v; }

    static String describe(double[] levels) { return Arrays.toString(levels); }
}
