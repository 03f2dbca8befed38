package dev.basin.report.plot;

/** The extent of data on two axes, built by adding values; only drawable values count. */
record Extent(Range x, Range y) {

    /** Min and max of the values added so far on one axis. */
    static final class Range {
        private final boolean log;
        private double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;

        Range(boolean log) { this.log = log; }

        boolean ok(double v) { return Double.isFinite(v) && (!log || v > 0); }

        void add(double v) {
            if (!ok(v)) return;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }

        boolean any() { return lo <= hi; }

        double lo() { return lo; }

        double hi() { return hi; }

        @Override
        public String toString() { return lo + ".." + hi; }
    }
}
