package dev.basin.report.plot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Axis ticks. Linear: Heckbert's "nice numbers" (steps of 1, 2 or 5 times a power of ten), the range widened to
 * the enclosing ticks. Log10: powers of ten, with 2 and 5 in between when the range spans few decades.
 *
 * @param lo     the axis range's low end (a tick when padded)
 * @param hi     the axis range's high end
 * @param values tick positions in data units, ascending, within [lo, hi]
 */
record Ticks(double lo, double hi, double[] values) {

    /** Nice ticks covering [lo, hi] with about {@code n} ticks; the range is widened to the outer ticks. */
    static Ticks linear(double lo, double hi, int n) {
        double[] r = degenerate(lo, hi);
        Step s = step(r[0], r[1], n);
        long k0 = (long) Math.floor(r[0] / s.value() + 1e-9), k1 = (long) Math.ceil(r[1] / s.value() - 1e-9);
        double[] v = new double[(int) (k1 - k0 + 1)];
        for (int i = 0; i < v.length; i++) v[i] = s.at(k0 + i);
        return new Ticks(v[0], v[v.length - 1], v);
    }

    /** Nice ticks inside a fixed range [lo, hi] (no widening), about {@code n} of them. */
    static Ticks within(double lo, double hi, int n) {
        double[] r = degenerate(lo, hi);
        Step s = step(r[0], r[1], n);
        long k0 = (long) Math.ceil(r[0] / s.value() - 1e-9), k1 = (long) Math.floor(r[1] / s.value() + 1e-9);
        List<Double> v = new ArrayList<>();
        for (long k = k0; k <= k1; k++) v.add(s.at(k));
        return new Ticks(r[0], r[1], v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Log10 ticks; the range widened to whole decades. Both ends must be positive. */
    static Ticks log(double lo, double hi) {
        double[] r = logDegenerate(lo, hi);
        int d0 = (int) Math.floor(Math.log10(r[0]) + 1e-9), d1 = (int) Math.ceil(Math.log10(r[1]) - 1e-9);
        if (d1 == d0) d1 = d0 + 1;
        double lo1 = pow10(d0), hi1 = pow10(d1);
        if (d1 - d0 <= 2) {
            // Few decades: widen only to the enclosing 1-2-5 ticks, not whole decades (1..16 ends at 20, not 100).
            for (double t : logValues(lo1, hi1)) {
                if (t <= r[0] * (1 + 1e-9)) lo1 = t;
                if (t >= r[1] * (1 - 1e-9) && hi1 == pow10(d1)) hi1 = t;
            }
        }
        return new Ticks(lo1, hi1, logValues(lo1, hi1));
    }

    /** Log10 ticks inside a fixed positive range (no widening). */
    static Ticks logWithin(double lo, double hi) {
        double[] r = logDegenerate(lo, hi);
        return new Ticks(r[0], r[1], logValues(r[0], r[1]));
    }

    private static double[] logValues(double lo, double hi) {
        int d0 = (int) Math.floor(Math.log10(lo) + 1e-9), d1 = (int) Math.ceil(Math.log10(hi) - 1e-9);
        int decades = d1 - d0;
        // Few decades: 1, 2, 5 per decade; many: every decade, or every few decades, for about 8 ticks at most.
        int[] mantissas = decades <= 2 ? new int[] {1, 2, 5} : new int[] {1};
        int every = Math.max(1, (int) Math.ceil(decades / 8.0));
        List<Double> v = new ArrayList<>();
        for (int d = d0; d <= d1; d++) {
            if (Math.floorMod(d, every) != 0) continue;
            for (int m : mantissas) {
                double t = new BigDecimal(m).scaleByPowerOfTen(d).doubleValue();
                if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) v.add(t);
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double pow10(int d) { return BigDecimal.ONE.scaleByPowerOfTen(d).doubleValue(); }

    /** A tick step f * 10^e with f in {1, 2, 5, 10}: tick k is k * f * 10^e, computed in decimal so 0.1*3 is 0.3. */
    private record Step(long f, int e) {
        double value() { return f * Math.pow(10, e); }

        double at(long k) { return BigDecimal.valueOf(k * f).scaleByPowerOfTen(e).doubleValue(); }
    }

    private static Step step(double lo, double hi, int n) {
        Step range = nice(hi - lo, false);
        return nice(range.value() / Math.max(1, n - 1), true);
    }

    /** Heckbert's nice number near x: rounded to 1, 2, 5, 10 times a power of ten, or the next one up. */
    private static Step nice(double x, boolean round) {
        int e = (int) Math.floor(Math.log10(x));
        double f = x / Math.pow(10, e);
        long nf;
        if (round) nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        else nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nf == 10 ? new Step(1, e + 1) : new Step(nf, e);
    }

    /** A usable range from any two numbers: NaN gives [0, 1], a single value a range around it. */
    private static double[] degenerate(double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) return new double[] {0, 1};
        if (lo > hi) { double t = lo; lo = hi; hi = t; }
        if (hi - lo <= Math.max(Math.abs(lo), Math.abs(hi)) * 1e-12) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            return new double[] {lo - pad, hi + pad};
        }
        return new double[] {lo, hi};
    }

    private static double[] logDegenerate(double lo, double hi) {
        if (!(lo > 0) || !(hi > 0) || !Double.isFinite(lo) || !Double.isFinite(hi)) return new double[] {1, 10};
        if (lo > hi) { double t = lo; lo = hi; hi = t; }
        if (hi / lo < 1 + 1e-12) return new double[] {lo / 2, hi * 2};
        return new double[] {lo, hi};
    }
}
