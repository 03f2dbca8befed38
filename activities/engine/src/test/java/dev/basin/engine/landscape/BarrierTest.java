package dev.basin.engine.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BarrierTest {

    @Test
    void aModelWithItselfHasBarrierZero() {
        double[] ts = Interpolation.ts(25, 0.1);
        double[] losses = new double[ts.length];
        java.util.Arrays.fill(losses, 0.731);
        assertEquals(new Barrier(0, 0), Barrier.of(ts, losses));
    }

    @Test
    void handComputedExample() {
        // chord from L(a) = 1 to L(b) = 3: 1.5 at t = 0.25, 2 at 0.5, 2.5 at 0.75
        double[] ts = {0, 0.25, 0.5, 0.75, 1};
        double[] losses = {1, 2.0, 2.75, 2.6, 3};
        Barrier b = Barrier.of(ts, losses);
        assertEquals(0.75, b.height(), 1e-15);
        assertEquals(0.5, b.t(), 0);
    }

    @Test
    void pointsOutsideTheSegmentAreIgnored() {
        double[] ts = {-0.5, 0, 0.5, 1, 1.5};
        double[] losses = {100, 1, 1.25, 1, Double.NaN};
        Barrier b = Barrier.of(ts, losses);
        assertEquals(0.25, b.height(), 1e-15);
        assertEquals(0.5, b.t(), 0);
    }

    /** A path below its chord (convex in t) reports 0, not the negative depth: the ends always give 0. */
    @Test
    void aPathBelowItsChordHasBarrierZero() {
        double[] ts = Interpolation.ts(11, 0);
        double[] losses = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            losses[i] = 1 + 4 * (ts[i] - 0.5) * (ts[i] - 0.5);
        }
        assertEquals(new Barrier(0, 0), Barrier.of(ts, losses));
    }

    @Test
    void refusesGridsWithoutBothEndsOrUnsorted() {
        assertThrows(IllegalArgumentException.class, () -> Barrier.of(new double[] {0, 0.5, 0.99}, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Barrier.of(new double[] {0.01, 0.5, 1}, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Barrier.of(new double[] {0, 1, 0.5}, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Barrier.of(new double[] {0, 0.5, 0.5, 1}, new double[4]));
        assertThrows(IllegalArgumentException.class, () -> Barrier.of(new double[] {0, 1}, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Barrier.of(new double[] {0, 0.5, 1},
                new double[] {1, Double.NaN, 1}));
    }

    @Test
    void ensembleConnectivityIsTheMeanOverPairs() {
        assertArrayEquals(new int[][] {{0, 1}, {0, 2}, {1, 2}}, Barrier.pairs(3));
        assertEquals(6, Barrier.pairs(4).length);
        assertEquals(0.5, Barrier.meanHeight(List.of(new Barrier(0, 0), new Barrier(1, 0.5), new Barrier(0.5, 0.3))),
                1e-15);
        assertThrows(IllegalArgumentException.class, () -> Barrier.meanHeight(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Barrier.pairs(1));
    }
}
