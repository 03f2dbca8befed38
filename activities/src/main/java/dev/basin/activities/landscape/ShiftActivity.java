package dev.basin.activities.landscape;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** {@code shift}: models and ensembles on corrupted copies of the test set. */
@ActivityInterface
public interface ShiftActivity {
    /**
     * The stage's corruption (its subject), at every asked severity: each member's
     * final model, each SWA solution, the deep ensemble of all members and the SWA ensemble.
     *
     * @return how many (model or ensemble, severity) results were stored
     */
    @ActivityMethod
    int evaluateShift(AnalysisRequest request);
}
