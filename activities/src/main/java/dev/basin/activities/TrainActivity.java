package dev.basin.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The long-running, heartbeating step: trains one member, checkpointing to S3 as it goes. */
@ActivityInterface
public interface TrainActivity {
    /**
     * Trains {@code request.member()} to the end, resuming from its newest checkpoint when an earlier
     * attempt (or an earlier run of the same study) left one.
     */
    @ActivityMethod
    MemberResult train(TrainRequest request);
}
