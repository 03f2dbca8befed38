package dev.basin.activities.landscape;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** {@code trajectory}: the kept checkpoints of one member evaluated on the test set. */
@ActivityInterface
public interface TrajectoryActivity {
    /**
     * Evaluates the stage's member's kept checkpoints (every {@code trajectory.every} epochs or
     * {@code everySteps} steps, and the last): predictions to S3, metrics to PostgreSQL.
     *
     * @return how many checkpoints the trajectory holds
     */
    @ActivityMethod
    int evaluateTrajectory(AnalysisRequest request);
}
