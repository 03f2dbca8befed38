package dev.basin.report.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScaleTest {
    @Test
    void linearRoundTripAndEnds() {
        Scale s = new Scale(-2, 8, 60, 620, false);
        assertEquals(60, s.px(-2), 1e-9);
        assertEquals(620, s.px(8), 1e-9);
        for (double v : new double[] {-2, -1.3, 0, 0.001, 3.7, 8}) assertEquals(v, s.value(s.px(v)), 1e-12);
    }

    @Test
    void invertedPixelsForY() {
        Scale s = new Scale(0, 1, 380, 40, false);
        assertEquals(380, s.px(0), 1e-9);
        assertEquals(210, s.px(0.5), 1e-9);
    }

    @Test
    void logRoundTripAndDecadesEvenlySpaced() {
        Scale s = new Scale(0.01, 100, 0, 400, true);
        assertEquals(100, s.px(0.1), 1e-9);
        assertEquals(200, s.px(1), 1e-9);
        for (double v : new double[] {0.01, 0.02, 0.5, 3, 99}) assertEquals(v, s.value(s.px(v)), v * 1e-12);
        assertFalse(s.drawable(0));
        assertFalse(s.drawable(-1));
        assertTrue(s.drawable(1e-30));
    }
}
