package dev.basin.db;

import java.util.Objects;

/**
 * Where one member's SWAG moments are stored (an S3 object, checked against {@code sha256} when loaded) and what
 * they hold. One per (study, runKey, member).
 *
 * @param swaModelId   the member's SWA solution, collected from the same weight vectors
 * @param averaged     how many end-of-epoch weight vectors were collected
 * @param rank         how many deviation vectors are held: min(averaged, swa.rank); 0 is the diagonal only
 * @param bnRecomputed whether the SWA solution's batch-norm statistics were recomputed before its evaluation
 * @param inputKey     the swa stage's input key: the moments are reused only under the same key
 */
public record SwagRow(String study, String runKey, int member, long swaModelId, String artifactKey, String sha256,
                      long bytes, int averaged, int rank, boolean bnRecomputed, String inputKey) {

    public SwagRow {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(runKey, "runKey");
        Objects.requireNonNull(artifactKey, "artifactKey");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(inputKey, "inputKey");
        if (averaged < 1 || rank < 0 || rank > averaged) {
            throw new IllegalArgumentException("SWAG moments of " + averaged + " vectors cannot hold " + rank
                    + " deviations");
        }
    }
}
