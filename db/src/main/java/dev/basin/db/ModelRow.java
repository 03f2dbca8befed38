package dev.basin.db;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored set of weights. Its natural key is (study, runKey, kind, member, epoch, step);
 * {@code id} is 0 and {@code createdAt} null until the row is stored.
 *
 * @param kind {@code checkpoint} or {@code final}
 */
public record ModelRow(long id, String study, String runKey, String kind, int member, int epoch, long step,
                       String artifactKey, String sha256, long bytes, Instant createdAt) {

    public static final String CHECKPOINT = "checkpoint";
    public static final String FINAL = "final";

    public ModelRow {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(runKey, "runKey");
        Objects.requireNonNull(artifactKey, "artifactKey");
        Objects.requireNonNull(sha256, "sha256");
        if (!CHECKPOINT.equals(kind) && !FINAL.equals(kind)) {
            throw new IllegalArgumentException("unknown model kind '" + kind + "', expected checkpoint or final");
        }
    }

    /** A row not yet stored. */
    public static ModelRow of(String study, String runKey, String kind, int member, int epoch, long step,
                              String artifactKey, String sha256, long bytes) {
        return new ModelRow(0, study, runKey, kind, member, epoch, step, artifactKey, sha256, bytes, null);
    }

    public ModelRow withId(long newId) {
        return new ModelRow(newId, study, runKey, kind, member, epoch, step, artifactKey, sha256, bytes, createdAt);
    }
}
