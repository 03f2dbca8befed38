package dev.basin.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.ScheduleConfig;
import dev.basin.engine.TrainConfig;
import org.junit.jupiter.api.Test;

/** The schedules with parameters, against values computed by hand. */
class LrScheduleTest {

    private static ScheduleConfig swa(double swaLr, int b) {
        return new ScheduleConfig(swaLr, b, 0, 0, 0);
    }

    @Test
    void swaFollowsIzmailovsScheduleTimedBySwaStart() {
        // lr 0.05, swaLr 0.01 (ratio 0.2), B = swa.start = 4, 6 epochs: t = e/4.
        ScheduleConfig p = swa(0.01, 4);
        assertEquals(0.05, LrSchedule.rate("swa", 0.05, p, 0, 6), 0, "t = 0");
        assertEquals(0.05, LrSchedule.rate("swa", 0.05, p, 2, 6), 0, "t = 0.5 still holds lr");
        // t = 0.75: factor 1 - 0.8 * 0.25 / 0.4 = 0.5
        assertEquals(0.025, LrSchedule.rate("swa", 0.05, p, 3, 6), 1e-15, "t = 0.75, mid-ramp");
        assertEquals(0.01, LrSchedule.rate("swa", 0.05, p, 4, 6), 1e-15, "t = 1: swaLr");
        assertEquals(0.01, LrSchedule.rate("swa", 0.05, p, 5, 6), 1e-15, "the averaging epochs stay at swaLr");
    }

    @Test
    void swaWithoutSwaStartIsTimedByTheEpochsAndContinuousAtNinetyPercent() {
        ScheduleConfig p = swa(0.01, 0);
        assertEquals(0.05, LrSchedule.rate("swa", 0.05, p, 5, 10), 0, "t = 0.5");
        assertEquals(0.04, LrSchedule.rate("swa", 0.05, p, 6, 10), 1e-15, "t = 0.6: 1 - 0.8 * 0.25");
        assertEquals(0.01, LrSchedule.rate("swa", 0.05, p, 9, 10), 1e-15, "t = 0.9: the ramp ends at swaLr");
        assertEquals(0.05, LrSchedule.rate("swa", 0.05, swa(0.05, 0), 9, 10), 0, "swaLr = lr: constant");
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.rate("swa", 0.05, swa(0.06, 0), 0, 10));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.rate("swa", 0.05, swa(0, 0), 0, 10));
    }

    @Test
    void halveEveryIsFortsStepDecay() {
        ScheduleConfig p = new ScheduleConfig(0, 0, 0, 0, 10);
        assertEquals(1.6e-3, LrSchedule.rate("halve-every", 1.6e-3, p, 0, 40), 0);
        assertEquals(1.6e-3, LrSchedule.rate("halve-every", 1.6e-3, p, 9, 40), 0, "the last epoch before a halving");
        assertEquals(8e-4, LrSchedule.rate("halve-every", 1.6e-3, p, 10, 40), 0, "halved at epoch 10");
        assertEquals(8e-4, LrSchedule.rate("halve-every", 1.6e-3, p, 19, 40), 0);
        assertEquals(4e-4, LrSchedule.rate("halve-every", 1.6e-3, p, 20, 40), 0);
        assertEquals(2e-4, LrSchedule.rate("halve-every", 1.6e-3, p, 39, 40), 0);
        assertEquals(0.05, LrSchedule.rate("halve-every", 0.1, new ScheduleConfig(0, 0, 0, 0, 1), 1, 2), 0);
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.rate("halve-every", 0.1, ScheduleConfig.NONE, 0, 4));
    }

    @Test
    void cyclicIsFgesTriangleFromTheFirstStep() {
        StepRate r = StepRate.of("cyclic", 0.05, new ScheduleConfig(0, 0, 4, 0.0005, 0), 10);
        assertEquals(0.05, r.rate(0, 0, 8), 0, "lr at the start");
        assertEquals((0.05 + 0.0005) / 2, r.rate(1, 0, 8), 1e-15, "a quarter cycle in");
        assertEquals(0.0005, r.rate(2, 0, 8), 1e-15, "minLr at mid-cycle");
        assertEquals((0.05 + 0.0005) / 2, r.rate(3, 0, 8), 1e-15);
        assertEquals(0.05, r.rate(4, 0, 8), 0, "the next cycle starts at lr");
        // epoch 0, step 4 of 8: u = 0.5 / 4 = 0.125, rate 0.75·lr + 0.25·minLr
        assertEquals(0.75 * 0.05 + 0.25 * 0.0005, r.rate(0, 4, 8), 1e-15, "changed every step");
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.rate("cyclic", 0.05, ScheduleConfig.NONE, 0, 4));
        assertThrows(IllegalArgumentException.class,
                () -> StepRate.of("cyclic", 0.05, new ScheduleConfig(0, 0, 3, 0.0005, 0), 10), "odd cycle");
    }

    @Test
    void aTrainConfigCarriesItsScheduleToTheStepRate() {
        TrainConfig t = new TrainConfig(1, 6, 8, new OptimizerConfig("nesterov", 0.05, 0.9, 5e-4), "swa", 1, 0,
                swa(0.01, 4));
        assertEquals(0.025, StepRate.of(t).rate(3, 5, 9), 1e-15);
        // A student at a tenth of the rate over 10 epochs: swaLr scaled alike, timed by its own epochs.
        StepRate student = StepRate.of(t, 0.005, 10);
        assertEquals(0.005, student.rate(5, 0, 9), 1e-15);
        assertEquals(0.001, student.rate(9, 0, 9), 1e-15);
        assertEquals(ScheduleConfig.NONE, new TrainConfig(1, 6, 8, t.optimizer(), "cosine", 1, 0, null).scheduleParams());
    }
}
