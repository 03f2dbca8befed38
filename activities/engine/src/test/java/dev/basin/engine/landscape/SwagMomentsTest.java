package dev.basin.engine.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basin.engine.Engine;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SwagMomentsTest {

    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    /** (1,0), (3,0), (5,6): mean (3,2); variance x (4+0+4)/3, y (4+4+16)/3. */
    private static SwagMoments threePoints(int maxRank) {
        SwagMoments s = new SwagMoments(2, maxRank);
        s.add(Nd4j.createFromArray(1f, 0f));
        s.add(Nd4j.createFromArray(3f, 0f));
        s.add(Nd4j.createFromArray(5f, 6f));
        return s;
    }

    @Test
    void meanVarianceAndDeviationsOfKnownVectors() {
        SwagMoments s = threePoints(2);
        assertEquals(3, s.count());
        assertArrayEquals(new float[] {3f, 2f}, s.mean().toFloatVector(), 0f);
        assertArrayEquals(new float[] {8f / 3, 8f}, s.variance().toFloatVector(), 1e-6f);
        // running means after each add: (1,0), (2,0), (3,2); deviations (0,0), (1,0), (2,4); K = 2 keeps the last two
        assertEquals(2, s.rank());
        List<INDArray> d = s.deviations();
        assertArrayEquals(new float[] {1f, 0f}, d.get(0).toFloatVector(), 0f);
        assertArrayEquals(new float[] {2f, 4f}, d.get(1).toFloatVector(), 0f);
    }

    @Test
    void constantEntryHasZeroVarianceAndMeanMatchesSwa() {
        SwagMoments s = new SwagMoments(3, 5);
        SwaAverage swa = new SwaAverage(3);
        for (float[] x : new float[][] {{0.1f, 7f, -3.3f}, {0.1f, 7.5f, 1e-3f}, {0.1f, 6.1f, 2f}}) {
            s.add(Nd4j.createFromArray(x));
            swa.add(Nd4j.createFromArray(x));
        }
        assertEquals(swa.mean(), s.mean());
        assertEquals(0f, s.variance().getFloat(0), 0f);
    }

    @Test
    void diagonalSamplesHaveTheMomentsAskedFor() {
        SwagMoments s = threePoints(2);
        SplittableRandom rng = new SplittableRandom(7);
        int n = 40_000;
        double scale = 0.5;
        double[] sum = new double[2];
        double[] sq = new double[2];
        for (int k = 0; k < n; k++) {
            float[] x = s.sampleDiagonal(scale, rng).toFloatVector();
            for (int i = 0; i < 2; i++) {
                sum[i] += x[i];
                sq[i] += x[i] * (double) x[i];
            }
        }
        double[] mean = {3, 2};
        double[] var = {scale * scale * 8 / 3, scale * scale * 8};
        for (int i = 0; i < 2; i++) {
            double m = sum[i] / n;
            double v = sq[i] / n - m * m;
            assertEquals(mean[i], m, 4 * Math.sqrt(var[i] / n), "mean " + i);
            assertEquals(var[i], v, 0.03 * var[i], "variance " + i);
        }
    }

    @Test
    void lowRankSamplesHaveSwagsCovariance() {
        // deviations held (K = 2): (1,0) and (2,4); covariance = scale²·(½·diag(var) + 1/(2(K−1))·D Dᵀ)
        SwagMoments s = threePoints(2);
        double scale = 1.5;
        double[][] expected = {
            {scale * scale * (0.5 * 8 / 3 + 0.5 * (1 + 4)), scale * scale * 0.5 * 8},
            {scale * scale * 0.5 * 8, scale * scale * (0.5 * 8 + 0.5 * 16)}};
        SplittableRandom rng = new SplittableRandom(11);
        int n = 60_000;
        double[] sum = new double[2];
        double[][] cross = new double[2][2];
        for (int k = 0; k < n; k++) {
            float[] x = s.sampleLowRank(scale, rng).toFloatVector();
            for (int i = 0; i < 2; i++) {
                sum[i] += x[i];
                for (int j = 0; j < 2; j++) {
                    cross[i][j] += x[i] * (double) x[j];
                }
            }
        }
        assertEquals(3, sum[0] / n, 0.05);
        assertEquals(2, sum[1] / n, 0.05);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double c = cross[i][j] / n - (sum[i] / n) * (sum[j] / n);
                assertEquals(expected[i][j], c, 0.03 * expected[1][1], "covariance " + i + "," + j);
            }
        }
    }

    @Test
    void samplesDependOnlyOnTheSeed() {
        SwagMoments s = threePoints(3);
        assertEquals(s.sampleLowRank(1, new SplittableRandom(5)), s.sampleLowRank(1, new SplittableRandom(5)));
        assertEquals(s.sampleDiagonal(1, new SplittableRandom(5)), s.sampleDiagonal(1, new SplittableRandom(5)));
        assertNotEquals(s.sampleDiagonal(1, new SplittableRandom(5)), s.sampleDiagonal(1, new SplittableRandom(6)));
        assertEquals(s.mean(), s.sampleLowRank(0, new SplittableRandom(5)));
    }

    @Test
    void lowRankNeedsTwoDeviations() {
        SwagMoments s = new SwagMoments(2, 4);
        assertThrows(IllegalStateException.class, () -> s.sampleDiagonal(1, new SplittableRandom(1)));
        s.add(Nd4j.createFromArray(1f, 2f));
        assertThrows(IllegalStateException.class, () -> s.sampleLowRank(1, new SplittableRandom(1)));
    }

    @Test
    void resumingFromBytesContinuesExactly() {
        float[][] xs = {{1f, 0f, 2f}, {3f, 0.5f, 2f}, {5f, 6f, 1f}, {-1f, 2f, 0f}, {0.25f, 4f, 3f}};
        SwagMoments whole = new SwagMoments(3, 3);
        for (float[] x : xs) {
            whole.add(Nd4j.createFromArray(x));
        }
        SwagMoments part = new SwagMoments(3, 3);
        for (int i = 0; i < 4; i++) {
            part.add(Nd4j.createFromArray(xs[i]));
        }
        SwagMoments resumed = SwagMoments.fromBytes(part.toBytes());
        assertEquals(4, resumed.count());
        assertEquals(3, resumed.rank());
        resumed.add(Nd4j.createFromArray(xs[4]));
        assertArrayEquals(whole.toBytes(), resumed.toBytes());
        assertEquals(whole.deviations(), resumed.deviations());
        assertEquals(whole.sampleLowRank(0.5, new SplittableRandom(3)), resumed.sampleLowRank(0.5, new SplittableRandom(3)));
        byte[] bytes = whole.toBytes();
        assertThrows(IllegalArgumentException.class, () -> SwagMoments.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 4)));
    }

    @Test
    void rankZeroKeepsTheDiagonalOnly() {
        // swa.rank: 0 — the same mean and variance as with deviations, none held, and a low-rank sample refused
        SwagMoments s = threePoints(0);
        assertEquals(0, s.maxRank());
        assertEquals(0, s.rank());
        assertEquals(List.of(), s.deviations());
        assertArrayEquals(new float[] {3f, 2f}, s.mean().toFloatVector(), 0f);
        assertArrayEquals(new float[] {8f / 3, 8f}, s.variance().toFloatVector(), 1e-6f);
        assertThrows(IllegalStateException.class, () -> s.sampleLowRank(1, new SplittableRandom(1)));
        SwagMoments back = SwagMoments.fromBytes(s.toBytes());
        assertEquals(0, back.maxRank());
        assertEquals(s.sampleDiagonal(1, new SplittableRandom(2)), back.sampleDiagonal(1, new SplittableRandom(2)));
        assertThrows(IllegalArgumentException.class, () -> new SwagMoments(2, -1));
    }
}
