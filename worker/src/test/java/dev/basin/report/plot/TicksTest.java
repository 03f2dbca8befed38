package dev.basin.report.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TicksTest {
    @Test
    void unitRangeGivesTenths() {
        Ticks t = Ticks.linear(0, 1, 6);
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, t.values(), 0);
        assertEquals(0, t.lo());
        assertEquals(1, t.hi());
    }

    @Test
    void smallRangeWidensToEnclosingTicks() {
        // range 0.074 -> nice 0.1; step nice(0.1 / 5) = 0.02; widened from 0.013..0.087 to 0..0.1
        Ticks t = Ticks.linear(0.013, 0.087, 6);
        assertArrayEquals(new double[] {0, 0.02, 0.04, 0.06, 0.08, 0.1}, t.values(), 0);
    }

    @Test
    void tickValuesAreExactDecimals() {
        // 0.1 * 3 is 0.30000000000000004 in binary; the ticks must print as 0.3
        Ticks t = Ticks.linear(0, 0.7, 8);
        assertEquals("0.3", Svg.num(t.values()[3]));
        assertEquals(0.3, t.values()[3], 0);
    }

    @Test
    void negativeRange() {
        // range 11.1 -> nice 20; step nice(20 / 5 = 4) = 5
        Ticks t = Ticks.linear(-3.2, 7.9, 6);
        assertArrayEquals(new double[] {-5, 0, 5, 10}, t.values(), 0);
    }

    @Test
    void withinKeepsTheFixedRange() {
        Ticks t = Ticks.within(0.05, 0.95, 6);
        assertEquals(0.05, t.lo());
        assertEquals(0.95, t.hi());
        assertArrayEquals(new double[] {0.2, 0.4, 0.6, 0.8}, t.values(), 0);
    }

    @Test
    void degenerateRanges() {
        Ticks single = Ticks.linear(5, 5, 6);
        assertTrue(single.lo() < 5 && single.hi() > 5);
        Ticks nan = Ticks.linear(Double.NaN, 1, 6);
        assertEquals(0, nan.lo());
        assertEquals(1, nan.hi());
    }

    @Test
    void logDecades() {
        Ticks t = Ticks.log(0.01, 100);
        assertArrayEquals(new double[] {0.01, 0.1, 1, 10, 100}, t.values(), 0);
        assertEquals(0.01, t.lo());
        assertEquals(100, t.hi());
    }

    @Test
    void logFewDecadesUsesOneTwoFive() {
        Ticks t = Ticks.log(1, 16);
        assertArrayEquals(new double[] {1, 2, 5, 10, 20}, t.values(), 0);
        assertEquals(20, t.hi());
    }

    @Test
    void logManyDecadesThinsOut() {
        Ticks t = Ticks.log(1e-8, 1e8);
        assertTrue(t.values().length <= 9, "ticks: " + t.values().length);
        assertEquals(1e-8, t.lo(), 1e-20);
    }
}
