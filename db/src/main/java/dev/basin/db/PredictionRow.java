package dev.basin.db;

import java.util.Objects;

/**
 * Where the predictions of one model on one split are stored: a {@code rows x classes} matrix of
 * softmax probabilities in S3.
 *
 * @param split    {@code test} or {@code train}
 * @param inputKey the evaluation stage's input key they were computed under (null if unknown): they
 *                 are reused only under the same key
 */
public record PredictionRow(long modelId, String split, String artifactKey, String sha256, long bytes, int rows,
                            int classes, String inputKey) {
    public PredictionRow {
        Objects.requireNonNull(artifactKey, "artifactKey");
        Objects.requireNonNull(sha256, "sha256");
        StudyStore.checkSplit(split);
    }

    /** Predictions recorded without an input key. */
    public PredictionRow(long modelId, String split, String artifactKey, String sha256, long bytes, int rows, int classes) {
        this(modelId, split, artifactKey, sha256, bytes, rows, classes, null);
    }
}
