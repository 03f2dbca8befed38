package dev.basin.db;

import java.util.Objects;
import java.util.Set;

/**
 * A subspace sample (or, with method {@code member}, another member's final weights) measured against the model
 * it was drawn around.
 *
 * @param modelId    the sample's model row (kind {@code sample}), or the other member's final
 * @param baselineId the model the samples were drawn around
 * @param scale      radius, dropout rate or scale of the draw (1 for {@code mc-dropout}: the model's own rates);
 *                   null for {@code member}
 * @param sample     index within (method, scale); the member's index for {@code member}
 * @param diversity  disagreement / (1 - baseline accuracy); null when the baseline is perfect
 * @param kept       false when a random sample fell below {@code subspace.random.accuracyFloor}
 */
public record SubspaceSampleRow(String study, long modelId, long baselineId, String method, Double scale, int sample,
                                double accuracy, double disagreement, Double diversity, boolean kept,
                                String inputKey) {

    public static final Set<String> METHODS =
            Set.of("random", "dropout", "diag-gaussian", "low-rank-gaussian", "mc-dropout", "member");

    public SubspaceSampleRow {
        Objects.requireNonNull(study, "study");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("unknown subspace method '" + method + "', expected " + METHODS);
        }
    }
}
