package dev.basin.db;

import java.util.Objects;

/**
 * The saved state of a stage that trains on its own (a curve's bend, FGE, SSE) at a position of its loop, stored
 * in S3 under {@code artifactKey}; valid only for the stage's {@code inputKey}.
 */
public record StageCheckpointRow(String study, String stage, String inputKey, int epoch, long step,
                                 String artifactKey, String sha256, long bytes) {
    public StageCheckpointRow {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(inputKey, "inputKey");
        Objects.requireNonNull(artifactKey, "artifactKey");
        Objects.requireNonNull(sha256, "sha256");
    }
}
