package dev.basin.activities.landscape;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** {@code plane}: the loss surface on the plane through three weight vectors. */
@ActivityInterface
public interface PlaneActivity {
    /**
     * Plane {@code index}: its basis and unit, the coordinates of its anchors and the projections of
     * the kept checkpoints and subspace samples. Runs before the rows.
     *
     * @return how many models were projected
     */
    @ActivityMethod
    int projectOnPlane(AnalysisRequest request);

    /**
     * Row {@code row} of plane {@code index}'s G×G grid: at each point, train loss and accuracy on the
     * train subset, test NLL and error, and the prediction agreement with the first anchor. Points
     * already stored are skipped, so a retried row resumes.
     *
     * @return how many points the row has
     */
    @ActivityMethod
    int evaluatePlaneRow(AnalysisRequest request);
}
