package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.basin.activities.DatasetCache;
import dev.basin.activities.Outages;
import dev.basin.activities.WorkerContext;
import dev.basin.artifacts.ArtifactStore;
import dev.basin.artifacts.S3Config;
import dev.basin.db.Database;
import dev.basin.db.DbConfig;
import dev.basin.db.StudyStore;
import dev.basin.engine.data.SyntheticIdx;
import dev.basin.infra.Credentials;
import dev.basin.infra.Endpoints;
import dev.basin.infra.LocalPostgres;
import dev.basin.infra.LocalS3;
import dev.basin.infra.LocalTemporal;
import dev.basin.infra.TemporalToken;
import dev.basin.worker.BasinWorker;
import dev.basin.workflows.StudyRequest;
import dev.basin.workflows.StudyResult;
import dev.basin.workflows.StudyWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.net.URI;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * S3 and PostgreSQL stopped in the middle of a study, as a restart or a network cut would, and
 * started again on the same port 30 s later: the study completes with the same weights and
 * predictions as an uninterrupted run and no row twice. One that stays down fails the study with a
 * message naming it, once the worker's outage tolerance is spent (60 s for the first cases, then a new
 * worker with {@value #SHORT_TOLERANCE_SECONDS} s, so that the test does not wait minutes).
 *
 * <p>The servers run in this JVM, started one by one (not as an {@code EmbeddedStack}) so that each
 * can be stopped alone; the worker runs here too, with one engine thread.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DependencyOutageTest {
    private static final String CONTROL_QUEUE = "basin";
    private static final String COMPUTE_QUEUE = "basin-compute";
    private static final int TOLERANCE_SECONDS = 60;
    private static final int SHORT_TOLERANCE_SECONDS = 5;
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration STUDY_LIMIT = Duration.ofMinutes(5);
    private static final Duration FAST = Duration.ofMillis(20);

    @TempDir static Path dir;
    static Path data;
    static Path stackDir;
    static Credentials credentials;
    static LocalPostgres postgres;
    static LocalS3 s3;
    static LocalTemporal temporal;
    static WorkflowServiceStubs service;
    static WorkflowClient client;
    static ArtifactStore artifacts;
    static WorkerFactory worker;
    static StudyStore store;
    static DbConfig dbConfig;
    static StudyDb db;

    @BeforeAll
    static void start() {
        data = dir.resolve("idx");
        SyntheticIdx.writeFolder(data, 3000, 1000, 23, false);
        stackDir = dir.resolve("stack");
        credentials = Credentials.loadOrCreate(created(stackDir));
        postgres = LocalPostgres.start(stackDir, credentials);
        s3 = LocalS3.start(stackDir, credentials, Endpoints.BUCKET);
        temporal = LocalTemporal.start(credentials.temporalToken());
        dbConfig = new DbConfig(postgres.jdbcUrl(), LocalPostgres.USER, credentials.dbPassword());
        new Database(dbConfig).migrate();
        db = new StudyDb(dbConfig.url(), dbConfig.user(), dbConfig.password());

        service = WorkflowServiceStubs.newServiceStubs(
                TemporalToken.stubsOptions(temporal.target(), credentials.temporalToken()).build());
        client = WorkflowClient.newInstance(service);
        artifacts = new ArtifactStore(new S3Config(s3.endpoint().toString(), Endpoints.REGION, Endpoints.BUCKET),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(credentials.s3AccessKey(),
                        credentials.s3SecretKey())));
        store = new StudyStore(new Database(dbConfig));
        worker = worker(TOLERANCE_SECONDS);
    }

    private static Path created(Path folder) {
        try {
            return java.nio.file.Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A worker in this JVM (both queues, one slot, one engine thread) that gives a dependency {@code tolerance} seconds. */
    private static WorkerFactory worker(int tolerance) {
        Outages outages = new Outages(Duration.ofSeconds(tolerance), artifacts.endpointName(), dbConfig.safeUrl());
        return BasinWorker.start(client, new WorkerContext(artifacts, store, new DatasetCache(null), 1, outages),
                new BasinWorker.Queues(CONTROL_QUEUE, COMPUTE_QUEUE, 1));
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            BasinWorker.stop(worker);
        }
        if (service != null) {
            service.shutdownNow();
            service.awaitTermination(10, TimeUnit.SECONDS);
        }
        for (AutoCloseable c : new AutoCloseable[] {artifacts, temporal, s3, postgres}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // the next one still has to stop
            }
        }
    }

    @Test
    @Order(1)
    void s3DownForThirtySecondsMidTrainingCostsRetriesNotResults() throws Exception {
        await(submit("ref"), "ref");
        WorkflowStub stub = submit("s3-outage");
        midTraining("s3-outage");
        int port = s3.endpoint().getPort();
        s3.close();
        long stoppedAt = System.currentTimeMillis();
        String failure = lastFailureWithin(OUTAGE, "s3-outage");
        s3 = LocalS3.start(stackDir, credentials, Endpoints.BUCKET, port);
        await(stub, "s3-outage");
        report("S3", stoppedAt);

        assertTrue(failure.contains("S3 at " + s3.endpoint() + " is unreachable"), failure);
        assertRetriedAndIdentical("s3-outage");
    }

    @Test
    @Order(2)
    void postgresDownForThirtySecondsMidTrainingCostsRetriesNotResults() throws Exception {
        WorkflowStub stub = submit("pg-outage");
        midTraining("pg-outage");
        int port = postgres.port();
        postgres.close();
        long stoppedAt = System.currentTimeMillis();
        String failure = lastFailureWithin(OUTAGE, "pg-outage");
        postgres = LocalPostgres.start(stackDir, credentials, port);
        await(stub, "pg-outage");
        report("PostgreSQL", stoppedAt);

        assertTrue(failure.contains("PostgreSQL at jdbc:postgresql://127.0.0.1:" + port + "/basin is unreachable"),
                failure);
        assertRetriedAndIdentical("pg-outage");
    }

    @Test
    @Order(3)
    void s3ThatStaysDownFailsTheStudyNamingIt() throws Exception {
        BasinWorker.stop(worker);
        worker = worker(SHORT_TOLERANCE_SECONDS);
        WorkflowStub stub = submit("s3-gone");
        midTraining("s3-gone");
        int port = s3.endpoint().getPort();
        s3.close();
        long stoppedAt = System.currentTimeMillis();
        try {
            WorkflowFailedException failed = assertThrows(WorkflowFailedException.class,
                    () -> stub.getResult(STUDY_LIMIT.toSeconds(), TimeUnit.SECONDS, StudyResult.class));
            double seconds = (System.currentTimeMillis() - stoppedAt) / 1000.0;
            ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, failed.getCause().getCause());
            assertEquals("DependencyDown", cause.getType());
            assertTrue(cause.getOriginalMessage().startsWith("S3 at " + s3.endpoint() + " has been unreachable for "),
                    cause.getOriginalMessage());
            // the tolerance, plus at most one backoff interval (10 s) and the attempt that notices
            assertTrue(seconds < SHORT_TOLERANCE_SECONDS + 20, "gave up " + seconds + " s after S3 stopped");
            assertEquals(List.of("failed"), db.column("SELECT status FROM study WHERE name = 's3-gone'"));
            assertEquals(List.of("failed"), db.column("SELECT state FROM stage WHERE study = 's3-gone'"
                    + " AND stage = 'train/member-000'"));
            System.out.printf("DependencyOutageTest: S3 that stays down failed the study %.1f s after it stopped"
                    + " (outage tolerance %d s)%n", seconds, SHORT_TOLERANCE_SECONDS);
        } finally {
            s3 = LocalS3.start(stackDir, credentials, Endpoints.BUCKET, port);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static void report(String dependency, long stoppedAt) {
        System.out.printf("DependencyOutageTest: %s down %d s mid-training; the study completed %.1f s after it"
                + " stopped%n", dependency, OUTAGE.toSeconds(), (System.currentTimeMillis() - stoppedAt) / 1000.0);
    }

    private static String spec(String study) {
        return """
                study: %s
                seed: 9
                data: {dataset: fashion-mnist, path: %s}
                model: small-cnn
                train: {members: 1, epochs: 3, batchSize: 50, lr: 0.05, checkpointEverySteps: 8}
                """.formatted(study, data);
    }

    private static WorkflowStub submit(String study) {
        StudyWorkflow workflow = client.newWorkflowStub(StudyWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(StudyWorkflow.workflowId(study)).setTaskQueue(CONTROL_QUEUE).build());
        WorkflowClient.start(workflow::run, new StudyRequest(spec(study), COMPUTE_QUEUE, "test"));
        return WorkflowStub.fromTyped(workflow);
    }

    /** Waits for the member's second checkpoint: training is under way and has something to resume from. */
    private static void midTraining(String study) throws Exception {
        Poll.until(Duration.ofSeconds(60), FAST, "a checkpoint of study " + study + " at step 16", () -> "",
                () -> db.number("SELECT max(step) FROM model WHERE study = ? AND kind = 'checkpoint'", study)
                        .filter(step -> step >= 16));
        assertEquals(Optional.empty(), db.one("SELECT id FROM model WHERE study = ? AND kind = 'final'", study),
                "the outage came too late: the member had already finished");
    }

    /** Waits out the outage, and returns the newest failure Temporal recorded for the training activity meanwhile. */
    private static String lastFailureWithin(Duration outage, String study) throws InterruptedException {
        long end = System.nanoTime() + outage.toNanos();
        String failure = "";
        while (System.nanoTime() < end) {
            var response = service.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(Endpoints.NAMESPACE)
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(StudyWorkflow.workflowId(study)))
                    .build());
            for (var a : response.getPendingActivitiesList()) {
                if (a.hasLastFailure() && !a.getLastFailure().getMessage().isEmpty()) {
                    failure = a.getLastFailure().getMessage();
                }
            }
            Thread.sleep(500);
        }
        return failure;
    }

    private static StudyResult await(WorkflowStub stub, String study) {
        try {
            return stub.getResult(STUDY_LIMIT.toSeconds(), TimeUnit.SECONDS, StudyResult.class);
        } catch (TimeoutException e) {
            return fail("study " + study + " did not finish within " + STUDY_LIMIT);
        }
    }

    /** Retried (the training stage ran more than one attempt), and the result equals the uninterrupted run's, each row once. */
    private static void assertRetriedAndIdentical(String study) throws Exception {
        assertEquals(List.of("completed"), db.column("SELECT status FROM study WHERE name = ?", study));
        assertTrue(Integer.parseInt(db.column("SELECT attempt FROM stage WHERE study = ? AND stage = 'train/member-000'",
                study).get(0)) >= 2, "training was retried");
        DurabilityChecks.sameTrajectory(db, "ref", study);
        DurabilityChecks.everyRowOnce(db, study, 1);
    }
}
