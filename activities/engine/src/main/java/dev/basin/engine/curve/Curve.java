package dev.basin.engine.curve;

import dev.basin.engine.analysis.CurveType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A curve φ(t), t ∈ [0, 1], between two fixed weight vectors w1 = φ(0) and w2 = φ(1) through one trainable bend θ
 * (Garipov et al. 2018, Sec. 3.1). Every point is a linear combination a·w1 + b·θ + c·w2 whose three weights
 * {@link #coefficients} depend on t only; the sums are taken in double and rounded once to float.
 *
 * <p>The ends are returned as exact copies of w1 and w2: they are the trained networks the curve is about, and a
 * rounding difference there would make t = 0 and t = 1 disagree with the members' own evaluation.
 */
public final class Curve {

    private final CurveType type;

    public Curve(CurveType type) {
        if (type == null) {
            throw new IllegalArgumentException("curve type is null");
        }
        this.type = type;
    }

    public CurveType type() {
        return type;
    }

    /**
     * The weights {a, b, c} of (w1, θ, w2) at t. Bezier: ((1−t)², 2t(1−t), t²). Polygonal chain:
     * (1 − 2t, 2t, 0) up to t = ½ and (0, 2 − 2t, 2t − 1) after, i.e. 2(t·θ + (½ − t)·w1) and
     * 2((t − ½)·w2 + (1 − t)·θ).
     */
    public double[] coefficients(double t) {
        requireT(t);
        return switch (type) {
            case BEZIER -> new double[] {(1 - t) * (1 - t), 2 * t * (1 - t), t * t};
            case POLYCHAIN -> t <= 0.5
                    ? new double[] {2 * (0.5 - t), 2 * t, 0}
                    : new double[] {0, 2 * (1 - t), 2 * (t - 0.5)};
        };
    }

    /** ∂φ(t)/∂θ, the factor that turns the gradient at φ(t) into the gradient at θ. */
    public double bendCoefficient(double t) {
        return coefficients(t)[1];
    }

    /** φ(t) as a new rank-1 float vector. */
    public INDArray point(INDArray w1, INDArray theta, INDArray w2, double t) {
        return Nd4j.createFromArray(point(floats(w1, "w1"), floats(theta, "theta"), floats(w2, "w2"), t));
    }

    /** φ(t) as a new array; t = 0 and t = 1 give copies of w1 and w2. */
    public float[] point(float[] w1, float[] theta, float[] w2, double t) {
        requireSameLength(w1, theta, w2);
        double[] k = coefficients(t);
        if (t == 0) {
            return w1.clone();
        }
        if (t == 1) {
            return w2.clone();
        }
        float[] out = new float[w1.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (k[0] * w1[i] + k[1] * theta[i] + k[2] * w2[i]);
        }
        return out;
    }

    /** (w1 + w2)/2: where the bend starts, so that the untrained curve is the straight line. */
    public static INDArray midpoint(INDArray w1, INDArray w2) {
        return Nd4j.createFromArray(midpoint(floats(w1, "w1"), floats(w2, "w2")));
    }

    public static float[] midpoint(float[] w1, float[] w2) {
        if (w1.length != w2.length) {
            throw new IllegalArgumentException("w1 has " + w1.length + " entries, w2 " + w2.length);
        }
        float[] out = new float[w1.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (0.5 * w1[i] + 0.5 * w2[i]);
        }
        return out;
    }

    /**
     * The length of the polygon through φ(t_0), φ(t_1), …: Σ‖φ(t_i) − φ(t_{i−1})‖ over every coordinate; see
     * {@link #segments}.
     */
    public double length(INDArray w1, INDArray theta, INDArray w2, double[] ts) {
        double total = 0;
        for (double s : segments(w1, theta, w2, ts, null)) {
            total += s;
        }
        return total;
    }

    /**
     * The polygon's segments through φ(t_0), φ(t_1), …: entry i is ‖m ⊙ (φ(t_i) − φ(t_{i−1}))‖ (0 for i = 0), over
     * the float points the evaluation sees, accumulated in double; m is a 0/1 mask of the coordinates that count
     * (the trained parameters, say), or null for all of them.
     */
    public double[] segments(INDArray w1, INDArray theta, INDArray w2, double[] ts, INDArray mask) {
        float[] a = floats(w1, "w1");
        float[] b = floats(theta, "theta");
        float[] c = floats(w2, "w2");
        float[] m = mask == null ? null : floats(mask, "mask");
        double[] out = new double[ts.length];
        float[] previous = null;
        for (int k = 0; k < ts.length; k++) {
            float[] p = point(a, b, c, ts[k]);
            if (previous != null) {
                double s = 0;
                for (int i = 0; i < p.length; i++) {
                    double d = m == null || m[i] != 0 ? (double) p[i] - previous[i] : 0;
                    s += d * d;
                }
                out[k] = Math.sqrt(s);
            }
            previous = p;
        }
        return out;
    }

    /** {@code points} evenly spaced t = i/(points − 1), exactly 0 first and exactly 1 last. */
    public static double[] evenly(int points) {
        if (points < 2) {
            throw new IllegalArgumentException("need at least 2 points to include both ends, got " + points);
        }
        double[] t = new double[points];
        for (int i = 0; i < points; i++) {
            t[i] = (double) i / (points - 1);
        }
        return t;
    }

    public static float[] floats(INDArray v, String name) {
        if (v == null || v.rank() != 1) {
            throw new IllegalArgumentException(name + " must be a rank-1 weight vector"
                    + (v == null ? ", got null" : ", got shape " + java.util.Arrays.toString(v.shape())));
        }
        return v.dataType() == DataType.FLOAT ? v.toFloatVector() : v.castTo(DataType.FLOAT).toFloatVector();
    }

    private static void requireT(double t) {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("t must lie in [0, 1], got " + t);
        }
    }

    private static void requireSameLength(float[] w1, float[] theta, float[] w2) {
        if (w1.length != theta.length || w1.length != w2.length) {
            throw new IllegalArgumentException("w1, theta and w2 have " + w1.length + ", " + theta.length + " and "
                    + w2.length + " entries");
        }
    }
}
