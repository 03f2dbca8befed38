package dev.basin.activities.landscape;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** {@code swa}: one member's SWA solution and SWAG moments. */
@ActivityInterface
public interface SwaActivity {
    /**
     * Averages the stage's member's end-of-epoch weights from epoch {@code swa.start} on (BN
     * statistics recomputed when the model has BN), evaluates the average on the test set (model kind
     * {@code swa}), and stores the SWAG moments (diagonal and the last {@code swa.rank} deviations) in S3.
     *
     * @return how many end-of-epoch weight vectors were averaged
     */
    @ActivityMethod
    int averageWeights(AnalysisRequest request);
}
