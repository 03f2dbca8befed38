package dev.basin.report.sections;

import java.util.ArrayList;
import java.util.List;

/**
 * A plane's grid read back from {@code plane_surface} rows: point (i, j) at (a[i], b[j]) holds {@code value}.
 * A point not (yet) in the rows stays NaN, which the contour plot leaves blank.
 *
 * @param xs a[i], increasing
 * @param ys b[j], increasing
 * @param z  {@code z[j][i]}, the value at (a[i], b[j])
 */
record PlaneGrid(double[] xs, double[] ys, double[][] z) {

    /** Rows with columns i, j, a, b and value. */
    static PlaneGrid of(Rows rows) {
        double[] is = rows.numbers("i");
        double[] js = rows.numbers("j");
        int nx = 0;
        int ny = 0;
        for (int r = 0; r < rows.size(); r++) {
            nx = Math.max(nx, (int) is[r] + 1);
            ny = Math.max(ny, (int) js[r] + 1);
        }
        double[] xs = new double[nx];
        double[] ys = new double[ny];
        double[][] z = new double[ny][nx];
        for (double[] row : z) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        double[] a = rows.numbers("a");
        double[] b = rows.numbers("b");
        double[] v = rows.numbers("value");
        for (int r = 0; r < rows.size(); r++) {
            int i = (int) is[r];
            int j = (int) js[r];
            xs[i] = a[r];
            ys[j] = b[r];
            z[j][i] = v[r];
        }
        return new PlaneGrid(xs, ys, z);
    }

    /** Whether every value present is above 0, so that log-spaced levels exist. */
    boolean positive() {
        for (double[] row : z) {
            for (double v : row) {
                if (!(v > 0) && !Double.isNaN(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The rows (columns a, b) whose point lies within the grid's extent, edges included; none without a grid. */
    Rows inside(Rows points) {
        if (xs.length == 0 || ys.length == 0) {
            return new Rows(points.columns(), List.of());
        }
        double[] a = points.numbers("a");
        double[] b = points.numbers("b");
        List<List<String>> kept = new ArrayList<>();
        for (int r = 0; r < points.size(); r++) {
            if (a[r] >= xs[0] && a[r] <= xs[xs.length - 1] && b[r] >= ys[0] && b[r] <= ys[ys.length - 1]) {
                kept.add(points.rows().get(r));
            }
        }
        return new Rows(points.columns(), kept);
    }
}
