package dev.basin.db;

/**
 * One stored prediction file of a study's current run, with the model it belongs to: what {@code basin serve} offers
 * for download.
 *
 * @param kind    the model's kind ({@code checkpoint}, {@code final}, ...)
 * @param variant '' unless the model is one of several of its kind, member, epoch and step
 * @param split   {@code test} or {@code train}
 * @param bytes   the stored {@code .npy}'s size
 */
public record StoredPredictionRow(long modelId, String kind, int member, int epoch, long step, String variant,
                                  String split, int rows, int classes, long bytes) {}
