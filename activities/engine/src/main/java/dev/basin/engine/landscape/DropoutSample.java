package dev.basin.engine.landscape;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Weight dropout (the spec's {@code dropout} sampler): each parameter is zeroed with probability p and every
 * survivor is scaled by 1/(1 − p), so each entry keeps its expected value. This is what Fort et al.'s notebook
 * does to draw functions near a trained solution (DropConnect-style noise on the weights); it is not MC dropout,
 * which samples the network's own dropout layers' activations ({@link McDropout}, {@code mc-dropout}). The mask covers every entry of the flat vector, including batch-norm
 * parameters and statistics: recompute the statistics ({@link BatchNormStats}) before evaluating.
 * Draws come from {@code new SplittableRandom(seed)}, one per entry in index order.
 */
public final class DropoutSample {

    private DropoutSample() {}

    /**
     * @param rate p in [0, 1): the probability of zeroing each parameter (0 returns θ unchanged)
     */
    public static INDArray sample(INDArray theta, double rate, long seed) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        double[] t = Flat.doubles(theta, "theta");
        SplittableRandom rng = new SplittableRandom(seed);
        double keep = 1 / (1 - rate);
        for (int i = 0; i < t.length; i++) {
            t[i] = rng.nextDouble() < rate ? 0 : t[i] * keep;
        }
        return Flat.floats(t);
    }
}
