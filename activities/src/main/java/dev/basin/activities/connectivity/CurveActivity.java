package dev.basin.activities.connectivity;

import dev.basin.activities.landscape.AnalysisRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** {@code curves}: a trained curve between two models, its loss profile and the ensembles of its points. */
@ActivityInterface
public interface CurveActivity {
    /**
     * Trains the bend of the stage's curve (its subject), resuming from its newest saved state.
     *
     * @return the epochs trained
     */
    @ActivityMethod
    int trainCurve(AnalysisRequest request);

    /**
     * Train loss and error, test NLL and error at {@code points} values of t along the curve and along the
     * straight line between the same ends.
     *
     * @return how many points were evaluated per path
     */
    @ActivityMethod
    int evaluateCurve(AnalysisRequest request);

    /**
     * The ensembles of k evenly spaced interior points of the curve, k = 1..{@code ensemble}.
     *
     * @return the largest size
     */
    @ActivityMethod
    int evaluateCurveEnsembles(AnalysisRequest request);
}
