package dev.basin.engine.train;

import dev.basin.engine.analysis.FgeConfig;

/**
 * Fast Geometric Ensembling's cyclic learning rate (Garipov et al. 2018, Sec. 5; dnn-mode-connectivity's
 * {@code fge.py}), changed every step. With cycle length c epochs, epoch e counted from the start of FGE and
 * step i of I in it, u = ((e mod c) + i/I)/c ∈ [0, 1); the rate falls linearly from α1 at u = 0 to α2 at u = ½ and
 * rises back: (1 − 2u)·α1 + 2u·α2 for u &lt; ½, (2u − 1)·α1 + (2 − 2u)·α2 after. A snapshot is taken at the end of
 * the epoch in which the rate reaches α2, (e mod c) + 1 = c/2.
 *
 * @param firstEpoch the global index of FGE's first epoch: FGE continues a member's run, whose epochs the
 *                   {@link Trainer} keeps counting
 */
public record FgeSchedule(int cycle, double lr1, double lr2, int firstEpoch) implements StepRate {

    public FgeSchedule {
        if (cycle < 2 || cycle % 2 != 0) {
            throw new IllegalArgumentException("FGE cycle must be an even number of epochs >= 2, got " + cycle);
        }
        if (firstEpoch < 0) {
            throw new IllegalArgumentException("firstEpoch must be >= 0, got " + firstEpoch);
        }
    }

    public static FgeSchedule of(FgeConfig config, int firstEpoch) {
        return new FgeSchedule(config.cycle(), config.lr1(), config.lr2(), firstEpoch);
    }

    @Override
    public double rate(int epoch, int stepInEpoch, int stepsPerEpoch) {
        int e = relative(epoch);
        double u = ((e % cycle) + (double) stepInEpoch / stepsPerEpoch) / cycle;
        return u < 0.5 ? (1 - 2 * u) * lr1 + 2 * u * lr2 : (2 * u - 1) * lr1 + (2 - 2 * u) * lr2;
    }

    /** Whether a snapshot is taken at the end of global epoch {@code epoch} (0-based). */
    public boolean isSnapshot(int epoch) {
        return relative(epoch) % cycle + 1 == cycle / 2;
    }

    private int relative(int epoch) {
        if (epoch < firstEpoch) {
            throw new IllegalArgumentException("epoch " + epoch + " is before FGE's first epoch " + firstEpoch);
        }
        return epoch - firstEpoch;
    }
}
