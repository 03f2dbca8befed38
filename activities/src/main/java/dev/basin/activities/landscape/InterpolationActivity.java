package dev.basin.activities.landscape;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** {@code interpolation}: loss and error along the straight line between two models. */
@ActivityInterface
public interface InterpolationActivity {
    /**
     * The stage's pair (its subject): {@code interpolation.points} points from {@code -margin} to {@code 1 + margin}.
     *
     * @return how many points were evaluated
     */
    @ActivityMethod
    int evaluateLine(AnalysisRequest request);
}
