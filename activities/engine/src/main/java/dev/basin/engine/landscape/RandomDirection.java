package dev.basin.engine.landscape;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Random directions in weight space (Fort et al.'s "random subspace" and radius sweeps): an
 * isotropic Gaussian vector normalised to unit length, so the direction is uniform on the sphere
 * and the radius alone sets the distance. Entries are drawn from {@code new SplittableRandom(seed)}
 * in index order: a seed and a size fix the direction on every machine.
 */
public final class RandomDirection {

    private RandomDirection() {}

    /** A unit-norm Gaussian direction of {@code size} entries, as a float vector. */
    public static INDArray direction(int size, long seed) {
        return Flat.floats(unit(size, seed));
    }

    /** {@code θ + radius·d/‖d‖} with d the direction of {@link #direction(int, long)}. */
    public static INDArray sample(INDArray theta, double radius, long seed) {
        double[] t = Flat.doubles(theta, "theta");
        double[] d = unit(t.length, seed);
        for (int i = 0; i < t.length; i++) {
            t[i] += radius * d[i];
        }
        return Flat.floats(t);
    }

    private static double[] unit(int size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] d = new double[size];
        double norm;
        do {
            for (int i = 0; i < size; i++) {
                d[i] = rng.nextGaussian();
            }
            norm = Flat.norm(d);
        } while (norm == 0); // only conceivable for size 1; redraw rather than divide by 0
        for (int i = 0; i < size; i++) {
            d[i] /= norm;
        }
        return d;
    }
}
