package dev.basin.engine.landscape;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The straight line {@code (1 − t)·w1 + t·w2} between two solutions, evaluated on a grid of t that
 * extends {@code margin} beyond both ends.
 */
public final class Interpolation {

    private final double[] w1;
    private final double[] w2;

    public Interpolation(INDArray w1, INDArray w2) {
        this.w1 = Flat.doubles(w1, "w1");
        this.w2 = Flat.doubles(w2, "w2");
        Flat.requireSameLength(this.w1.length, this.w2.length, "w2");
    }

    /**
     * {@code (1 − t)·w1 + t·w2}, computed in double in this form (not {@code w1 + t·(w2 − w1)}) so
     * that t = 0 gives exactly w1 and t = 1 exactly w2.
     */
    public INDArray point(double t) {
        double[] out = new double[w1.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (1 - t) * w1[i] + t * w2[i];
        }
        return Flat.floats(out);
    }

    /**
     * n evenly spaced t covering about [−margin, 1 + margin] that always contain 0 and 1 exactly,
     * because the two solutions are the points that matter most. The grid is {@code t_i = (i − m)/s}
     * for i = 0..n−1: s steps span [0, 1] and m steps lie on each side, with
     * {@code m = round(margin·(n − 1)/(1 + 2·margin))} and {@code s = n − 1 − 2m} (m is lowered if
     * needed to keep s ≥ 1). The margin actually used is m/s (= −t_0), equal to the one asked for
     * exactly when {@code margin·(n − 1)/(1 + 2·margin)} is a whole number, e.g. n = 25 with margin
     * 0.1 (m = 2, s = 20) or n = 21 with margin 0; otherwise it is the nearest the grid allows.
     */
    public static double[] ts(int n, double margin) {
        if (n < 2) {
            throw new IllegalArgumentException("need n >= 2 points to include both ends, got " + n);
        }
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("margin must be a finite value >= 0, got " + margin);
        }
        int m = (int) Math.round(margin * (n - 1) / (1 + 2 * margin));
        m = Math.min(m, (n - 2) / 2);
        int s = n - 1 - 2 * m;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = (double) (i - m) / s;
        }
        return t;
    }
}
