package dev.basin.engine.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GeometryTest {

    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    private static INDArray v(float... x) {
        return Nd4j.createFromArray(x);
    }

    @Test
    void cosineOfKnownVectors() {
        // (1,2,2)·(2,1,2) = 8, both norms 3
        assertEquals(8.0 / 9.0, Geometry.cosine(v(1, 2, 2), v(2, 1, 2)), 1e-15);
        assertEquals(0.0, Geometry.cosine(v(1, 0), v(0, 3)), 0);
        assertEquals(-1.0, Geometry.cosine(v(1, -2), v(-2, 4)), 1e-15);
        assertTrue(Double.isNaN(Geometry.cosine(v(0, 0), v(1, 1))));
        assertThrows(IllegalArgumentException.class, () -> Geometry.cosine(v(1, 2), v(1, 2, 3)));
        assertThrows(IllegalArgumentException.class, () -> Geometry.cosine(Nd4j.ones(1, 3), v(1, 2, 3)));
    }

    @Test
    void cosineSumsInDoubleNotFloat() {
        // 2^24 + 1 is not a float, so a float accumulator would lose the last entry's contribution
        float[] a = {4096, 4096, 1};
        float[] b = {4096, 4096, -1};
        double dot = 2.0 * 4096 * 4096 - 1;
        double nn = 2.0 * 4096 * 4096 + 1;
        assertEquals(dot / nn, Geometry.cosine(v(a), v(b)), 1e-15); // a float sum gives exactly 1
    }

    @Test
    void stridedViewsAreReadByValue() {
        INDArray m = Nd4j.createFromArray(new float[][] {{1, 2}, {2, 1}, {2, 2}});
        INDArray column0 = m.getColumn(0);
        INDArray column1 = m.getColumn(1);
        assertEquals(1, column0.rank());
        assertEquals(8.0 / 9.0, Geometry.cosine(column0, column1), 1e-15);
    }

    @Test
    void l2Distance() {
        assertEquals(3.0, Geometry.l2Distance(v(0, 0, 0), v(1, 2, 2)), 0);
        assertEquals(Math.sqrt(2), Geometry.l2Distance(v(1, 2, 2), v(2, 1, 2)), 1e-15);
    }

    @Test
    void predictedLabelsTakeTheFirstMaximum() {
        INDArray p = Nd4j.createFromArray(new float[][] {{0.1f, 0.7f, 0.2f}, {0.5f, 0.5f, 0f}, {0.2f, 0.3f, 0.5f}});
        assertArrayEquals(new int[] {1, 0, 2}, Geometry.predictedLabels(p));
    }

    @Test
    void disagreementOfKnownLabels() {
        assertEquals(0.5, Geometry.disagreement(new int[] {0, 1, 2, 3}, new int[] {0, 1, 1, 0}), 0);
        assertEquals(0.0, Geometry.disagreement(new int[] {4}, new int[] {4}), 0);
        INDArray p = Nd4j.createFromArray(new float[][] {{0.9f, 0.1f}, {0.2f, 0.8f}, {0.6f, 0.4f}});
        INDArray q = Nd4j.createFromArray(new float[][] {{0.4f, 0.6f}, {0.3f, 0.7f}, {0.7f, 0.3f}});
        assertEquals(1.0 / 3, Geometry.disagreement(p, q), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Geometry.disagreement(new int[] {1}, new int[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Geometry.disagreement(new int[0], new int[0]));
    }

    @Test
    void diversityNormalisesByTheBaselineError() {
        assertEquals(0.5, Geometry.diversity(0.1, 0.8), 1e-15);
        assertEquals(0.0, Geometry.diversity(0.0, 0.9), 0);
        assertTrue(Double.isNaN(Geometry.diversity(0.0, 1.0)));
        assertTrue(Double.isNaN(Geometry.diversity(0.2, 1.0)));
        assertThrows(IllegalArgumentException.class, () -> Geometry.diversity(0.1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> Geometry.diversity(-0.1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Geometry.diversity(Double.NaN, 0.5));
    }
}
