package dev.basin.engine.tsne;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import smile.util.MulticoreExecutor;

class TsneTest {

    /** {@code perCluster} points around each of {@code clusters} random centres in [0,1]^dim, noise std 0.05. */
    static double[][] clusters(int clusters, int perCluster, int dim, long seed) {
        Random r = new Random(seed);
        double[][] centres = new double[clusters][dim];
        for (double[] c : centres) {
            for (int k = 0; k < dim; k++) {
                c[k] = r.nextDouble();
            }
        }
        double[][] x = new double[clusters * perCluster][dim];
        for (int i = 0; i < x.length; i++) {
            double[] c = centres[i % clusters];
            for (int k = 0; k < dim; k++) {
                x[i][k] = c[k] + 0.05 * r.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void squaredDistancesByHand() {
        // (0,0), (3,4), (1,1): 3²+4² = 25, 1+1 = 2, 2²+3² = 13
        double[][] d = Tsne.squaredDistances(new double[][] {{0, 0}, {3, 4}, {1, 1}});
        assertArrayEquals(new double[] {0, 25, 2}, d[0]);
        assertArrayEquals(new double[] {25, 0, 13}, d[1]);
        assertArrayEquals(new double[] {2, 13, 0}, d[2]);
    }

    @Test
    void sameSeedSameCoordinatesEvenFromConcurrentCallers() throws Exception {
        double[][] x = clusters(3, 10, 40, 1);
        double[][] a = Tsne.embed(x, 5, 17, 500);
        double[][] b = Tsne.embed(x, 5, 17, 500);
        assertTrue(Arrays.deepEquals(a, b), "two runs with seed 17 differ");
        assertFalse(Arrays.deepEquals(a, Tsne.embed(x, 5, 18, 500)), "seed 18 gave the layout of seed 17");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<double[][]> f1 = pool.submit(() -> Tsne.embed(x, 5, 17, 500));
            Future<double[][]> f2 = pool.submit(() -> Tsne.embed(x, 5, 17, 500));
            assertTrue(Arrays.deepEquals(a, f1.get()) && Arrays.deepEquals(a, f2.get()), "concurrent runs differ");
        } finally {
            pool.shutdown();
        }
        assertEquals(1, MulticoreExecutor.getThreadPoolSize());
        assertEquals(30, a.length);
        for (double[] p : a) {
            assertEquals(2, p.length);
            assertTrue(Double.isFinite(p[0]) && Double.isFinite(p[1]));
        }
    }

    /** 50 points in 100,000 dimensions (the size of 50 models' predictions on 10,000 test points × 10 classes). */
    @Test
    void wellSeparatedClustersStaySeparatedIn2d() {
        int n = 50;
        double[][] x = clusters(2, n / 2, 100_000, 2);
        long t0 = System.nanoTime();
        double[][] y = Tsne.embed(x, 8, 3, 1000);
        System.out.printf("t-SNE of %d points × %d dims, 1000 iterations: %.2f s%n",
                n, x[0].length, (System.nanoTime() - t0) / 1e9);
        double maxWithin = 0;
        double minBetween = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double d = Math.hypot(y[i][0] - y[j][0], y[i][1] - y[j][1]);
                if (i % 2 == j % 2) {
                    maxWithin = Math.max(maxWithin, d);
                } else {
                    minBetween = Math.min(minBetween, d);
                }
            }
        }
        assertTrue(minBetween > maxWithin, "clusters overlap: closest pair across " + minBetween
                + ", farthest pair within " + maxWithin);
    }

    @Test
    void identicalPointsEmbedAtTheOrigin() {
        double[][] x = new double[6][3];
        for (double[] p : x) {
            Arrays.fill(p, 0.25);
        }
        assertTrue(Arrays.deepEquals(new double[6][2], Tsne.embed(x, 1, 0, 300)));
    }

    @Test
    void perplexityIterationsAndShapeAreChecked() {
        double[][] ten = clusters(2, 5, 4, 3);
        assertEquals(3.0, Tsne.maxPerplexity(10));
        assertEquals(10, Tsne.embed(ten, 3.0, 1, 300).length);
        for (double bad : new double[] {3.01, 0.5, Double.NaN, 30}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tsne.embed(ten, bad, 1, 300));
            assertTrue(e.getMessage().contains("perplexity " + bad) && e.getMessage().contains("[1, 3.0]")
                    && e.getMessage().contains("n = 10"), e.getMessage());
        }
        IllegalArgumentException it = assertThrows(IllegalArgumentException.class, () -> Tsne.embed(ten, 2, 1, 250));
        assertTrue(it.getMessage().contains("iterations 250"), it.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tsne.embed(new double[3][2], 1, 1, 300));
        double[][] ragged = clusters(2, 3, 4, 4);
        ragged[4] = new double[3];
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> Tsne.embed(ragged, 1, 1, 300));
        assertTrue(shape.getMessage().contains("point 4 has 3 values"), shape.getMessage());
        double[][] nan = clusters(2, 3, 4, 5);
        nan[1][2] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> Tsne.embed(nan, 1, 1, 300));
    }
}
