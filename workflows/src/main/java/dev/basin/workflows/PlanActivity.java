package dev.basin.workflows;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Turns a study's spec text into what the workflow runs, outside replayed code: the spec is parsed, its run
 * key fixed and its stage graph built by the worker's current code, and the result is recorded in the
 * workflow's history. A worker upgraded while a study runs replays the recorded plan instead of
 * re-planning with new code (see {@link StudyWorkflowImpl}).
 */
@ActivityInterface
public interface PlanActivity {
    /**
     * @throws io.temporal.failure.ApplicationFailure of type {@code InvalidSpec}, not retryable, naming every
     *                                                problem of an invalid spec
     */
    @ActivityMethod
    PreparedStudy prepare(String specYaml);
}
