package dev.basin.report.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarchingSquaresTest {
    private static double[] grid(double lo, double hi, int n) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) g[i] = lo + (hi - lo) * i / (n - 1);
        return g;
    }

    @Test
    void coneContoursAreCircles() {
        double[] g = grid(-1, 1, 41);
        double h = g[1] - g[0];
        double[][] z = new double[41][41];
        for (int j = 0; j < 41; j++) for (int i = 0; i < 41; i++) z[j][i] = Math.hypot(g[i], g[j]);
        for (double r : new double[] {0.2, 0.5, 0.77, 0.95}) {
            List<double[]> segs = MarchingSquares.lines(g, g, z, r);
            assertTrue(segs.size() > 8, "segments at " + r);
            double length = 0;
            for (double[] s : segs) {
                assertEquals(r, Math.hypot(s[0], s[1]), h, "vertex off the circle");
                assertEquals(r, Math.hypot(s[2], s[3]), h, "vertex off the circle");
                length += Math.hypot(s[2] - s[0], s[3] - s[1]);
            }
            // the chords inscribe the circle: a little shorter than 2 pi r, never longer
            assertEquals(2 * Math.PI * r, length, 2 * Math.PI * r * 0.02);
            List<double[]> loops = Polylines.join(segs);
            assertEquals(1, loops.size(), "one closed contour at " + r);
            double[] loop = loops.get(0);
            assertEquals(loop[0], loop[loop.length - 2], 0);
            assertEquals(loop[1], loop[loop.length - 1], 0);
        }
    }

    @Test
    void planeBandsAreTheHandComputedStrips() {
        // z = x on [0, 1] x [0, 2]: band [a, b) is the strip a <= x < b, of area 2 (b - a)
        double[] xs = grid(0, 1, 11), ys = grid(0, 2, 7);
        double[][] z = new double[ys.length][xs.length];
        for (int j = 0; j < ys.length; j++) for (int i = 0; i < xs.length; i++) z[j][i] = xs[i];
        double[] bounds = {0, 0.25, 0.33, 0.5, 0.8, 1};
        List<List<double[]>> bands = MarchingSquares.bands(xs, ys, z, bounds);
        assertEquals(5, bands.size());
        double total = 0;
        for (int k = 0; k < 5; k++) {
            double a = 0;
            for (double[] p : bands.get(k)) {
                double pa = MarchingSquares.area(p);
                assertTrue(pa > 0, "polygons wind counter-clockwise");
                a += pa;
            }
            assertEquals(2 * (bounds[k + 1] - bounds[k]), a, 1e-9, "band " + k);
            total += a;
        }
        assertEquals(2.0, total, 1e-9);
    }

    @Test
    void bandsTileAnIrregularFieldWithSaddles() {
        double[] xs = grid(-2, 3, 26), ys = grid(-1, 2, 19);
        double[][] z = new double[ys.length][xs.length];
        for (int j = 0; j < ys.length; j++)
            for (int i = 0; i < xs.length; i++) z[j][i] = Math.sin(3 * xs[i]) * Math.cos(4 * ys[j]) + 0.1 * xs[i];
        double[] bounds = {-1, -0.5, -0.1, 0, 0.3, 0.7, 1.3};
        double total = 0;
        for (List<double[]> band : MarchingSquares.bands(xs, ys, z, bounds))
            for (double[] p : band) total += MarchingSquares.area(p);
        assertEquals(5.0 * 3.0, total, 1e-9);
    }

    @Test
    void saddleResolvedByTheCellMean() {
        // one cell, high corners a (0,0) and c (1,1); level 0.5
        double[] g = {0, 1};
        double[][] highMean = {{1, 0}, {0.4, 1}}; // z[iy][ix]: a=1, b=0, d=0.4, c=1; mean 0.6 >= 0.5
        List<double[]> segs = MarchingSquares.lines(g, g, highMean, 0.5);
        assertEquals(2, segs.size());
        // high centre joins a and c: the low corners b (1,0) and d (0,1) are cut off
        for (double[] s : segs) {
            double mx = (s[0] + s[2]) / 2, my = (s[1] + s[3]) / 2;
            assertTrue(mx > 0.5 && my < 0.5 || mx < 0.5 && my > 0.5, "segment near a low corner");
        }
        double[][] lowMean = {{0.6, 0}, {0, 0.6}}; // mean 0.3 < 0.5: a and c are cut off
        for (double[] s : MarchingSquares.lines(g, g, lowMean, 0.5)) {
            double mx = (s[0] + s[2]) / 2, my = (s[1] + s[3]) / 2;
            assertTrue(mx < 0.5 && my < 0.5 || mx > 0.5 && my > 0.5, "segment near a high corner");
        }
    }

    @Test
    void nanCellsAreLeftOut() {
        double[] g = grid(0, 1, 3);
        double[][] z = {{0, 1, 2}, {1, Double.NaN, 3}, {2, 3, 4}};
        assertTrue(MarchingSquares.lines(g, g, z, 1.5).isEmpty());
        double total = 0;
        for (List<double[]> band : MarchingSquares.bands(g, g, z, new double[] {0, 2, 4}))
            for (double[] p : band) total += MarchingSquares.area(p);
        assertEquals(0, total, 1e-12);
    }

    @Test
    void logLevelsAreEvenInLog() {
        double[] lv = ContourLevels.log(0.01, 100, 4);
        assertEquals(3, lv.length);
        assertEquals(0.1, lv[0], 1e-12);
        assertEquals(1, lv[1], 1e-12);
        assertEquals(10, lv[2], 1e-12);
        double[] nice = ContourLevels.nice(0.013, 0.987, 10);
        assertEquals(0.1, nice[0], 1e-12);
        assertEquals(0.9, nice[nice.length - 1], 1e-12);
    }
}
