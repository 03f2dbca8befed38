package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.basin.artifacts.ArtifactRef;
import dev.basin.artifacts.ArtifactStore;
import dev.basin.artifacts.S3Config;
import dev.basin.engine.data.SyntheticIdx;
import dev.basin.infra.EmbeddedStack;
import dev.basin.infra.Endpoints;
import dev.basin.infra.TemporalToken;
import dev.basin.workflows.StudyRequest;
import dev.basin.workflows.StudyResult;
import dev.basin.workflows.StudyWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Two attempts of one member racing, on the real stack: {@code basin worker} is paused with SIGSTOP (not killed)
 * between the upload of its last checkpoint and that checkpoint's row, Temporal's heartbeat timeout starts the
 * retry on a second worker, which finishes the member, and then SIGCONT wakes the first, which records its
 * checkpoint row and final row over the retry's. One member, 3 epochs of 1,500 synthetic images in steps of 50
 * (90 steps), a checkpoint every 8 steps, one engine thread; the same spec run undisturbed is the reference.
 *
 * <p>The pause lands at the right moment through a test-only hook that the first worker alone is started with
 * ({@code -Dbasin.test.holdCheckpointRowAtStep=90}): it says when the upload at step 90 is done and waits 5 s
 * before the row, and the test stops it within that wait.
 *
 * <p>Under the older scheme (zips dated with the wall clock, one key per position) this test fails: the woken
 * attempt's checkpoint and final rows record its own SHA-256 for an object the retry had overwritten. Evaluation
 * itself gets the retry's reference through Temporal, so the damage shows on the next read of those rows (a
 * resume, a rerun, an analysis of the member's weights), which is why every row is read back here.
 */
class WorkerRaceTest {
    private static final String CONTROL_QUEUE = ChildWorkers.CONTROL_QUEUE;
    private static final String COMPUTE_QUEUE = ChildWorkers.COMPUTE_QUEUE;
    private static final int LAST_STEP = 90;
    private static final String HOLDING = "checkpoint at step " + LAST_STEP + " uploaded; holding its row";
    private static final Duration STUDY_LIMIT = Duration.ofSeconds(150);
    private static final Duration FAST = Duration.ofMillis(20);
    private static final String FINAL_ROW = "SELECT xmin::text || ' ' || artifact_key FROM model"
            + " WHERE study = 'race' AND kind = 'final'";

    @TempDir static Path dir;
    static Path data;
    static EmbeddedStack stack;
    static WorkflowServiceStubs service;
    static WorkflowClient client;
    static StudyDb db;
    static ArtifactStore artifacts;
    static ChildWorkers workers;

    @BeforeAll
    static void start() {
        data = dir.resolve("idx");
        SyntheticIdx.writeFolder(data, 1500, 2000, 21, true);
        stack = EmbeddedStack.start(dir.resolve("stack"));
        Endpoints e = stack.endpoints();
        // Generous deadlines: on a loaded machine the first calls to a fresh server can take seconds.
        service = WorkflowServiceStubs.newServiceStubs(TemporalToken.stubsOptions(e.temporalTarget(), e.temporalToken())
                .setRpcTimeout(Duration.ofSeconds(60)).setSystemInfoTimeout(Duration.ofSeconds(60)).build());
        client = WorkflowClient.newInstance(service,
                WorkflowClientOptions.newBuilder().setNamespace(e.temporalNamespace()).build());
        db = StudyDb.of(e);
        workers = new ChildWorkers(e, dir);
        artifacts = new ArtifactStore(new S3Config(e.s3Endpoint(), e.s3Region(), e.bucket()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(e.s3AccessKey(), e.s3SecretKey())));
    }

