package dev.basin.engine.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearAssignmentTest {

    @Test
    void matchesBruteForceOnRandomMatricesUpToSeven() {
        Random rnd = new Random(7);
        for (int n = 0; n <= 7; n++) {
            for (int trial = 0; trial < (n <= 5 ? 300 : 60); trial++) {
                double[][] c = new double[n][n];
                int style = trial % 3;
                for (double[] row : c) {
                    for (int j = 0; j < n; j++) {
                        // Gaussian, small integers (many ties) and large-magnitude negatives.
                        row[j] = switch (style) {
                            case 0 -> rnd.nextGaussian();
                            case 1 -> rnd.nextInt(3) - 1;
                            default -> -1e6 * rnd.nextDouble();
                        };
                    }
                }
                int[] perm = LinearAssignment.maximize(c);
                assertPermutation(perm, n);
                assertEquals(bruteForce(c), LinearAssignment.value(c, perm), 1e-9 * (1 + Math.abs(bruteForce(c))),
                        "n=" + n + " trial=" + trial);
            }
        }
    }

    @Test
    void allTiesGiveSomePermutation() {
        double[][] c = new double[6][6];
        for (double[] row : c) {
            Arrays.fill(row, -2.5);
        }
        int[] perm = LinearAssignment.maximize(c);
        assertPermutation(perm, 6);
        assertEquals(-15.0, LinearAssignment.value(c, perm), 1e-12);
    }

    @Test
    void recoversAPlantedPermutation() {
        Random rnd = new Random(3);
        int n = 300;
        int[] planted = shuffled(n, rnd);
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                c[i][j] = rnd.nextDouble();
            }
            c[i][planted[i]] = 10;
        }
        assertArrayEquals(planted, LinearAssignment.maximize(c));
    }

    @Test
    void rejectsNonSquareAndNonFinite() {
        assertThrows(IllegalArgumentException.class, () -> LinearAssignment.maximize(new double[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class,
                () -> LinearAssignment.maximize(new double[][] {{1, Double.NaN}, {0, 0}}));
    }

    private static int[] shuffled(int n, Random rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static void assertPermutation(int[] perm, int n) {
        assertEquals(n, perm.length);
        int[] sorted = perm.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; i++) {
            assertEquals(i, sorted[i]);
        }
    }

    private static double bruteForce(double[][] c) {
        int n = c.length;
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return n == 0 ? 0 : best(c, p, 0);
    }

    private static double best(double[][] c, int[] p, int k) {
        if (k == p.length) {
            return LinearAssignment.value(c, p);
        }
        double b = Double.NEGATIVE_INFINITY;
        for (int i = k; i < p.length; i++) {
            swap(p, k, i);
            b = Math.max(b, best(c, p, k + 1));
            swap(p, k, i);
        }
        return b;
    }

    private static void swap(int[] p, int a, int b) {
        int t = p[a];
        p[a] = p[b];
        p[b] = t;
    }
}
