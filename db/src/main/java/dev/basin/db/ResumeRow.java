package dev.basin.db;

import java.time.Instant;
import java.util.Objects;

/**
 * A training attempt that continued from a checkpoint. Its natural key is (study, runKey, member,
 * workflowRun, attempt); {@code id} is 0 and {@code resumedAt} null until the row is stored.
 *
 * @param workflowRun the Temporal run id of the study workflow (a re-run of a study is a new run)
 * @param attempt     Temporal's attempt number of the training activity, from 1
 * @param fromModelId the checkpoint's {@code model} row
 */
public record ResumeRow(long id, String study, String runKey, int member, String workflowRun, int attempt,
                        long fromModelId, int fromEpoch, long fromStep, Instant resumedAt) {

    public ResumeRow {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(runKey, "runKey");
        Objects.requireNonNull(workflowRun, "workflowRun");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, got " + attempt);
        }
    }

    /** A row about to be written. */
    public static ResumeRow of(String study, String runKey, int member, String workflowRun, int attempt,
                               ModelRow from) {
        return new ResumeRow(0, study, runKey, member, workflowRun, attempt, from.id(), from.epoch(), from.step(),
                null);
    }
}
