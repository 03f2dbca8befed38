package dev.basin.activities.landscape;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** {@code plane}: the loss surface on the plane through three weight vectors. */
@ActivityInterface
public interface PlaneActivity {
    /**
     * The stage {@code plane/P}: the plane through its three anchors, its unit ‖u‖ and the anchors'
     * coordinates. Needs only the anchors' own stages.
     *
     * @return 3, the anchors placed
     */
    @ActivityMethod
    int definePlane(AnalysisRequest request);

    /**
     * The stage {@code plane/P/projections}: where every kept trajectory checkpoint and every subspace
     * sample falls on plane P (orthogonal projections). Runs after {@code plane/P} and the stages that
     * make those models.
     *
     * @return how many models were projected
     */
    @ActivityMethod
    int projectOnPlane(AnalysisRequest request);

    /**
     * The stage {@code plane/P/row-RR}: row RR of plane P's G×G grid: at each point, train loss and accuracy on the
     * train subset, test NLL and error, and the prediction agreement with the first anchor. Points
     * already stored are skipped, so a retried row resumes.
     *
     * @return how many points the row has
     */
    @ActivityMethod
    int evaluatePlaneRow(AnalysisRequest request);
}
