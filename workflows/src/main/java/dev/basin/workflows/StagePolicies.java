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
 * {@code WorkerCrashTest}: the retry starts 8-10 s after a kill -9). A phase may take longer than
 * that (a resnet20 step of 1,024 images, a checkpoint upload, a BN recompute): the activity's
 * {@code Heartbeats} keeper beats through it, up to its stall limit. Bad input (a malformed dataset file, an invalid argument) fails at once: retrying cannot fix
 * it.
 *
 * <p>Every stage retries with backoff (1 s doubling to {@value #MAX_BACKOFF_SECONDS} s, {@value #ATTEMPTS}
 * attempts, about 4.5 min in all): a worker crash, or S3 or PostgreSQL being unreachable for a while,
 * costs retries, not the study. A dependency down for longer than the worker's outage tolerance (2 min
 * by default, {@code basin worker --outage-tolerance}) fails the activity for good with a message
 * naming it ({@code Outages} in the activities); a tolerance above the retry window is cut short by it.
 *
 * <p>Training and evaluation wait for their cancellation to complete: when a study is cancelled, the
 * workflow hears back from each activity (which learns of it at its next heartbeat, stops, keeps its
 * checkpoints and marks its stage) before it records the study as cancelled.
 */
final class StagePolicies {
    private StagePolicies() {}

    /** Heartbeat timeout of training and evaluation: how long a killed worker keeps its work. */
    static final int HEARTBEAT_SECONDS = 10;

    static final int ATTEMPTS = 30;
    static final int MAX_BACKOFF_SECONDS = 10;

    private static final String[] NOT_RETRYABLE = {
        "dev.basin.engine.data.DataException", "java.lang.IllegalArgumentException",
    };

    static ActivityOptions bookkeeping() {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(retry())
                .build();
    }

    static ActivityOptions train(String computeQueue) {
        return ActivityOptions.newBuilder()
                .setTaskQueue(computeQueue)
                .setStartToCloseTimeout(Duration.ofDays(7))
                .setHeartbeatTimeout(Duration.ofSeconds(HEARTBEAT_SECONDS))
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                .setRetryOptions(retry())
                .build();
    }

    static ActivityOptions evaluate(String computeQueue) {
        return ActivityOptions.newBuilder()
                .setTaskQueue(computeQueue)
                .setStartToCloseTimeout(Duration.ofHours(2))
                .setHeartbeatTimeout(Duration.ofSeconds(HEARTBEAT_SECONDS))
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                .setRetryOptions(retry())
                .build();
    }

    /**
     * The analysis stages: they heartbeat at least every few seconds of work (a plane point, a pair, a
     * sample), their keeper through longer phases (a t-SNE, a BN recompute), and a grid row or a t-SNE
     * of many models may run for many minutes.
     */
    static ActivityOptions analysis(String computeQueue) {
        return ActivityOptions.newBuilder()
                .setTaskQueue(computeQueue)
                .setStartToCloseTimeout(Duration.ofHours(12))
                .setHeartbeatTimeout(Duration.ofSeconds(ANALYSIS_HEARTBEAT_SECONDS))
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                .setRetryOptions(retry())
                .build();
    }

    /** Heartbeat timeout of analysis stages: longer than one model's evaluation on one core. */
    static final int ANALYSIS_HEARTBEAT_SECONDS = 60;

    private static RetryOptions retry() {
        return RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(Duration.ofSeconds(MAX_BACKOFF_SECONDS))
                .setMaximumAttempts(ATTEMPTS)
                .setDoNotRetry(NOT_RETRYABLE)
                .build();
    }
}
