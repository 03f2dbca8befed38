package dev.basin.activities.landscape;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** {@code similarity}: weight cosine similarity and prediction disagreement between models. */
@ActivityInterface
public interface SimilarityActivity {
    /**
     * Every pair of kept checkpoints within each trajectory, of members' final weights, and across all
     * kept checkpoints, as {@code similarity.scopes} asks.
     *
     * @return how many pairs were stored
     */
    @ActivityMethod
    int compareModels(AnalysisRequest request);
}
