package dev.basin.engine.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DropoutSampleTest {

    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    @Test
    void zeroesAboutPAndScalesSurvivors() {
        int p = 100_000;
        INDArray theta = Nd4j.ones(p).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        float[] s = DropoutSample.sample(theta, 0.3, 5).toFloatVector();
        int zeros = 0;
        for (float x : s) {
            if (x == 0) {
                zeros++;
            } else {
                assertEquals((float) (1 / 0.7), x, 0f);
            }
        }
        // binomial(1e5, 0.3): sd ≈ 145
        assertEquals(0.3 * p, zeros, 5 * 145);
        assertEquals(DropoutSample.sample(theta, 0.3, 5), DropoutSample.sample(theta, 0.3, 5));
        assertNotEquals(DropoutSample.sample(theta, 0.3, 5), DropoutSample.sample(theta, 0.3, 6));
    }

    @Test
    void rateZeroIsIdentityAndBadRatesAreRefused() {
        INDArray theta = Nd4j.createFromArray(1.5f, -2f, 3f);
        assertEquals(theta, DropoutSample.sample(theta, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> DropoutSample.sample(theta, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> DropoutSample.sample(theta, -0.1, 1));
        assertTrue(theta.rank() == 1);
    }
}
