package dev.basin.engine.align;

import java.util.Arrays;

/**
 * The linear assignment problem on a square matrix: the permutation π maximising Σ C[i][π(i)].
 *
 * <p>Shortest augmenting paths with dual potentials (the Hungarian method in the form of Jonker and
 * Volgenant), O(n³) time and O(n) extra memory beyond the matrix. Rows are added one at a time;
 * each addition runs a Dijkstra-like search over columns on reduced costs, which the potentials
 * keep non-negative, so the search never revisits a column. Written for minimisation, so the
 * matrix is negated on the fly rather than copied.
 */
public final class LinearAssignment {

    private LinearAssignment() {}

    /** {@code π} with {@code π[i]} the column given to row {@code i}, maximising Σ C[i][π(i)]. */
    public static int[] maximize(double[][] c) {
        int n = c.length;
        for (double[] row : c) {
            if (row.length != n) {
                throw new IllegalArgumentException("matrix must be square, got a row of " + row.length + " in " + n);
            }
            for (double x : row) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("matrix entries must be finite, got " + x);
                }
            }
        }
        // 1-based internals: column 0 is a virtual column holding the row being inserted.
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] rowOfCol = new int[n + 1];
        int[] way = new int[n + 1];
        double[] minv = new double[n + 1];
        boolean[] used = new boolean[n + 1];
        for (int i = 1; i <= n; i++) {
            rowOfCol[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = rowOfCol[j0];
                double[] row = c[i0 - 1];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = -1;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        double cur = -row[j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[rowOfCol[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (rowOfCol[j0] != 0);
            do {
                int j1 = way[j0];
                rowOfCol[j0] = rowOfCol[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] perm = new int[n];
        for (int j = 1; j <= n; j++) {
            perm[rowOfCol[j] - 1] = j - 1;
        }
        return perm;
    }

    /** Σ C[i][π(i)]. */
    public static double value(double[][] c, int[] perm) {
        double s = 0;
        for (int i = 0; i < perm.length; i++) {
            s += c[i][perm[i]];
        }
        return s;
    }
}
