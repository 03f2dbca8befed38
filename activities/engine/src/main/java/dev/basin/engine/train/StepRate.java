package dev.basin.engine.train;

import dev.basin.engine.ScheduleConfig;
import dev.basin.engine.TrainConfig;

/**
 * The learning rate of one optimiser step, a pure function of the position, so that a resumed run uses the
 * rates of the run that never stopped.
 */
@FunctionalInterface
public interface StepRate {

    /**
     * @param epoch          0-based index of the epoch being trained (global, counting any epochs trained before)
     * @param stepInEpoch    0-based index of the step within that epoch
     * @param stepsPerEpoch  steps in one epoch
     */
    double rate(int epoch, int stepInEpoch, int stepsPerEpoch);

    /** {@link LrSchedule}'s rate for the epoch, the same for every step of it (a schedule without parameters). */
    static StepRate perEpoch(String schedule, double lr, int epochs) {
        return of(schedule, lr, ScheduleConfig.NONE, epochs);
    }

    /** How a member is trained: {@code train}'s schedule at {@code train.optimizer().lr()} over its epochs. */
    static StepRate of(TrainConfig train) {
        return of(train.schedule(), train.optimizer().lr(), train.scheduleParams(), train.epochs());
    }

    /**
     * {@code train}'s schedule for a run at base rate {@code lr} over {@code epochs} (a distilled student): its
     * absolute rates ({@code swaLr}, {@code minLr}) scaled by lr / train.lr, {@code swa} timed by {@code epochs}.
     */
    static StepRate of(TrainConfig train, double lr, int epochs) {
        return of(train.schedule(), lr, train.scheduleParams().rescaled(train.optimizer().lr(), lr), epochs);
    }

    /**
     * {@code cyclic}: Garipov et al.'s triangular FGE cycle ({@link FgeSchedule}) from the first step, between lr
     * (at the start of every cycle) and {@code p.minLr()} (at mid-cycle), changed every step; every other schedule:
     * {@link LrSchedule}'s rate for the epoch, the same for every step of it.
     */
    static StepRate of(String schedule, double lr, ScheduleConfig p, int epochs) {
        if ("cyclic".equals(schedule)) {
            return new FgeSchedule(p.cycle(), lr, p.minLr(), 0);
        }
        LrSchedule.rate(schedule, lr, p, 0, epochs);
        return (epoch, stepInEpoch, stepsPerEpoch) -> LrSchedule.rate(schedule, lr, p, epoch, epochs);
    }
}
