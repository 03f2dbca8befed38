package dev.basin.report.sections;

/**
 * Contour levels over a fixed range, for comparison reports where two studies' planes must share one colour
 * scale: the contour plot's own levels follow each study's values, so shared ones are made here.
 */
final class ContourLevels {
    /** Levels per range: about as many as the plot's own default. */
    static final int COUNT = 10;

    private ContourLevels() {}

    /** {@link #COUNT} levels evenly spaced from lo to hi, both included. */
    static double[] linear(double lo, double hi) {
        double[] out = new double[COUNT];
        for (int k = 0; k < COUNT; k++) {
            out[k] = lo + (hi - lo) * k / (COUNT - 1);
        }
        return out;
    }

    /** Levels evenly spaced in log from lo to hi (losses spanning decades); linear when lo is not above 0. */
    static double[] log(double lo, double hi) {
        if (!(lo > 0) || !(hi > lo)) {
            return linear(lo, hi);
        }
        double[] out = new double[COUNT];
        double l = Math.log(lo);
        double h = Math.log(hi);
        for (int k = 0; k < COUNT; k++) {
            out[k] = Math.exp(l + (h - l) * k / (COUNT - 1));
        }
        return out;
    }
}
