package dev.basin.engine.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basin.engine.Engine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class SwaAverageTest {

    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    @Test
    void meanOfThreeVectors() {
        SwaAverage swa = new SwaAverage(3);
        swa.add(Nd4j.createFromArray(1f, 2f, 3f));
        swa.add(Nd4j.createFromArray(4f, 5f, 6f));
        swa.add(Nd4j.createFromArray(7f, 8f, 10f));
        assertEquals(3, swa.count());
        assertArrayEquals(new float[] {4f, 5f, (float) (19.0 / 3)}, swa.mean().toFloatVector(), 0f);
        assertEquals(1, swa.mean().rank());
    }

    @Test
    void meanIsExactWhereAFloatRunningMeanDrifts() {
        // 0.1f added 1000 times: the double sum is exact, so the mean is exactly 0.1f
        SwaAverage swa = new SwaAverage(1);
        for (int i = 0; i < 1000; i++) {
            swa.add(Nd4j.createFromArray(0.1f));
        }
        assertEquals(0.1f, swa.mean().getFloat(0), 0f);
    }

    @Test
    void resumingFromBytesGivesTheSameMean() {
        SwaAverage whole = new SwaAverage(2);
        SwaAverage first = new SwaAverage(2);
        float[][] xs = {{0.3f, -1f}, {0.7f, 2f}, {1.1f, 5f}};
        for (float[] x : xs) {
            whole.add(Nd4j.createFromArray(x));
        }
        first.add(Nd4j.createFromArray(xs[0]));
        first.add(Nd4j.createFromArray(xs[1]));
        SwaAverage resumed = SwaAverage.fromBytes(first.toBytes());
        resumed.add(Nd4j.createFromArray(xs[2]));
        assertEquals(whole.mean(), resumed.mean());
        assertArrayEquals(whole.toBytes(), resumed.toBytes());
    }

    @Test
    void refusesEmptyMeanWrongSizeAndBadBytes() {
        SwaAverage swa = new SwaAverage(2);
        assertThrows(IllegalStateException.class, swa::mean);
        assertThrows(IllegalArgumentException.class, () -> swa.add(Nd4j.createFromArray(1f, 2f, 3f)));
        byte[] bytes = swa.toBytes();
        assertThrows(IllegalArgumentException.class, () -> SwaAverage.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 1)));
        assertThrows(IllegalArgumentException.class, () -> SwaAverage.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length + 1)));
        assertThrows(IllegalArgumentException.class, () -> SwagMoments.fromBytes(bytes));
    }
}
