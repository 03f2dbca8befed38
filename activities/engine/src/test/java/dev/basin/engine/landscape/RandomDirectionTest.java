package dev.basin.engine.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.basin.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RandomDirectionTest {

    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    @Test
    void unitNormSeededAndIsotropic() {
        int p = 20_000;
        INDArray d = RandomDirection.direction(p, 42);
        double[] x = d.toDoubleVector();
        assertEquals(1.0, Flat.norm(x), 1e-6);
        assertEquals(d, RandomDirection.direction(p, 42));
        assertNotEquals(d, RandomDirection.direction(p, 43));
        // entries of a uniform unit vector: ≈ N(0, 1/p), so E|x_i| ≈ √(2/π)/√p and Σx_i ≈ N(0, 1)
        double meanAbs = 0;
        double sum = 0;
        for (double xi : x) {
            meanAbs += Math.abs(xi) / p;
            sum += xi;
        }
        assertEquals(Math.sqrt(2 / Math.PI / p), meanAbs, 0.03 * Math.sqrt(2 / Math.PI / p));
        assertEquals(0, sum, 5);
    }

    @Test
    void sampleIsRadiusAwayAlongTheDirection() {
        INDArray theta = Nd4j.createFromArray(1f, -2f, 0.5f, 4f, 0f);
        INDArray s = RandomDirection.sample(theta, 0.3, 7);
        assertEquals(0.3, Geometry.l2Distance(theta, s), 1e-6);
        INDArray d = RandomDirection.direction(5, 7);
        float[] expected = new float[5];
        for (int i = 0; i < 5; i++) {
            expected[i] = theta.getFloat(i) + 0.3f * d.getFloat(i);
        }
        assertArrayEquals(expected, s.toFloatVector(), 1e-6f);
        assertEquals(theta, RandomDirection.sample(theta, 0, 7));
    }
}
