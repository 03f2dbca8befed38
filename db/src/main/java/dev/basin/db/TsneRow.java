package dev.basin.db;

import java.util.Objects;

/**
 * A model's 2D t-SNE coordinates in one embedding; the embedding is named by its input key (which holds the
 * perplexity, the seed and the models embedded).
 */
public record TsneRow(String study, String inputKey, long modelId, double perplexity, long seed, double x, double y) {

    public TsneRow {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(inputKey, "inputKey");
    }
}
