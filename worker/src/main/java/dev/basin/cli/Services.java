package dev.basin.cli;

import dev.basin.artifacts.ArtifactStore;
import dev.basin.artifacts.S3Config;
import dev.basin.db.Database;
import dev.basin.db.DbConfig;
import dev.basin.db.StudyStore;
import dev.basin.infra.EmbeddedStack;
import dev.basin.infra.Endpoints;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Open connections to Temporal, S3 and PostgreSQL, plus the embedded stack when Basin started one.
 *
 * <p>Closing is ordered and happens once, on the normal path or from the one shutdown hook (Ctrl-C,
 * SIGTERM): first what was registered with {@link #beforeClose} (stopping the workers, so that no
 * activity is cut off mid-write), then the connections, then the embedded servers.
 */
final class Services implements AutoCloseable {
    private static volatile boolean exiting;

    private final EmbeddedStack stack;
    private final Thread hook = new Thread(this::close, "basin-shutdown");
    private final List<Runnable> beforeClose = new ArrayList<>();
    private boolean closed;
    final WorkflowServiceStubs stubs;
    final WorkflowClient client;
    final ArtifactStore artifacts;
    final StudyStore store;
    final DbConfig db;
    final String where;

    private Services(EmbeddedStack stack, WorkflowServiceStubs stubs, String namespace, ArtifactStore artifacts,
                                      DbConfig db, String where) {
        this.stack = stack;
        this.stubs = stubs;
        this.client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
        this.artifacts = artifacts;
        this.db = db;
        this.store = new StudyStore(new Database(db));
        this.where = where;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Whether the JVM is exiting because of a signal; errors on the main thread are then expected. */
    static boolean exiting() {
        return exiting;
    }

    /** Runs {@code action} first when these services close. */
    synchronized void beforeClose(Runnable action) {
        beforeClose.add(action);
    }

    /**
     * External services if the options name them; else the stack {@code basin up} serves over the data
     * folder; else, when {@code mayStart}, a new embedded stack (closed with these services).
     */
    static Services open(ConnectionOptions o, boolean mayStart) {
        if (o.external()) {
            AwsCredentialsProvider aws = DefaultCredentialsProvider.builder().build();
            String password = Optional.ofNullable(System.getenv("BASIN_DB_PASSWORD")).orElse(System.getenv("PGPASSWORD"));
            return new Services(null, stubs(o.temporal, o.temporalTls), o.namespace,
                    new ArtifactStore(new S3Config(o.s3Endpoint, o.s3Region, o.bucket), aws),
                    new DbConfig(o.dbUrl, o.dbUser, password),
                    "Temporal " + o.temporal + ", s3://" + o.bucket + ", " + o.dbUrl);
        }
        Optional<Endpoints> served = UpCommand.served(o.dataDir);
        if (served.isPresent()) {
            return embedded(null, served.get(), "the stack `basin up` serves over " + o.dataDir);
        }
        if (!mayStart) {
            throw new BadInputException("no Basin stack is running over " + o.dataDir
                    + "; start one with `basin up`, or give --temporal/--db-url/--bucket");
        }
        EmbeddedStack stack = EmbeddedStack.start(o.dataDir);
        return embedded(stack, stack.endpoints(), "the embedded stack over " + o.dataDir);
    }

    private static Services embedded(EmbeddedStack stack, Endpoints e, String where) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(e.s3AccessKey(), e.s3SecretKey()));
        return new Services(stack, stubs(e.temporalTarget(), false), e.temporalNamespace(),
                new ArtifactStore(new S3Config(e.s3Endpoint(), e.s3Region(), e.bucket()), credentials),
                new DbConfig(e.dbUrl(), e.dbUser(), e.dbPassword()), where);
    }

    private static WorkflowServiceStubs stubs(String target, boolean tls) {
        return WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(target).setEnableHttps(tls).build());
    }

    String bucket() {
        return artifacts.config().bucket();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            exiting = true; // we are the hook: the JVM is going down
        }
        beforeClose.forEach(Runnable::run);
        stubs.shutdown();
        artifacts.close();
        if (stack != null) {
            stack.close();
        }
    }
}
