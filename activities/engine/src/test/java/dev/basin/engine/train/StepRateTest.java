package dev.basin.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.analysis.FgeConfig;
import org.junit.jupiter.api.Test;

/** FGE's and SSE's per-step rates, and the member rate as a StepRate. */
class StepRateTest {

    @Test
    void fgeFallsToAlpha2HalfwayAndRisesBack() {
        FgeSchedule f = new FgeSchedule(4, 0.05, 0.0005, 10);
        int perEpoch = 8;
        assertEquals(0.05, f.rate(10, 0, perEpoch), 0, "α1 at u = 0");
        assertEquals(0.0005, f.rate(12, 0, perEpoch), 1e-15, "α2 at u = ½: epoch c/2, step 0");
        assertEquals(0.05, f.rate(14, 0, perEpoch), 0, "the next cycle starts at α1 again");
        // u = 1/4: halfway down; u = 3/4: halfway up
        assertEquals((0.05 + 0.0005) / 2, f.rate(11, 0, perEpoch), 1e-15);
        assertEquals((0.05 + 0.0005) / 2, f.rate(13, 0, perEpoch), 1e-15);
        double previous = Double.POSITIVE_INFINITY;
        for (int e = 10; e < 12; e++) {
            for (int i = 0; i < perEpoch; i++) {
                double r = f.rate(e, i, perEpoch);
                assertTrue(r < previous, "falling in the first half cycle");
                previous = r;
            }
        }
        assertThrows(IllegalArgumentException.class, () -> f.rate(9, 0, perEpoch));
        assertThrows(IllegalArgumentException.class, () -> new FgeSchedule(3, 0.05, 0.0005, 0));
    }

    @Test
    void fgeTakesOneSnapshotPerCycleWhereTheRateIsLowest() {
        FgeConfig config = new FgeConfig(null, 4, 0.05, 0.0005, 3);
        FgeSchedule f = FgeSchedule.of(config, 20);
        int snapshots = 0;
        for (int e = 20; e < 20 + config.epochs(); e++) {
            if (f.isSnapshot(e)) {
                snapshots++;
                // the epoch after a snapshot starts at α2: the snapshot's epoch ended where the rate is lowest
                assertEquals(0.0005, f.rate(e + 1, 0, 5), 1e-15);
            }
        }
        assertEquals(config.cycles(), snapshots);
        assertTrue(f.isSnapshot(21));
        assertEquals(1, java.util.stream.IntStream.range(0, 2).filter(new FgeSchedule(2, 1, 0, 0)::isSnapshot).count());
    }

    @Test
    void sseRestartsAtEveryCycleAndAnnealsWithin() {
        SseSchedule s = new SseSchedule(0.2, 3);
        int perEpoch = 7;
        for (int cycle = 0; cycle < 4; cycle++) {
            int first = cycle * 3;
            assertEquals(0.2, s.rate(first, 0, perEpoch), 0, "α0 at the start of cycle " + cycle);
            double previous = Double.POSITIVE_INFINITY;
            for (int e = first; e < first + 3; e++) {
                for (int i = 0; i < perEpoch; i++) {
                    double r = s.rate(e, i, perEpoch);
                    assertTrue(r < previous && r > 0, "decreasing within the cycle at " + e + "/" + i);
                    previous = r;
                }
            }
            assertTrue(previous < 0.2 * 1e-2, "nearly 0 at the last step: " + previous);
            assertTrue(s.isSnapshot(first + 2) && !s.isSnapshot(first) && !s.isSnapshot(first + 1));
        }
        // 1-based iteration t = 1 + L/2 is halfway: α0/2
        assertEquals(0.1, new SseSchedule(0.2, 2).rate(1, 0, perEpoch), 1e-15);
    }

    @Test
    void memberRateIsTheEpochRate() {
        StepRate r = StepRate.perEpoch("step", 0.1, 10);
        assertEquals(LrSchedule.rate("step", 0.1, 6, 10), r.rate(6, 3, 9), 0);
        assertThrows(IllegalArgumentException.class, () -> StepRate.perEpoch("nope", 0.1, 10));
    }
}
