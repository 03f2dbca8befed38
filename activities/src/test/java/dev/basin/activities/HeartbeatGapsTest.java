package dev.basin.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.RetryOptions;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A phase longer than the heartbeat timeout, on Temporal's test server (real time, no skipping), as the
 * workflows run activities: it times out and is retried without a keeper; with one it completes in its
 * first attempt, and {@link HeartbeatGaps} measures its longest gap below the timeout; a keeper whose phase
 * stalls past the stall limit lets the attempt time out and be retried; a cancellation reaches the phase
 * through the keeper's beats alone.
 */
class HeartbeatGapsTest {
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);
    /** Over two heartbeat timeouts: without beats the attempt cannot survive it. */
    private static final long PHASE_MILLIS = 8_000;
    private static final Heartbeats.Limits NEVER_STALLS = new Heartbeats.Limits(Duration.ofHours(1), Duration.ofHours(1), 1);
    private static final Heartbeats.Limits STALLS_AFTER_1_S = new Heartbeats.Limits(Duration.ofSeconds(1),
            Duration.ofSeconds(1), 1);
    private static final String QUEUE = "phases";

    // the activity's view of the test: set afresh for each test
    private static volatile CountDownLatch started;
    private static volatile CountDownLatch release;
    private static final AtomicReference<RuntimeException> seen = new AtomicReference<>();

    private TestWorkflowEnvironment env;

    @ActivityInterface
    public interface PhaseActivity {
        /** The attempt that completed. */
        int phase(String mode);
    }

    @WorkflowInterface
    public interface PhaseWorkflow {
        @WorkflowMethod
        int run(String mode);
    }

    public static class PhaseWorkflowImpl implements PhaseWorkflow {
        private final PhaseActivity activity = Workflow.newActivityStub(PhaseActivity.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1))
                        .setBackoffCoefficient(1).setMaximumAttempts(3).build())
                .build());

        @Override
        public int run(String mode) {
            return activity.phase(mode);
        }
    }

    /** The first attempt runs one long phase; a retry completes at once. */
    public static class PhaseActivityImpl implements PhaseActivity {
        @Override
        public int phase(String mode) {
            ActivityExecutionContext context = Activity.getExecutionContext();
            int attempt = context.getInfo().getAttempt();
            if (attempt > 1) {
                return attempt;
            }
            switch (mode) {
                case "bare" -> sleep(PHASE_MILLIS);
                case "kept" -> {
                    try (Heartbeats keeper = keeper(context, NEVER_STALLS)) {
                        sleep(PHASE_MILLIS);
                        keeper.check();
                    }
                }
                case "stalled" -> {
                    try (Heartbeats keeper = keeper(context, STALLS_AFTER_1_S)) {
                        await(release); // a hung phase: it moves on only when the test ends
                    }
                }
                case "cancelled" -> {
                    try (Heartbeats keeper = keeper(context, NEVER_STALLS)) {
                        started.countDown();
                        for (int step = 0; step < 600; step++) {
                            sleep(100);
                            Heartbeats.phase("step " + step).close(); // sends nothing itself
                        }
                    } catch (RuntimeException e) {
                        seen.set(e);
                        throw e;
                    }
                }
                default -> throw new IllegalArgumentException(mode);
            }
            return attempt;
        }

        private static Heartbeats keeper(ActivityExecutionContext context, Heartbeats.Limits limits) {
            return new Heartbeats(context::heartbeat, context.getInfo().getHeartbeatTimeout(), limits, "long phase");
        }
    }

    @BeforeEach
    void start() {
        HeartbeatGaps.reset();
        started = new CountDownLatch(1);
        release = new CountDownLatch(1);
        seen.set(null);
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(false)
                .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new HeartbeatGaps()).build())
                .build());
        // as BasinWorker: the SDK sends a heartbeat at most once a second, well inside the timeout
        Worker worker = env.newWorker(QUEUE, WorkerOptions.newBuilder()
                .setMaxHeartbeatThrottleInterval(Duration.ofSeconds(1))
                .setDefaultHeartbeatThrottleInterval(Duration.ofSeconds(1)).build());
        worker.registerWorkflowImplementationTypes(PhaseWorkflowImpl.class);
        worker.registerActivitiesImplementations(new PhaseActivityImpl());
        env.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        env.close();
    }

    @Test
    void aLongPhaseWithoutAKeeperTimesOutAndIsRetried() {
        assertEquals(2, workflow("bare").run("bare"));
    }

    @Test
    void aLongPhaseWithAKeeperCompletesInItsFirstAttempt() {
        assertEquals(1, workflow("kept").run("kept"));
        HeartbeatGaps.Gap gap = HeartbeatGaps.longest("Phase");
        assertTrue(gap.seconds() < HEARTBEAT_TIMEOUT.toSeconds(), gap.toString());
    }

    @Test
    void aPhaseStalledPastTheStallLimitTimesOutAndIsRetried() {
        assertEquals(2, workflow("stalled").run("stalled"));
    }

    @Test
    void aCancellationReachesThePhaseThroughTheKeepersBeats() throws Exception {
        PhaseWorkflow workflow = workflow("cancelled");
        WorkflowClient.start(workflow::run, "cancelled");
        assertTrue(started.await(60, TimeUnit.SECONDS), "the activity did not start");
        WorkflowStub.fromTyped(workflow).cancel();
        var e = assertThrows(WorkflowFailedException.class, () -> WorkflowStub.fromTyped(workflow).getResult(Integer.class));
        assertInstanceOf(CanceledFailure.class, e.getCause(), e.toString());
        assertInstanceOf(ActivityCanceledException.class, seen.get(), String.valueOf(seen.get()));
    }

    private PhaseWorkflow workflow(String id) {
        return env.getWorkflowClient().newWorkflowStub(PhaseWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
