package dev.basin.workflows;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Timeouts and retries of each stage, in one place.
 *
 * <p>Training heartbeats after every step and evaluation after every batch of predictions (the
 * SDK sends at most one every 1-2 s, see {@code BasinWorker}); a heartbeat timeout of
 * {@value #HEARTBEAT_SECONDS} s lets Temporal notice a killed worker within that time and hand the
 * member to another one, which resumes from the newest checkpoint (measured by
 * {@code WorkerCrashTest}: the retry starts 8-10 s after a kill -9). One training step or one batch
 * of 1,000 predictions must take well under that (medium-cnn: ~1 s per step of 128 images on one
 * core). Bad input (a malformed dataset file, an invalid argument) fails at once: retrying cannot fix
 * it.
 *
 * <p>Training and evaluation wait for their cancellation to complete: when a study is cancelled, the
 * workflow hears back from each activity (which learns of it at its next heartbeat, stops, keeps its
 * checkpoints and marks its stage) before it records the study as cancelled.
 */
final class StagePolicies {
    private StagePolicies() {}

    /** Heartbeat timeout of training and evaluation: how long a killed worker keeps its work. */
    static final int HEARTBEAT_SECONDS = 10;

    private static final String[] NOT_RETRYABLE = {
        "dev.basin.engine.data.DataException", "java.lang.IllegalArgumentException",
    };

    static ActivityOptions bookkeeping() {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(retry(10))
                .build();
    }

    static ActivityOptions train(String computeQueue) {
        return ActivityOptions.newBuilder()
                .setTaskQueue(computeQueue)
                .setStartToCloseTimeout(Duration.ofDays(7))
                .setHeartbeatTimeout(Duration.ofSeconds(HEARTBEAT_SECONDS))
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                .setRetryOptions(retry(20))
                .build();
    }

    static ActivityOptions evaluate(String computeQueue) {
        return ActivityOptions.newBuilder()
                .setTaskQueue(computeQueue)
                .setStartToCloseTimeout(Duration.ofHours(2))
                .setHeartbeatTimeout(Duration.ofSeconds(HEARTBEAT_SECONDS))
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                .setRetryOptions(retry(10))
                .build();
    }

    private static RetryOptions retry(int attempts) {
        return RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(Duration.ofSeconds(30))
                .setMaximumAttempts(attempts)
                .setDoNotRetry(NOT_RETRYABLE)
                .build();
    }
}
