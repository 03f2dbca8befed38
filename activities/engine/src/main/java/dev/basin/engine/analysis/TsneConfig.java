package dev.basin.engine.analysis;

import dev.basin.engine.tsne.TsneSample;

/**
 * The spec's {@code tsne} key: t-SNE of the flattened test-set predictions of every kept checkpoint (and every
 * subspace sample, when there are any).
 *
 * @param perplexity t-SNE perplexity
 * @param seed       seed of the embedding's random initialisation; the study seed unless given
 * @param maxPoints  at most this many models are embedded, a seeded sample of them when there are more
 *                   ({@link TsneSample}); 0, what a payload written before the cap existed carries, means
 *                   {@link TsneSample#DEFAULT_MAX_POINTS}
 */
public record TsneConfig(double perplexity, long seed, int maxPoints) {

    public TsneConfig {
        maxPoints = maxPoints == 0 ? TsneSample.DEFAULT_MAX_POINTS : maxPoints;
    }

    /** With the default cap. */
    public TsneConfig(double perplexity, long seed) {
        this(perplexity, seed, TsneSample.DEFAULT_MAX_POINTS);
    }
}
