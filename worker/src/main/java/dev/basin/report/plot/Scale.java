package dev.basin.report.plot;

/**
 * Maps data values on one axis to pixels, linearly or in log10, and back.
 *
 * @param d0 data value drawn at pixel {@code p0}
 * @param d1 data value drawn at pixel {@code p1} (p1 may be less than p0: y grows downwards in SVG)
 */
record Scale(double d0, double d1, double p0, double p1, boolean log) {

    double px(double v) {
        double t = log ? (Math.log10(v) - Math.log10(d0)) / (Math.log10(d1) - Math.log10(d0)) : (v - d0) / (d1 - d0);
        return p0 + t * (p1 - p0);
    }

    double value(double px) {
        double t = (px - p0) / (p1 - p0);
        if (log) return Math.pow(10, Math.log10(d0) + t * (Math.log10(d1) - Math.log10(d0)));
        return d0 + t * (d1 - d0);
    }

    /** Whether {@code v} can be drawn on this axis at all (finite; positive on a log axis). */
    boolean drawable(double v) {
        return Double.isFinite(v) && (!log || v > 0);
    }
}
