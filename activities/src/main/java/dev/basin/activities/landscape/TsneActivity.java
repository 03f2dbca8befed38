package dev.basin.activities.landscape;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** {@code tsne}: a 2D embedding of the test-set predictions of every kept model. */
@ActivityInterface
public interface TsneActivity {
    /**
     * t-SNE of the flattened test-set predictions of all kept checkpoints of all members, and of the
     * subspace samples when there are any; one row per model.
     *
     * @return how many points were embedded
     */
    @ActivityMethod
    int embedPredictions(AnalysisRequest request);
}