    @AfterAll
    static void stop() {
        if (workers != null) {
            workers.close();
        }
        if (artifacts != null) {
            artifacts.close();
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
    void aWorkerPausedBetweenUploadAndRowWakesAfterItsRetryAndTheStudyStillEndsBitIdentical() throws Exception {
        ChildBasin first = worker(Map.of("JAVA_TOOL_OPTIONS", "-Dbasin.test.holdCheckpointRowAtStep=" + LAST_STEP));
        WorkflowStub race = submit("race");
        Poll.until(Duration.ofSeconds(90), FAST, "worker 1 holding the row of its last checkpoint", first::tail,
                () -> log(first).contains(HOLDING) ? Optional.of(true) : Optional.empty());
        signal(first, "STOP");
        String retried;
        try {
            assertEquals(Optional.empty(), db.one("SELECT id FROM model WHERE study = 'race' AND kind = 'checkpoint'"
                    + " AND step = " + LAST_STEP), "the paused attempt has not recorded its last checkpoint");
            ChildBasin second = worker(Map.of());
            retried = Poll.until(Duration.ofSeconds(90), FAST, "the retry's final row", second::tail,
                    () -> db.one(FINAL_ROW));
        } finally {
            signal(first, "CONT");
        }
        // The upsert of the woken attempt makes a new row version (a new xmin) even where it changes no value.
        String late = Poll.until(Duration.ofSeconds(60), FAST, "worker 1's late final row", first::tail,
                () -> db.one(FINAL_ROW).filter(row -> !xmin(row).equals(xmin(retried))));
        StudyResult result = await(race, "race");
        assertEquals(1, result.trained().size());
        assertTrue(startedAttempt("race", "Train") >= 2, "the retry ran the member");

        await(submit("ref"), "ref");
        DurabilityChecks.sameTrajectory(db, "ref", "race");
        DurabilityChecks.everyRowOnce(db, "race", 1);
        String metrics = "SELECT m.kind, m.member, x.split, x.name, x.value FROM metric x JOIN model m"
                + " ON m.id = x.model_id WHERE x.study = ? ORDER BY 1, 2, 3, 4";
        assertEquals(db.rows(metrics, "ref"), db.rows(metrics, "race"), "metrics, bit for bit");
        String ensembles = "SELECT e.size, x.split, x.name, x.value FROM metric x JOIN ensemble e"
                + " ON e.id = x.ensemble_id WHERE x.study = ? ORDER BY 1, 2, 3";
        assertEquals(db.rows(ensembles, "ref"), db.rows(ensembles, "race"), "ensemble metrics, bit for bit");

        // Every row, whichever attempt wrote it last, names an object that holds the bytes it records.
        List<List<String>> stored = db.rows("SELECT artifact_key, sha256, bytes FROM model WHERE study = 'race'"
                + " UNION ALL SELECT p.artifact_key, p.sha256, p.bytes FROM prediction p JOIN model m"
                + " ON m.id = p.model_id WHERE m.study = 'race'");
        assertFalse(stored.isEmpty());
        for (List<String> r : stored) {
            artifacts.get(new ArtifactRef(r.get(0), r.get(1), Long.parseLong(r.get(2))));
        }
        for (List<String> r : stored) {
            assertTrue(r.get(0).contains(r.get(1)) || r.get(0).endsWith(".npy"), "content-addressed: " + r);
        }
        assertEquals(List.of(), db.rows("SELECT artifact_key FROM damaged_artifact WHERE study = 'race'"),
                "nothing was reported damaged");
        // Checkpoint bytes are a function of the state: both attempts and the reference wrote the same bytes.
        String bytes = "SELECT kind, member, epoch, step, sha256, bytes FROM model WHERE study = ? ORDER BY 1, 2, 3, 4";
        assertEquals(db.rows(bytes, "ref"), db.rows(bytes, "race"), "checkpoint bytes");
        System.out.printf("WorkerRaceTest: final row by the retry %s, then by the woken attempt %s%n", retried, late);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static String xmin(String row) {
        return row.substring(0, row.indexOf(' '));
    }

    /** Sends {@code kill -SIG pid}; SIGSTOP pauses a JVM as a whole, as a laptop lid or a debugger would. */
    private static void signal(ChildBasin w, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(w.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                fail("kill -" + signal + " " + w.pid() + " failed");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String log(ChildBasin w) throws IOException {
        return Files.readString(workers.log(w));
    }

    private static ChildBasin worker(Map<String, String> extraEnv) {
        return workers.start(extraEnv);
    }

    private static WorkflowStub submit(String study) {
        StudyWorkflow workflow = client.newWorkflowStub(StudyWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(StudyWorkflow.workflowId(study)).setTaskQueue(CONTROL_QUEUE).build());
        WorkflowClient.start(workflow::run, new StudyRequest("""
                study: %s
                seed: 5
                data: {dataset: fashion-mnist, path: %s}
                model: small-cnn
                train: {members: 1, epochs: 3, batchSize: 50, lr: 0.05, checkpointEverySteps: 8}
                """.formatted(study, data), COMPUTE_QUEUE, "test"));
        return WorkflowStub.fromTyped(workflow);
    }

    private static StudyResult await(WorkflowStub stub, String study) {
        try {
            return stub.getResult(STUDY_LIMIT.toSeconds(), TimeUnit.SECONDS, StudyResult.class);
        } catch (TimeoutException e) {
            return fail("study " + study + " did not finish within " + STUDY_LIMIT + "; the workers say:\n"
                    + workers.tails());
        }
    }

    private static int startedAttempt(String study, String activityType) {
        return ChildWorkers.startedAttempt(client, study, activityType);
    }
}
