package dev.basin.engine.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basin.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PcaSubspaceTest {

    private static final int P = 1000;

    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    /** Dyadic values, so that every iterate below is exact in float. */
    private static float[] base() {
        SplittableRandom rng = new SplittableRandom(3);
        float[] m = new float[P];
        for (int i = 0; i < P; i++) {
            m[i] = rng.nextInt(-64, 64) / 4f;
        }
        return m;
    }

    /**
     * Four iterates m + a_j·d1 + b_j·d2 with d1 = 0.6·e10 + 0.8·e500, d2 = e7 (orthonormal),
     * a = (5, −5, 0, 0), b = (0, 0, 1, −1): centred, uncorrelated coefficients, so the principal
     * directions are d1 and d2 with sample variances 50/3 and 2/3.
     */
    private static List<INDArray> planarIterates() {
        float[] m = base();
        double[][] ab = {{5, 0}, {-5, 0}, {0, 1}, {0, -1}};
        List<INDArray> out = new ArrayList<>();
        for (double[] c : ab) {
            float[] x = m.clone();
            x[10] += (float) (0.6 * c[0]);
            x[500] += (float) (0.8 * c[0]);
            x[7] += (float) c[1];
            out.add(Nd4j.createFromArray(x));
        }
        return out;
    }

    private static float[] unit(int... indexAndTenths) {
        float[] v = new float[P];
        for (int k = 0; k < indexAndTenths.length; k += 2) {
            v[indexAndTenths[k]] = indexAndTenths[k + 1] / 10f;
        }
        return v;
    }

    @Test
    void recoversAKnownTwoDimensionalSubspace() {
        PcaSubspace pca = PcaSubspace.fit(planarIterates(), 3);
        assertEquals(2, pca.rank(), "the third direction is numerical noise");
        assertEquals(4, pca.count());
        assertArrayEquals(new double[] {50.0 / 3, 2.0 / 3}, pca.variances(), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(50), Math.sqrt(2)}, pca.singularValues(), 1e-12);
        assertArrayEquals(base(), pca.mean().toFloatVector(), 0f);
        float[] d1 = unit(10, 6, 500, 8);
        float[] d2 = unit(7, 10);
        assertDirection(d1, pca.direction(0).toFloatVector());
        assertDirection(d2, pca.direction(1).toFloatVector());
    }

    private static void assertDirection(float[] expected, float[] actual) {
        double dot = 0;
        for (int i = 0; i < P; i++) {
            dot += expected[i] * (double) actual[i];
        }
        float sign = (float) Math.signum(dot);
        for (int i = 0; i < P; i++) {
            assertEquals(expected[i], sign * actual[i], 1e-6f, "entry " + i);
        }
        assertEquals(1f, sign, "sign convention: largest entry positive");
    }

    @Test
    void projectAndSampleUseTheDirections() {
        List<INDArray> xs = planarIterates();
        PcaSubspace pca = PcaSubspace.fit(xs, 2);
        assertArrayEquals(new double[] {5, 0}, pca.project(xs.get(0)), 1e-9);
        assertArrayEquals(new double[] {0, -1}, pca.project(xs.get(3)), 1e-9);
        // mean + 0.5·(√(50/3)·1·d1 + √(2/3)·(−2)·d2)
        float[] expected = base();
        double c1 = 0.5 * Math.sqrt(50.0 / 3);
        double c2 = 0.5 * Math.sqrt(2.0 / 3) * -2;
        expected[10] += (float) (c1 * 0.6);
        expected[500] += (float) (c1 * 0.8);
        expected[7] += (float) c2;
        assertArrayEquals(expected, pca.sample(new double[] {1, -2}, 0.5).toFloatVector(), 1e-5f);
        assertArrayEquals(new double[] {c1 / 0.5 * 0.5, c2}, pca.project(pca.sample(new double[] {1, -2}, 0.5)), 1e-5);
        assertEquals(pca.sample(1, new SplittableRandom(4)), pca.sample(1, new SplittableRandom(4)));
        assertThrows(IllegalArgumentException.class, () -> pca.sample(new double[] {1}, 1));
    }

    @Test
    void varianceAlongRandomOrthonormalDirectionsIsRecovered() {
        // three orthonormal directions in general position, coefficients with distinct variances
        SplittableRandom rng = new SplittableRandom(9);
        int p = 5000;
        double[][] q = new double[3][p];
        for (int r = 0; r < 3; r++) {
            for (int i = 0; i < p; i++) {
                q[r][i] = rng.nextGaussian();
            }
            for (int s = 0; s < r; s++) {
                double d = Flat.dot(q[r], q[s]);
                for (int i = 0; i < p; i++) {
                    q[r][i] -= d * q[s][i];
                }
            }
            double n = Flat.norm(q[r]);
            for (int i = 0; i < p; i++) {
                q[r][i] /= n;
            }
        }
        // coefficient columns orthogonal and centred: variances 4·8/7, 1·4/7... computed below
        double[][] coef = {{2, 1, 0.5}, {-2, 1, -0.5}, {2, -1, -0.5}, {-2, -1, 0.5},
                           {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
        List<INDArray> xs = new ArrayList<>();
        for (double[] c : coef) {
            double[] x = new double[p];
            for (int i = 0; i < p; i++) {
                x[i] = 1 + c[0] * q[0][i] + c[1] * q[1][i] + c[2] * q[2][i];
            }
            xs.add(Flat.floats(x));
        }
        PcaSubspace pca = PcaSubspace.fit(xs, 2);
        assertEquals(2, pca.rank());
        // Σc² / (n − 1): 16/7 and 4/7 (the third, 1/7, is beyond k = 2)
        assertArrayEquals(new double[] {16.0 / 7, 4.0 / 7}, pca.variances(), 1e-5);
        for (int r = 0; r < 2; r++) {
            assertEquals(1.0, Math.abs(Flat.dot(q[r], pca.direction(r).toDoubleVector())), 1e-5);
        }
    }

    @Test
    void identicalIteratesHaveNoDirections() {
        INDArray x = Nd4j.createFromArray(1f, 2f, 3f);
        PcaSubspace pca = PcaSubspace.fit(List.of(x, x.dup(), x.dup()), 2);
        assertEquals(0, pca.rank());
        assertEquals(x, pca.sample(new double[0], 1));
        assertThrows(IllegalArgumentException.class, () -> PcaSubspace.fit(List.of(x), 1));
    }

    /**
     * Iterates (0,0), (4,0), (2,1), (2,−1): mean (2,0), centred (∓2,0), (0,±1), so σ₁² = 8 along e₁, σ₂² = 2 along
     * e₂, n − 1 = 3. At z = (1, −1) and scale 2: singular gives (2 + 2·√(8/3), −2·√(2/3)), unit gives (4, −2).
     */
    @Test
    void bothScaleConventionsByHand() {
        List<INDArray> xs = List.of(Nd4j.createFromArray(0f, 0f), Nd4j.createFromArray(4f, 0f),
                Nd4j.createFromArray(2f, 1f), Nd4j.createFromArray(2f, -1f));
        PcaSubspace pca = PcaSubspace.fit(xs, 2);
        assertArrayEquals(new double[] {Math.sqrt(8), Math.sqrt(2)}, pca.singularValues(), 1e-12);
        double[] z = {1, -1};
        assertArrayEquals(new float[] {(float) (2 + 2 * Math.sqrt(8.0 / 3)), (float) (-2 * Math.sqrt(2.0 / 3))},
                pca.sample(z, 2, PcaSubspace.Scale.SINGULAR).toFloatVector(), 1e-6f);
        assertArrayEquals(new float[] {4f, -2f}, pca.sample(z, 2, PcaSubspace.Scale.UNIT).toFloatVector(), 1e-6f);
        assertEquals(pca.sample(z, 2), pca.sample(z, 2, PcaSubspace.Scale.SINGULAR), "singular is the default");
        assertEquals(PcaSubspace.Scale.SINGULAR, PcaSubspace.Scale.fromSpec(null), "an old request reads as before");
        assertEquals(PcaSubspace.Scale.UNIT, PcaSubspace.Scale.fromSpec("unit"));
        assertThrows(IllegalArgumentException.class, () -> PcaSubspace.Scale.fromSpec("sigma"));
    }
}
