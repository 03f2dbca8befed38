package dev.basin.activities;

import dev.basin.db.StageState;
import dev.basin.db.StageStore;
import io.temporal.activity.Activity;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.ActivityNotExistsException;
import io.temporal.failure.CanceledFailure;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * Runs one stage of a study inside its activity, keeping the stage's row current: {@code reused}
 * when a result under the same input key already exists, else {@code running} then {@code done};
 * {@code cancelled}, {@code pending} or {@code failed} when it ends early (see {@link #stateAfter}).
 * Every phase heartbeats ({@link Heartbeats}). A failure caused by S3 or PostgreSQL being unreachable leaves as the failure {@link Outages} makes
 * of it: retryable and naming the dependency, or final once the outage outlasts the tolerance.
 */
public final class StageRun {
    private StageRun() {}

    /**
     * @param reuse   the stored result under {@code inputKey}, if there is one that verifies
     * @param compute computes (and stores) the result
     */
    public static <T> T run(WorkerContext context, String study, String stage, String inputKey, Supplier<Optional<T>> reuse,
                     Supplier<T> compute) {
        StageStore stages = context.store().stages();
        int attempt = Activity.getExecutionContext().getInfo().getAttempt();
        try {
            T result;
            // Every phase of the stage heartbeats, also those that report no progress of their own.
            try (Heartbeats beats = Heartbeats.start("checking stored results")) {
                Optional<T> stored = reuse.get();
                if (stored.isPresent()) {
                    stages.mark(study, stage, inputKey, StageState.REUSED, attempt);
                    return stored.get();
                }
                stages.mark(study, stage, inputKey, StageState.RUNNING, attempt);
                context.outages().postgresReachable();
                try (var phase = Heartbeats.phase("computing")) {
                    result = compute.get();
                }
                beats.check();
            }
            stages.mark(study, stage, inputKey, StageState.DONE, attempt);
            context.outages().s3Reachable();
            return result;
        } catch (RuntimeException e) {
            RuntimeException failure = context.outages().failure(e);
            // A stage waiting out an outage is pending a retry, not failed; its row is written if the
            // database is the dependency that is still up.
            StageState state = failure != e && !Outages.isFinal(failure) ? StageState.PENDING : stateAfter(e);
            try {
                stages.mark(study, stage, inputKey, state, attempt);
            } catch (RuntimeException unrecorded) {
                failure.addSuppressed(unrecorded); // the stage's own failure is the one to report
            }
            throw failure;
        }
    }

    /**
     * Cancelled when the workflow asked for it (Temporal delivers that through the heartbeat) or gave
     * the activity up; pending when only this worker is stopping (another attempt resumes the stage
     * from its checkpoint); failed otherwise.
     */
    static StageState stateAfter(RuntimeException e) {
        if (e instanceof ActivityCanceledException || e instanceof ActivityNotExistsException
                || e instanceof CanceledFailure) {
            return StageState.CANCELLED;
        }
        if (e instanceof ActivityCompletionException || e instanceof CancellationException) {
            return StageState.PENDING;
        }
        return StageState.FAILED;
    }
}
