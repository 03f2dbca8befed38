package dev.basin.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MetricsTest {

    /*
     * 4 points, 3 classes (confidences kept away from the ECE bin edges k/15):
     *   p1 = [0.70, 0.20, 0.10] y=0  predicted 0 right  conf 0.70 (bin 10: (0.667, 0.733])
     *   p2 = [0.10, 0.62, 0.28] y=2  predicted 1 wrong  conf 0.62 (bin 9:  (0.600, 0.667])
     *   p3 = [0.19, 0.19, 0.62] y=2  predicted 2 right  conf 0.62 (bin 9)
     *   p4 = [0.50, 0.40, 0.10] y=1  predicted 0 wrong  conf 0.50 (bin 7:  (0.467, 0.533])
     * accuracy = 2/4 = 0.5
     * NLL   = -(ln 0.70 + ln 0.28 + ln 0.62 + ln 0.40)/4
     *       = (0.356675 + 1.272966 + 0.478036 + 0.916291)/4 = 0.755992
     * Brier = (0.09+0.04+0.01) + (0.01+0.3844+0.5184) + (0.0361+0.0361+0.1444) + (0.25+0.36+0.01)
     *       = (0.14 + 0.9128 + 0.2166 + 0.62)/4 = 1.8894/4 = 0.47235
     * ECE   = 1/4·|1 − 0.70| + 2/4·|0.5 − 0.62| + 1/4·|0 − 0.50| = 0.075 + 0.06 + 0.125 = 0.26
     */
    @Test
    void handComputedFourPointsThreeClasses() {
        INDArray p = Nd4j.create(new float[][] {
                {0.70f, 0.20f, 0.10f}, {0.10f, 0.62f, 0.28f}, {0.19f, 0.19f, 0.62f}, {0.50f, 0.40f, 0.10f}});
        Scores s = Metrics.score(p, new int[] {0, 2, 2, 1});
        assertEquals(0.5, s.accuracy(), 0);
        assertEquals(0.755992, s.nll(), 1e-6);
        assertEquals(0.47235, s.brier(), 1e-6);
        assertEquals(0.26, s.ece(), 1e-6);
    }

    @Test
    void nllClampsZeroProbability() {
        Scores s = Metrics.score(Nd4j.create(new float[][] {{1f, 0f}}), new int[] {1});
        assertEquals(-Math.log(Metrics.NLL_EPSILON), s.nll(), 1e-9);
        assertEquals(2.0, s.brier(), 0);
        assertEquals(1.0, s.ece(), 0);
    }

    @Test
    void eceBinsAreRightClosed() {
        assertEquals(0, Metrics.bin(0.0));
        assertEquals(0, Metrics.bin(1.0 / 15));
        assertEquals(1, Metrics.bin(Math.nextUp(1.0 / 15)));
        assertEquals(8, Metrics.bin(0.6));
        assertEquals(14, Metrics.bin(1.0));
    }

    @Test
    void ensembleMeanAveragesMembers() {
        INDArray a = Nd4j.create(new float[][] {{1f, 0f}, {0.5f, 0.5f}});
        INDArray b = Nd4j.create(new float[][] {{0f, 1f}, {0.25f, 0.75f}});
        INDArray m = Metrics.ensembleMean(List.of(a, b));
        assertEquals(Nd4j.create(new float[][] {{0.5f, 0.5f}, {0.375f, 0.625f}}), m);
        assertEquals(1f, a.getFloat(0, 0), 0f);
        assertThrows(IllegalArgumentException.class, () -> Metrics.ensembleMean(List.of(a, Nd4j.ones(3, 2))));
    }
}
