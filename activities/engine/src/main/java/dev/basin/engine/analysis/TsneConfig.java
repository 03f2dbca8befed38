package dev.basin.engine.analysis;

/**
 * The spec's {@code tsne} key: t-SNE of the flattened test-set predictions of every kept checkpoint (and every
 * subspace sample, when there are any).
 *
 * @param perplexity t-SNE perplexity
 * @param seed       seed of the embedding's random initialisation; the study seed unless given
 */
public record TsneConfig(double perplexity, long seed) {}
