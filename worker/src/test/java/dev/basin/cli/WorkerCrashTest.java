package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.basin.engine.data.SyntheticIdx;
import dev.basin.infra.EmbeddedStack;
import dev.basin.infra.Endpoints;
import dev.basin.infra.TemporalToken;
import dev.basin.workflows.StudyRequest;
import dev.basin.workflows.StudyResult;
import dev.basin.workflows.StudyWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code basin worker} killed with SIGKILL, on the real stack: the embedded servers run in this JVM,
 * each worker is a child JVM that a test kills like an OOM killer or a pulled plug would, and a new
 * child takes over. One member, 3 epochs of 1,500 synthetic images in steps of 50 (90 steps), a
 * checkpoint every 8 steps, one engine thread: the same spec run without a kill is the reference.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerCrashTest {
    private static final String CONTROL_QUEUE = ChildWorkers.CONTROL_QUEUE;
    private static final String COMPUTE_QUEUE = ChildWorkers.COMPUTE_QUEUE;
    private static final int EVERY = 8;
    private static final int STEPS = 90;
    private static final Duration STUDY_LIMIT = Duration.ofSeconds(100);
    private static final Duration FAST = Duration.ofMillis(20);

    @TempDir static Path dir;
    static Path data;
    static EmbeddedStack stack;
    static WorkflowServiceStubs service;
    static WorkflowClient client;
    static StudyDb db;
    static ChildWorkers workers;
    static StudyResult reference;

    @BeforeAll
    static void start() {
        data = dir.resolve("idx");
        // 10,000 test images: evaluating them takes long enough (~1 s) for a kill to land inside it
        SyntheticIdx.writeFolder(data, 1500, 10_000, 21, true);
        stack = EmbeddedStack.start(dir.resolve("stack"));
        Endpoints e = stack.endpoints();
        service = WorkflowServiceStubs.newServiceStubs(
                TemporalToken.stubsOptions(e.temporalTarget(), e.temporalToken()).build());
        client = WorkflowClient.newInstance(service,
                WorkflowClientOptions.newBuilder().setNamespace(e.temporalNamespace()).build());
        db = StudyDb.of(e);
        workers = new ChildWorkers(e, dir);
    }

    @AfterAll
    static void stop() {
        if (workers != null) {
            workers.close();
        }
        if (service != null) {
            service.shutdownNow();
            service.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void workerKilledMidTrainingResumesFromItsNewestCheckpointAndEndsBitIdentical() throws Exception {
        ChildBasin first = worker();
        StudyResult reference = reference();

        WorkflowStub crash = submit("crash");
        Poll.until(Duration.ofSeconds(60), FAST, "a checkpoint of study crash at step 40 or later", first::tail,
                () -> db.number("SELECT max(step) FROM model WHERE study = 'crash' AND kind = 'checkpoint'")
                        .filter(step -> step >= 40));
        // Train on a little past the checkpoint, so that the kill costs work, as a real one does.
        Thread.sleep(200);
        first.kill();
        long killedAt = System.currentTimeMillis();
        assertEquals(Optional.empty(), db.one("SELECT id FROM model WHERE study = 'crash' AND kind = 'final'"),
                "the kill came too late: member 0 had already finished");
        List<String> newest = db.rows("SELECT id, epoch, step, (extract(epoch FROM created_at) * 1000)::bigint"
                + " FROM model WHERE study = 'crash' AND kind = 'checkpoint' ORDER BY step DESC LIMIT 1").get(0);

        ChildBasin second = worker();
        Optional<Long> retried = retryStartMillis(StudyWorkflow.workflowId("crash"), "Train", second);
        StudyResult result = await(crash, "crash");

        // The retry resumed from exactly the newest checkpoint the killed attempt had recorded.
        List<List<String>> resumes = db.rows("SELECT member, attempt, from_model_id, from_epoch, from_step,"
                + " (extract(epoch FROM resumed_at) * 1000)::bigint FROM resume WHERE study = 'crash'");
        assertEquals(1, resumes.size(), "one resume: " + resumes);
        List<String> resume = resumes.get(0);
        assertEquals(List.of("0", newest.get(0), newest.get(1), newest.get(2)),
                List.of(resume.get(0), resume.get(2), resume.get(3), resume.get(4)));
        assertTrue(Integer.parseInt(resume.get(1)) >= 2, "a later attempt of the same activity: " + resume);
        assertEquals(resume.get(1), Integer.toString(startedAttempt("crash", "Train")));
        long fromStep = Long.parseLong(newest.get(2));
        assertTrue(fromStep > 0 && fromStep < STEPS, "resumed in the middle of training, at step " + fromStep);
        assertEquals(List.of(List.of("done", newest.get(1))),
                db.rows("SELECT state, resumed_from_epoch FROM progress WHERE study = 'crash'"));
        assertEquals(Integer.parseInt(newest.get(1)), result.trained().get(0).resumedFromEpoch());

        DurabilityChecks.sameTrajectory(db, "ref", "crash");
        DurabilityChecks.everyRowOnce(db, "crash", 1);

        double stepsPerSecond = STEPS / reference.trained().get(0).computeSeconds();
        double lostSeconds = (killedAt - Long.parseLong(newest.get(3))) / 1000.0;
        System.out.printf("WorkerCrashTest training kill: retry started %s and resumed from its checkpoint %.1f s"
                        + " after the kill (heartbeat timeout 10 s); work lost %.2f s, about %.0f of %d steps"
                        + " (checkpoint every %d steps)%n", seconds(retried, killedAt),
                (Long.parseLong(resume.get(5)) - killedAt) / 1000.0, lostSeconds, lostSeconds * stepsPerSecond,
                STEPS, EVERY);
        assertTrue(second.alive(), second.tail());
    }

    @Test
    @Order(2)
    void workerKilledMidEvaluationStillEvaluatesEachModelOnce() throws Exception {
        ChildBasin current = workers.anyAlive();
        reference();
        WorkflowStub stub = submit("eval-crash");
        String id = StudyWorkflow.workflowId("eval-crash");
        Poll.until(Duration.ofSeconds(60), FAST, "the evaluation of study eval-crash to be running", current::tail,
                () -> pending(id, "EvaluateMember").filter(a -> a.getState()
                        == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED));
        current.kill();
        long killedAt = System.currentTimeMillis();

        ChildBasin next = worker();
        Optional<Long> retried = retryStartMillis(id, "EvaluateMember", next);
        await(stub, "eval-crash");

        assertTrue(startedAttempt("eval-crash", "EvaluateMember") >= 2, "the kill hit the evaluation");
        DurabilityChecks.everyRowOnce(db, "eval-crash", 1);
        DurabilityChecks.sameTrajectory(db, "ref", "eval-crash");
        assertEquals(List.of(), db.rows("SELECT id FROM resume WHERE study = 'eval-crash'"),
                "training was not interrupted");
        System.out.printf("WorkerCrashTest evaluation kill: retry started %s after the kill%n",
                seconds(retried, killedAt));
    }

    /**
     * A curve's bend is trained as durably as a member: killed after a saved state at step 40 or later, the retry
     * resumes from the newest saved state and ends with the bend an uninterrupted study trains, bit for bit.
     */
    @Test
    @Order(3)
    void workerKilledMidCurveTrainingResumesAndEndsBitIdentical() throws Exception {
        killMidStage("curve", CURVE, 40, "bend", "TrainCurve");
        String bend = "SELECT weights_sha256 FROM model WHERE kind = 'bend' AND study = ";
        assertEquals(db.rows(bend + "'curve-ref'"), db.rows(bend + "'curve-crash'"));
        assertEquals(1, db.rows(bend + "'curve-crash'").size());
        String profile = "SELECT t, test_nll, train_loss FROM curve_profile WHERE study = ";
        assertEquals(db.rows(profile + "'curve-ref' ORDER BY i"), db.rows(profile + "'curve-crash' ORDER BY i"));
    }

    @Test
    @Order(4)
    void workerKilledMidSpawnedChildResumesAndEndsBitIdentical() throws Exception {
        killMidStage("spawn", SPAWN, 48, "spawn", "TrainChild");
        String child = "SELECT weights_sha256, epoch, step FROM model WHERE kind = 'spawn' AND study = ";
        assertEquals(db.rows(child + "'spawn-ref'"), db.rows(child + "'spawn-crash'"));
        String barrier = "SELECT a, b, train_loss_barrier, test_error_barrier FROM barriers WHERE study = ";
        assertEquals(db.rows(barrier + "'spawn-ref'"), db.rows(barrier + "'spawn-crash'"));
    }

    @Test
    @Order(5)
    void workerKilledMidDistillationResumesAndEndsBitIdentical() throws Exception {
        killMidStage("distill", DISTILL, 40, "student", "TrainStudent");
        String student = "SELECT weights_sha256, epoch, step FROM model WHERE kind = 'student' AND study = ";
        assertEquals(db.rows(student + "'distill-ref'"), db.rows(student + "'distill-crash'"));
        assertEquals(1, db.rows(student + "'distill-crash'").size());
        String metrics = "SELECT accuracy, nll FROM member_metrics WHERE kind = 'student' AND split = 'test'"
                + " AND study = ";
        assertEquals(db.rows(metrics + "'distill-ref'"), db.rows(metrics + "'distill-crash'"));
    }

    /**
     * Runs {@code <name>-ref} undisturbed, then {@code <name>-crash}, killing its worker once the stage that makes
     * models of {@code kind} has saved a state at step {@code step} or later, and lets a new worker finish it.
     */
    private static void killMidStage(String name, String more, int step, String kind, String activity)
            throws Exception {
        ChildBasin current = workers.anyAlive();
        await(submit(name + "-ref", more), name + "-ref");
        String study = name + "-crash";
        WorkflowStub crash = submit(study, more);
        Poll.until(Duration.ofSeconds(90), FAST, "a saved state of study " + study + " at step " + step + " or later",
                current::tail, () -> db.number("SELECT max(step) FROM stage_checkpoint WHERE study = '" + study + "'")
                        .filter(s -> s >= step));
        Thread.sleep(200);
        current.kill();
        assertEquals(Optional.empty(), db.one("SELECT id FROM model WHERE study = '" + study + "' AND kind = '"
                + kind + "'"), "the kill came too late: the " + kind + " was already trained");
        worker();
        await(crash, study);
        assertTrue(startedAttempt(study, activity) >= 2, "the kill hit the " + kind + "'s training");
    }

    /** A child spawned at epoch 1: 60 steps from the parent's step 30, its state saved every 8 steps. */
    private static final String SPAWN = "spawn: {at: [1], children: 1}\n"
            + "barriers: {ensembles: [spawn], points: 3, trainSubset: 100}";

    /** A student of member 0 under the connectivity penalty: 90 steps, its state saved every 8 steps. */
    private static final String DISTILL = "distill: [{students: 1, teacher: final:0, epochs: 3, batchSize: 50,"
            + " penalty: 0.5}]\nbarriers: {ensembles: [distill], points: 3, trainSubset: 100}";

    /** A curve between member 0 and the origin: short (90 steps), its state saved every 8 steps. */
    private static final String CURVE =
            "curves: [{between: [final:0, origin], epochs: 3, batchSize: 50, points: 2, ensemble: 0, trainSubset: 100}]";

    // ---- helpers ------------------------------------------------------------------------------------

    /** Study {@code ref}: the same spec, never interrupted; run once, by whichever test needs it first. */
    private static StudyResult reference() {
        if (reference == null) {
            reference = await(submit("ref"), "ref");
        }
        return reference;
    }

    private static ChildBasin worker() {
        return workers.start();
    }

    private static String spec(String study, String more) {
        return """
                study: %s
                seed: 5
                data: {dataset: fashion-mnist, path: %s}
                model: small-cnn
                train: {members: 1, epochs: 3, batchSize: 50, lr: 0.05, checkpointEverySteps: %d}
                %s
                """.formatted(study, data, EVERY, more);
    }

    private static WorkflowStub submit(String study) {
        return submit(study, "");
    }

    private static WorkflowStub submit(String study, String more) {
        StudyWorkflow workflow = client.newWorkflowStub(StudyWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(StudyWorkflow.workflowId(study)).setTaskQueue(CONTROL_QUEUE).build());
        WorkflowClient.start(workflow::run, new StudyRequest(spec(study, more), COMPUTE_QUEUE, "test"));
        return WorkflowStub.fromTyped(workflow);
    }

    private static StudyResult await(WorkflowStub stub, String study) {
        try {
            return stub.getResult(STUDY_LIMIT.toSeconds(), TimeUnit.SECONDS, StudyResult.class);
        } catch (TimeoutException e) {
            String logs = workers.newestTail();
            return fail("study " + study + " did not finish within " + STUDY_LIMIT + "; the newest worker says:\n"
                    + logs);
        }
    }

    /** The running (or scheduled) activity of that type, if the workflow has one. */
    private static Optional<PendingActivityInfo> pending(String workflowId, String activityType) {
        var response = service.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(stack.endpoints().temporalNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build());
        return response.getPendingActivitiesList().stream()
                .filter(a -> a.getActivityType().getName().equals(activityType))
                .findFirst();
    }

    /**
     * When this test first saw a retry (attempt 2 or later) of that activity running, to within one
     * poll; empty if the activity finished before a poll saw the retry. (The test server keeps the
     * first attempt's start in {@code last_started_time}, so the time is taken here.)
     */
    private static Optional<Long> retryStartMillis(String workflowId, String activityType, ChildBasin worker) {
        return Optional.of(Poll.until(Duration.ofSeconds(60), FAST, "a retry of " + activityType, worker::tail, () -> {
            Optional<PendingActivityInfo> a = pending(workflowId, activityType);
            if (a.isEmpty()) {
                return Optional.of(-1L); // finished in between two polls
            }
            PendingActivityInfo p = a.get();
            boolean retrying = p.getAttempt() >= 2 && p.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;
            return retrying ? Optional.of(System.currentTimeMillis()) : Optional.empty();
        })).filter(t -> t >= 0);
    }

    private static String seconds(Optional<Long> at, long since) {
        return at.map(t -> String.format("%.1f s", (t - since) / 1000.0)).orElse("(not observed)");
    }

    private static int startedAttempt(String study, String activityType) {
        return ChildWorkers.startedAttempt(client, study, activityType);
    }
}
