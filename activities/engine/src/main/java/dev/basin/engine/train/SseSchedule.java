package dev.basin.engine.train;

/**
 * Snapshot ensembles' cosine annealing with warm restarts (Huang et al. 2017, eq. 2), changed every iteration:
 * α(t) = α0/2·(cos(π·((t − 1) mod L)/L) + 1) for the 1-based global iteration t and cycle length
 * L = cycleEpochs × stepsPerEpoch. The cycle is fixed in epochs (not derived from the run's length), so a longer
 * run begins with exactly the shorter one; a snapshot is taken at the end of every cycle.
 */
public record SseSchedule(double lr, int cycleEpochs) implements StepRate {

    public SseSchedule {
        if (cycleEpochs < 1) {
            throw new IllegalArgumentException("cycleEpochs must be >= 1, got " + cycleEpochs);
        }
    }

    @Override
    public double rate(int epoch, int stepInEpoch, int stepsPerEpoch) {
        long cycleSteps = (long) cycleEpochs * stepsPerEpoch;
        long intoCycle = ((long) epoch * stepsPerEpoch + stepInEpoch) % cycleSteps;
        return lr / 2 * (Math.cos(Math.PI * intoCycle / cycleSteps) + 1);
    }

    /** Whether a snapshot is taken at the end of epoch {@code epoch} (0-based): the last epoch of a cycle. */
    public boolean isSnapshot(int epoch) {
        return (epoch + 1) % cycleEpochs == 0;
    }
}
