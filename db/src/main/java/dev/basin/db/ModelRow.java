package dev.basin.db;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One stored set of weights. Its natural key is (study, runKey, kind, member, epoch, step, variant);
 * {@code id} is 0 and {@code createdAt} null until the row is stored.
 *
 * @param kind          checkpoint, final, SWA solution or subspace sample
 * @param variant       tells apart models of the same kind, member, epoch and step: '' for checkpoints, finals and
 *                      a member's SWA solution; method, scale and index for a sample ({@code random r=10 #3})
 * @param sha256        SHA-256 of the stored object's bytes (what a download is checked against)
 * @param weightsSha256 SHA-256 of the float32 little-endian flat parameter vector: equal exactly when the
 *                      weights are bit-identical; null only for rows written before schema version 2
 */
public record ModelRow(long id, String study, String runKey, ModelKind kind, int member, int epoch, long step,
                       String variant, String artifactKey, String sha256, long bytes, String weightsSha256,
                       Instant createdAt) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ModelRow {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(runKey, "runKey");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(artifactKey, "artifactKey");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(kind, "kind");
        if (weightsSha256 != null && !SHA256.matcher(weightsSha256).matches()) {
            throw new IllegalArgumentException("weightsSha256 must be 64 lower-case hex characters, got '"
                    + weightsSha256 + "'");
        }
    }

    /** A row not yet stored, with the hash of its weights and no variant. */
    public static ModelRow of(String study, String runKey, ModelKind kind, int member, int epoch, long step,
                              String artifactKey, String sha256, long bytes, String weightsSha256) {
        Objects.requireNonNull(weightsSha256, "weightsSha256");
        return new ModelRow(0, study, runKey, kind, member, epoch, step, "", artifactKey, sha256, bytes,
                weightsSha256, null);
    }

    /** A row not yet stored whose weights hash is not known (as rows from before schema version 2). */
    public static ModelRow of(String study, String runKey, ModelKind kind, int member, int epoch, long step,
                              String artifactKey, String sha256, long bytes) {
        return new ModelRow(0, study, runKey, kind, member, epoch, step, "", artifactKey, sha256, bytes, null,
                null);
    }

    public ModelRow withId(long newId) {
        return new ModelRow(newId, study, runKey, kind, member, epoch, step, variant, artifactKey, sha256, bytes,
                weightsSha256, createdAt);
    }

    /** The same row with another variant, e.g. {@code ModelRow.of(...).withVariant("random r=10 #3")}. */
    public ModelRow withVariant(String newVariant) {
        return new ModelRow(id, study, runKey, kind, member, epoch, step, newVariant, artifactKey, sha256, bytes,
                weightsSha256, createdAt);
    }
}
