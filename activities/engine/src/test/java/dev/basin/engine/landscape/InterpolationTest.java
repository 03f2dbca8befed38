package dev.basin.engine.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basin.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InterpolationTest {

    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    @Test
    void gridHitsZeroAndOneExactly() {
        double[] t = Interpolation.ts(25, 0.1);
        assertEquals(25, t.length);
        assertEquals(-0.1, t[0], 1e-15);
        assertEquals(0.0, t[2], 0);
        assertEquals(1.0, t[22], 0);
        assertEquals(1.1, t[24], 1e-15);
        for (int i = 1; i < t.length; i++) {
            assertEquals(0.05, t[i] - t[i - 1], 1e-12);
        }
        // margin 0.3 with 5 points: m = round(0.75) = 1 step each side, s = 2, effective margin 0.5
        assertArrayEquals(new double[] {-0.5, 0, 0.5, 1, 1.5}, Interpolation.ts(5, 0.3), 0);
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, Interpolation.ts(5, 0), 0);
        assertArrayEquals(new double[] {0, 1}, Interpolation.ts(2, 0.5), 0);
        assertArrayEquals(new double[] {0, 0.5, 1}, Interpolation.ts(3, 5), 0);
        assertThrows(IllegalArgumentException.class, () -> Interpolation.ts(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Interpolation.ts(5, -0.1));
    }

    @Test
    void endpointsAreTheSolutionsThemselves() {
        INDArray w1 = Nd4j.createFromArray(0.1f, -3.7f, 1e-3f);
        INDArray w2 = Nd4j.createFromArray(2.3f, 0.9f, -5e4f);
        Interpolation line = new Interpolation(w1, w2);
        assertEquals(w1, line.point(0));
        assertEquals(w2, line.point(1));
        assertArrayEquals(new float[] {1.2f, -1.4f, (float) ((1e-3f + -5e4f) / 2.0)}, line.point(0.5).toFloatVector(), 1e-6f);
        // t = −0.5: 1.5·w1 − 0.5·w2
        assertArrayEquals(new float[] {(float) (1.5 * 0.1f - 0.5 * 2.3f), (float) (1.5 * -3.7f - 0.5 * 0.9f),
            (float) (1.5 * 1e-3f + 0.5 * 5e4f)}, line.point(-0.5).toFloatVector(), 0f);
        assertThrows(IllegalArgumentException.class, () -> new Interpolation(w1, Nd4j.createFromArray(1f)));
    }
}
