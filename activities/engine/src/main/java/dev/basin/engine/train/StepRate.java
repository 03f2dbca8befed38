package dev.basin.engine.train;

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

    /** {@link LrSchedule}'s rate for the epoch, the same for every step of it: how members are trained. */
    static StepRate perEpoch(String schedule, double lr, int epochs) {
        LrSchedule.rate(schedule, lr, 0, epochs);
        return (epoch, stepInEpoch, stepsPerEpoch) -> LrSchedule.rate(schedule, lr, epoch, epochs);
    }
}
