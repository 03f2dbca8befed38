package dev.basin.db;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An artifact whose bytes did not match the SHA-256 recorded for them. {@code id} is 0 and
 * {@code detectedAt} null until the row is stored.
 *
 * @param kind   what the object was: {@code checkpoint}, {@code final} (a member's final weights), {@code swa},
 *               {@code sample} (weights of those model kinds), {@code swag} (SWAG moments) or {@code prediction}
 * @param member the member it belongs to, or null
 * @param action what Basin did about it, in words
 */
public record DamagedArtifactRow(long id, String study, String runKey, String kind, Integer member, String artifactKey,
                            String recordedSha256, String actualSha256, String action, Instant detectedAt) {

    public static final Set<String> KINDS = Set.of("checkpoint", "final", "prediction", "swa", "sample", "swag");

    public DamagedArtifactRow {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(runKey, "runKey");
        Objects.requireNonNull(artifactKey, "artifactKey");
        Objects.requireNonNull(recordedSha256, "recordedSha256");
        Objects.requireNonNull(actualSha256, "actualSha256");
        Objects.requireNonNull(action, "action");
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown artifact kind '" + kind + "', expected one of " + KINDS);
        }
    }

    /** A row not yet stored. */
    public static DamagedArtifactRow of(String study, String runKey, String kind, Integer member, String artifactKey,
                                   String recordedSha256, String actualSha256, String action) {
        return new DamagedArtifactRow(0, study, runKey, kind, member, artifactKey, recordedSha256, actualSha256, action, null);
    }
}
