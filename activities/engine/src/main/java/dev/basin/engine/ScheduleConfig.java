package dev.basin.engine;

/**
 * The parameters of the learning-rate schedules that have any (the spec's {@code train.swaLr}, {@code train.cycle},
 * {@code train.minLr}, {@code train.halveEvery}), and the epoch at which {@code swa}'s constant phase is timed.
 * A field a schedule does not use is 0; {@link #NONE} is all zeros (what a request serialised before these keys
 * existed reads as, and what {@code constant}, {@code step} and {@code cosine} carry).
 *
 * @param swaLr      {@code swa}: the rate of the averaging phase (Izmailov et al.'s {@code swa_lr}); absolute, &lt;= lr
 * @param swaStart   {@code swa}: B, the epoch count the schedule is timed by (t = e / B): the spec's
 *                   {@code swa.start} when the spec has an {@code swa} key, 0 otherwise, meaning {@code train.epochs}.
 *                   Not a key of its own: {@code StudySpec} fills it in from {@code swa.start}, and the run key
 *                   includes it because it changes the weights
 * @param cycle      {@code cyclic}: epochs per cycle (even, &gt;= 2)
 * @param minLr      {@code cyclic}: the rate at mid-cycle
 * @param halveEvery {@code halve-every}: the rate halves every this many epochs (&gt;= 1)
 */
public record ScheduleConfig(double swaLr, int swaStart, int cycle, double minLr, int halveEvery) {

    public static final ScheduleConfig NONE = new ScheduleConfig(0, 0, 0, 0, 0);

    /** This one with B = {@code swaStart}. */
    public ScheduleConfig withSwaStart(int swaStart) {
        return new ScheduleConfig(swaLr, swaStart, cycle, minLr, halveEvery);
    }

    /**
     * The same schedule for a run at base rate {@code lr} instead of {@code baseLr} over {@code epochs} (a distilled
     * student): the absolute rates scale by lr/baseLr, and {@code swa} is timed by the run's own epochs.
     */
    public ScheduleConfig rescaled(double baseLr, double lr) {
        double f = lr / baseLr;
        return new ScheduleConfig(swaLr * f, 0, cycle, minLr * f, halveEvery);
    }
}
