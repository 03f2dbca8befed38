package dev.basin.engine.landscape;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Conversions and reductions shared by the landscape classes. Weight vectors come in as rank-1
 * float INDArrays; the arithmetic is done on Java {@code double[]} so that every sum is in double
 * precision and in one fixed order (bit-reproducible on any backend and thread count), and results
 * go back out as rank-1 float vectors. The copies cost 8 bytes per parameter each, which is small
 * for the networks studied here (a few hundred thousand parameters).
 */
final class Flat {

    private Flat() {}

    /** The values of a rank-1 vector as doubles (a copy); anything else is refused. */
    static double[] doubles(INDArray v, String name) {
        requireVector(v, name);
        return v.toDoubleVector();
    }

    static void requireVector(INDArray v, String name) {
        if (v == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (v.rank() != 1) {
            throw new IllegalArgumentException(name + " must be a rank-1 weight vector, got shape "
                    + java.util.Arrays.toString(v.shape()));
        }
    }

    static void requireSameLength(long expected, long actual, String name) {
        if (expected != actual) {
            throw new IllegalArgumentException(name + " has " + actual + " entries, expected " + expected);
        }
    }

    /** A rank-1 float vector rounded from {@code values}. */
    static INDArray floats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return Nd4j.createFromArray(f);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }
}
