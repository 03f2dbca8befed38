package dev.basin.db;

import java.util.Objects;

/**
 * Where the predictions of one model on one split are stored: a {@code rows x classes} matrix of
 * softmax probabilities in S3.
 *
 * @param split {@code test} or {@code train}
 */
public record PredictionRow(long modelId, String split, String artifactKey, String sha256, long bytes, int rows,
                            int classes) {
    public PredictionRow {
        Objects.requireNonNull(artifactKey, "artifactKey");
        Objects.requireNonNull(sha256, "sha256");
        StudyStore.checkSplit(split);
    }
}
