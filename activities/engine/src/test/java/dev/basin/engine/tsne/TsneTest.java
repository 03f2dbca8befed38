package dev.basin.engine.tsne;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

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

    /**
     * Like a study's flattened test predictions: 108 models × (100 samples × 10 classes of softmax). Model i
     * belongs to member i % 4 and is checkpoint i / 4 of 27, its logits sharpening from near-uniform as it trains.
     */
    static double[][] softmaxStudy(long seed) {
        int samples = 100;
        int classes = 10;
        Random r = new Random(seed);
        double[][] truth = new double[samples][classes];
        double[][][] member = new double[4][samples][classes];
        for (int s = 0; s < samples; s++) {
            for (int k = 0; k < classes; k++) {
                truth[s][k] = 3 * r.nextGaussian();
                for (double[][] m : member) {
                    m[s][k] = 2 * r.nextGaussian();
                }
            }
        }
        double[][] x = new double[108][samples * classes];
        for (int i = 0; i < x.length; i++) {
            double t = 0.1 + 2.0 * (i / 4) / 27;
            for (int s = 0; s < samples; s++) {
                double[] logits = new double[classes];
                double sum = 0;
                for (int k = 0; k < classes; k++) {
                    logits[k] = Math.exp(t * (truth[s][k] + member[i % 4][s][k]) + 0.1 * r.nextGaussian());
                    sum += logits[k];
                }
                for (int k = 0; k < classes; k++) {
                    x[i][s * classes + k] = logits[k] / sum;
                }
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
    void conditionalEntropyIsLnPerplexityInNats() {
        Random r = new Random(7);
        double[][] x = new double[80][30];
        for (double[] p : x) {
            for (int k = 0; k < p.length; k++) {
                p[k] = r.nextGaussian() * (1 + k);
            }
        }
        double[][] d2 = Tsne.squaredDistances(x);
        for (double perplexity : new double[] {1, 2.5, 10, Tsne.maxPerplexity(80)}) {
            for (int i = 0; i < x.length; i++) {
                double[] p = Tsne.conditionalRow(d2[i], i, perplexity);
                double sum = 0;
                double entropy = 0;
                for (double v : p) {
                    sum += v;
                    entropy -= v > 0 ? v * Math.log(v) : 0;
                }
                assertEquals(0, p[i]);
                assertEquals(1, sum, 1e-12, "row " + i + " is not normalised");
                assertEquals(Math.log(perplexity), entropy, 1e-4, "row " + i + ", perplexity " + perplexity);
            }
        }
    }

    @Test
    void coincidingNeighboursAndJointProbabilitiesByHand() {
        // points 0, 1, 2 coincide: point 0's entropy cannot fall below ln 2, so at perplexity 1 or 2 its row is
        // 1/2 on points 1 and 2; at 2.5 the search runs and reaches ln 2.5
        double[][] x = {{0, 0}, {0, 0}, {0, 0}, {1, 0}, {0, 2}, {3, 3}, {-1, 4}, {5, 0}, {2, -2}, {-3, -1}};
        double[][] d2 = Tsne.squaredDistances(x);
        double[] half = {0, 0.5, 0.5, 0, 0, 0, 0, 0, 0, 0};
        assertArrayEquals(half, Tsne.conditionalRow(d2[0], 0, 1));
        assertArrayEquals(half, Tsne.conditionalRow(d2[0], 0, 2));
        double[] p = Tsne.conditionalRow(d2[0], 0, 2.5);
        assertEquals(Math.log(2.5), -Arrays.stream(p).filter(v -> v > 0).map(v -> v * Math.log(v)).sum(), 2e-5);

        // four corners of a regular tetrahedron: every conditional row is 1/3, so p_ij = (1/3 + 1/3) / (2·4)
        double[][] tetra = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
        double[][] joint = Tsne.jointProbabilities(Tsne.squaredDistances(tetra), 1);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(i == j ? 0 : 1.0 / 12, joint[i][j], 1e-15, i + "," + j);
            }
        }
    }

    @Test
    void jointProbabilitiesAreSymmetricFlooredAndSumToOne() {
        double[][] p = Tsne.jointProbabilities(Tsne.squaredDistances(clusters(3, 10, 20, 9)), 3);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p.length; j++) {
                assertEquals(p[i][j], p[j][i]);
                assertTrue(i == j ? p[i][j] == 0 : p[i][j] >= Tsne.P_FLOOR, i + "," + j + ": " + p[i][j]);
                sum += p[i][j];
            }
        }
        assertEquals(1, sum, 30 * 30 * Tsne.P_FLOOR);
    }

    @Test
    void learningRateIsNOverTheExaggeration() {
        assertEquals(9, Tsne.learningRate(108));
        assertEquals(0.5, Tsne.learningRate(6));
    }

    @Test
    void descentLowersTheKlDivergence() {
        double[][] x = clusters(3, 10, 40, 11);
        double[][] p = Tsne.jointProbabilities(Tsne.squaredDistances(x), 5);
        double start = Tsne.klDivergence(p, Tsne.initialLayout(30, 4));
        double end = Tsne.klDivergence(p, Tsne.embed(x, 5, 4, 1000));
        assertTrue(end < start / 2, "KL " + start + " at the start, " + end + " after 1000 iterations");
    }

    /** The library used before put such a study at x from −1,865,670 to 35,405. */
    @Test
    void softmaxStudyOf108ModelsStaysBounded() {
        double[][] x = softmaxStudy(5);
        for (double perplexity : new double[] {5, 30, Tsne.maxPerplexity(108)}) {
            double[][] y = Tsne.embed(x, perplexity, 42, 1000);
            double max = Arrays.stream(y).flatMapToDouble(Arrays::stream).map(Math::abs).max().orElseThrow();
            assertTrue(max < 100, "perplexity " + perplexity + ": a coordinate reaches " + max);
            double[][] p = Tsne.jointProbabilities(Tsne.squaredDistances(x), perplexity);
            assertTrue(Tsne.klDivergence(p, y) < Tsne.klDivergence(p, Tsne.initialLayout(108, 42)));
        }
    }

    @Test
    void progressIsReportedOnTheCallingThreadAndChangesNoCoordinate() {
        double[][] x = clusters(3, 50, 40, 1); // 150 points: three blocks of rows
        Thread caller = Thread.currentThread();
        int[] calls = new int[1];
        double[][] reported = Tsne.embed(x, 5, 17, 300, () -> {
            assertSame(caller, Thread.currentThread(), "a heartbeat must come from the activity's thread");
            calls[0]++;
        });
        assertTrue(Arrays.deepEquals(Tsne.embed(x, 5, 17, 300), reported), "the same bits with or without progress");
        assertEquals(3 + 3 + 300, calls[0], "per block of distances, per block of affinities, per iteration");
    }

    @Test
    void sameSeedSameCoordinatesWhateverTheThreads() throws Exception {
        double[][] x = clusters(3, 10, 40, 1);
        double[][] a = Tsne.embed(x, 5, 17, 500);
        assertTrue(Arrays.deepEquals(a, Tsne.embed(x, 5, 17, 500)), "two runs with seed 17 differ");
        assertFalse(Arrays.deepEquals(a, Tsne.embed(x, 5, 18, 500)), "seed 18 gave the layout of seed 17");
        ForkJoinPool one = new ForkJoinPool(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            assertTrue(Arrays.deepEquals(a, one.submit(() -> Tsne.embed(x, 5, 17, 500)).get()), "one thread differs");
            Future<double[][]> f1 = pool.submit(() -> Tsne.embed(x, 5, 17, 500));
            Future<double[][]> f2 = pool.submit(() -> Tsne.embed(x, 5, 17, 500));
            assertTrue(Arrays.deepEquals(a, f1.get()) && Arrays.deepEquals(a, f2.get()), "concurrent runs differ");
        } finally {
            one.shutdown();
            pool.shutdown();
        }
        assertEquals(30, a.length);
        double[] mean = new double[2];
        for (double[] p : a) {
            assertEquals(2, p.length);
            assertTrue(Double.isFinite(p[0]) && Double.isFinite(p[1]));
            mean[0] += p[0] / 30;
            mean[1] += p[1] / 30;
        }
        assertArrayEquals(new double[2], mean, 1e-9, "centred");
    }

    /** 100 points in 100,000 dimensions (100 models' predictions on 10,000 test points × 10 classes). */
    @Test
    void wellSeparatedClustersStaySeparatedIn2d() {
        int n = 100;
        double[][] x = clusters(2, n / 2, 100_000, 2);
        long t0 = System.nanoTime();
        double[][] y = Tsne.embed(x, 30, 3, 500);
        System.out.printf("t-SNE of %d points × %d dims, 500 iterations: %.2f s%n",
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
        double[][] huge = {{0}, {1e200}, {2}, {3}};
        IllegalArgumentException overflow = assertThrows(IllegalArgumentException.class, () -> Tsne.embed(huge, 1, 1, 300));
        assertTrue(overflow.getMessage().contains("overflows"), overflow.getMessage());
    }
}
