package dev.basin.engine.curve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basin.engine.analysis.CurveType;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CurveTest {

    private static INDArray random(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextGaussian() * 0.3);
        }
        return Nd4j.createFromArray(v);
    }

    @Test
    void endsAreTheEndpointsBitForBit() {
        INDArray w1 = random(1001, 1);
        INDArray theta = random(1001, 2);
        INDArray w2 = random(1001, 3);
        for (CurveType type : CurveType.values()) {
            Curve c = new Curve(type);
            assertArrayEquals(w1.toFloatVector(), c.point(w1, theta, w2, 0).toFloatVector(), type.text());
            assertArrayEquals(w2.toFloatVector(), c.point(w1, theta, w2, 1).toFloatVector(), type.text());
            double[] k0 = c.coefficients(0);
            double[] k1 = c.coefficients(1);
            assertArrayEquals(new double[] {1, 0, 0}, k0, 0);
            assertArrayEquals(new double[] {0, 0, 1}, k1, 0);
        }
        assertArrayEquals(theta.toFloatVector(), new Curve(CurveType.POLYCHAIN).point(w1, theta, w2, 0.5).toFloatVector());
    }

    @Test
    void coefficientsFollowTheDefinitions() {
        Curve bezier = new Curve(CurveType.BEZIER);
        assertArrayEquals(new double[] {0.49, 0.42, 0.09}, bezier.coefficients(0.3), 1e-15);
        assertEquals(0.5, bezier.bendCoefficient(0.5), 0);
        Curve chain = new Curve(CurveType.POLYCHAIN);
        assertArrayEquals(new double[] {0.4, 0.6, 0}, chain.coefficients(0.3), 1e-15);
        assertArrayEquals(new double[] {0, 0.6, 0.4}, chain.coefficients(0.7), 1e-15);
        for (double t : Curve.evenly(11)) {
            for (Curve c : new Curve[] {bezier, chain}) {
                double[] k = c.coefficients(t);
                assertEquals(1, k[0] + k[1] + k[2], 1e-15, "an affine combination at t = " + t);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> bezier.coefficients(1.5));
        assertThrows(IllegalArgumentException.class, () -> bezier.coefficients(Double.NaN));
    }

    @Test
    void midpointEvenlyAndLength() {
        INDArray w1 = Nd4j.createFromArray(0f, 0f, 2f);
        INDArray w2 = Nd4j.createFromArray(3f, 4f, 2f);
        INDArray mid = Curve.midpoint(w1, w2);
        assertArrayEquals(new float[] {1.5f, 2f, 2f}, mid.toFloatVector());
        double[] ts = Curve.evenly(5);
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, ts, 0);
        assertEquals(0.0, Curve.evenly(7)[0], 0);
        assertEquals(1.0, Curve.evenly(7)[6], 0);
        // with the bend at the midpoint both curves are the straight segment, of length 5
        for (CurveType type : CurveType.values()) {
            assertEquals(5, new Curve(type).length(w1, mid, w2, ts), 1e-6, type.text());
        }
        // a polygonal chain through θ = (0, 4, 2) is two legs of 4 and 3 whatever the grid, if it holds t = ½
        INDArray corner = Nd4j.createFromArray(0f, 4f, 2f);
        assertEquals(7, new Curve(CurveType.POLYCHAIN).length(w1, corner, w2, Curve.evenly(9)), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Curve.evenly(1));
    }

    @Test
    void garipovScheduleValues() {
        double a = 0.1;
        assertEquals(a, CurveSchedule.rate(a, 0, 100), 0);
        assertEquals(a, CurveSchedule.rate(a, 50, 100), 0);
        assertEquals(a * (1 - 0.2 / 0.4 * 0.99), CurveSchedule.rate(a, 70, 100), 1e-15);
        assertEquals(a * 0.01, CurveSchedule.rate(a, 90, 100), 1e-15);
        assertEquals(a * 0.01, CurveSchedule.rate(a, 95, 100), 0);
        assertEquals(a * 0.01, CurveSchedule.rate(a, 100, 100), 0);
        assertThrows(IllegalArgumentException.class, () -> CurveSchedule.rate(a, -1, 100));
    }

    @Test
    void stateBytesRoundTripAndAreChecked() {
        CurveState s = new CurveState(new float[] {1f, -2.5f, Float.MIN_VALUE}, new float[] {0f, 0.25f, -0f},
                new dev.basin.engine.train.TrainPosition(3, 41));
        byte[] bytes = s.write();
        assertArrayEquals(bytes, s.write(), "deterministic bytes");
        assertEquals(8 + 4 + 8 + 4 + 2 * 3 * 4, bytes.length);
        assertEquals(s, CurveState.read(bytes));
        byte[] bad = bytes.clone();
        bad[0] = 'X';
        assertThrows(IllegalArgumentException.class, () -> CurveState.read(bad));
        assertThrows(IllegalArgumentException.class, () -> CurveState.read(java.util.Arrays.copyOf(bytes, bytes.length - 1)));
        assertThrows(IllegalArgumentException.class, () -> CurveState.read(new byte[3]));
    }
}
