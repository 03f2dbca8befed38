package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.fail;

import dev.basin.activities.DatasetCache;
import dev.basin.activities.WorkerContext;
import dev.basin.artifacts.ArtifactStore;
import dev.basin.artifacts.S3Config;
import dev.basin.db.Database;
import dev.basin.db.DbConfig;
import dev.basin.db.StudyStore;
import dev.basin.engine.data.SyntheticIdx;
import dev.basin.infra.EmbeddedStack;
import dev.basin.infra.Endpoints;
import dev.basin.infra.TemporalToken;
import dev.basin.worker.BasinWorker;
import dev.basin.workflows.StudyRequest;
import dev.basin.workflows.StudyResult;
import dev.basin.workflows.StudyWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * An embedded stack, one in-process worker (both queues, {@code slots} slots of one engine thread)
 * and a synthetic dataset, for tests that run whole studies through the real workflow and look at
 * what they left in PostgreSQL and S3. Close it after the last test.
 *
 * <p>The dataset: {@code train} and {@code test} synthetic 28×28 images in 10 classes (IDX files, as
 * Fashion-MNIST's), learnable to well above chance in a couple of epochs of small-cnn.
 */
final class StudyStack implements AutoCloseable {
    static final String CONTROL_QUEUE = "basin";
    static final String COMPUTE_QUEUE = "basin-compute";

    final Path data;
    final EmbeddedStack stack;
    final StudyDb db;
    final ArtifactStore artifacts;
    final StudyStore store;
    private final WorkflowServiceStubs service;
    private final WorkflowClient client;
    private final WorkerFactory worker;

    StudyStack(Path dir, int train, int test, int slots) {
        data = dir.resolve("idx");
        SyntheticIdx.writeFolder(data, train, test, 17, false);
        stack = EmbeddedStack.start(dir.resolve("stack"));
        Endpoints e = stack.endpoints();
        db = StudyDb.of(e);
        service = WorkflowServiceStubs.newServiceStubs(
                TemporalToken.stubsOptions(e.temporalTarget(), e.temporalToken()).build());
        client = WorkflowClient.newInstance(service,
                WorkflowClientOptions.newBuilder().setNamespace(e.temporalNamespace()).build());
        artifacts = new ArtifactStore(new S3Config(e.s3Endpoint(), e.s3Region(), e.bucket()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(e.s3AccessKey(), e.s3SecretKey())));
        store = new StudyStore(new Database(new DbConfig(e.dbUrl(), e.dbUser(), e.dbPassword())));
        worker = BasinWorker.start(client, new WorkerContext(artifacts, store, new DatasetCache(null), 1),
                new BasinWorker.Queues(CONTROL_QUEUE, COMPUTE_QUEUE, slots));
    }

    /** {@code data: {dataset: fashion-mnist, path: <the synthetic folder>}}, for specs. */
    String dataLine() {
        return "data: {dataset: fashion-mnist, path: " + data + "}";
    }

    /** Starts a study from its YAML text. */
    WorkflowStub submit(String study, String specYaml) {
        StudyWorkflow workflow = client.newWorkflowStub(StudyWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(StudyWorkflow.workflowId(study)).setTaskQueue(CONTROL_QUEUE).build());
        WorkflowClient.start(workflow::run, new StudyRequest(specYaml, COMPUTE_QUEUE, "test"));
        return WorkflowStub.fromTyped(workflow);
    }

    /** Runs a study to its end. */
    StudyResult run(String study, String specYaml, Duration limit) {
        StudyResult result;
        try {
            result = submit(study, specYaml).getResult(limit.toSeconds(), TimeUnit.SECONDS, StudyResult.class);
        } catch (TimeoutException e) {
            return fail("study " + study + " did not finish within " + limit);
        }
        // Nothing kills a worker here, so every stage must have run once: a stage started before one whose
        // result it reads fails and is retried until that result exists, which the outcome alone would hide.
        try {
            assertEquals(List.of(), db.column("select stage || ' attempt ' || attempt from stage where study = ?"
                    + " and attempt > 1 order by stage", study), "stages retried in study " + study);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    /** The workflow history of the study's latest run, as the server holds it now. */
    WorkflowExecutionHistory history(String study) {
        return client.fetchHistory(StudyWorkflow.workflowId(study));
    }

    @Override
    public void close() {
        BasinWorker.stop(worker);
        service.shutdownNow();
        service.awaitTermination(10, TimeUnit.SECONDS);
        artifacts.close();
        stack.close();
    }
}
