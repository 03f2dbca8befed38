package dev.basin.engine.analysis;

import java.util.List;

/**
 * The spec's {@code similarity} key: weight cosine similarity and prediction disagreement for pairs of models.
 *
 * @param scopes which pairs, in canonical order: {@code trajectory} (every pair of kept checkpoints of one
 *               member), {@code members} (the final weights of every pair of members), {@code all} (every pair of
 *               kept checkpoints across all members)
 */
public record SimilarityConfig(List<String> scopes) {

    public SimilarityConfig {
        scopes = AnalysesConfig.copy(scopes);
    }
}
