package dev.basin.db;

/**
 * The ensembles of one kind and size over many subsets of its groups (table {@code ensemble_subset}): how many
 * subsets were scored, whether they are all of them, and each test metric's mean and sample standard deviation over
 * them (NaN, stored as null, for a single subset).
 *
 * @param inputKey the ensemble stage's input key it was computed under
 */
public record EnsembleSubsetRow(String study, String runKey, String kind, String variant, int size, int subsets,
                                boolean exhaustive, double accuracyMean, @NullAsNaN double accuracySd, double nllMean,
                                @NullAsNaN double nllSd, double brierMean, @NullAsNaN double brierSd, double eceMean,
                                @NullAsNaN double eceSd, String inputKey) {}
