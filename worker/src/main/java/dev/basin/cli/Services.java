package dev.basin.cli;

import dev.basin.artifacts.ArtifactStore;
import dev.basin.artifacts.S3Config;
import dev.basin.db.Database;
import dev.basin.db.DbConfig;
import dev.basin.db.DbException;
import dev.basin.db.StudyStore;
import dev.basin.infra.Credentials;
import dev.basin.infra.EmbeddedStack;
import dev.basin.infra.Endpoints;
import dev.basin.infra.LocalPostgres;
import dev.basin.infra.TemporalToken;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
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
 *
 * <p>A stack started here is published as {@code basin up} publishes its own (the endpoints file in the
 * data folder, no secrets in it) while it runs, so that {@code basin status}, {@code sql} and
 * {@code cancel} in another terminal attach to it; the file goes before the servers stop.
 */
final class Services implements AutoCloseable {
    private static volatile boolean exiting;
    /** How long Basin waits for Temporal to answer before it calls it unreachable. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

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
    private final String temporalTarget;
    private final boolean external;
    private Path published;

    private Services(EmbeddedStack stack, boolean external, String temporalTarget, String temporalToken, boolean tls,
                     String namespace, ArtifactStore artifacts, DbConfig db, String where) {
        this.stack = stack;
        this.temporalTarget = temporalTarget;
        this.external = external;
        this.stubs = stubs(temporalTarget, temporalToken, tls);
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
     * External services if the options name them; else the stack another Basin process ({@code basin up}
     * or {@code basin run}) serves over the data folder; else, when {@code mayStart}, a new embedded
     * stack (closed with these services).
     */
    static Services open(ConnectionOptions o, boolean mayStart) {
        return open(o, mayStart, true);
    }

    /**
     * As {@link #open(ConnectionOptions, boolean)}, for a command whose work must outlive the command that
     * started the stack ({@code run}, {@code submit}, {@code worker}): it refuses a stack that another
     * {@code basin run} started and stops when it ends, rather than run a study or serve work on servers
     * that go away half-way. {@code status}, {@code sql} and {@code cancel} share such a stack.
     */
    static Services openLasting(ConnectionOptions o, boolean mayStart) {
        return open(o, mayStart, false);
    }

    private static Services open(ConnectionOptions o, boolean mayStart, boolean mayShare) {
        if (o.external()) {
            // The database is checked before anything else is opened: a wrong password or a schema
            // from a newer Basin fails here, naming the database, and nothing is left to close.
            DbConfig db;
            try {
                db = new DbConfig(o.dbUrlWithSslmode(), o.dbUser, o.dbPassword());
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--db-url: " + e.getMessage()); // the message shows no password
            }
            String token = o.temporalToken();
            Database database = new Database(db);
            try (Connection probe = database.connect()) {
                database.checkSchema();
            } catch (SQLException e) {
                throw new DbException("cannot close the connection to " + db.safeUrl() + ": " + e.getMessage(), e);
            }
            BucketName.check(o.bucket); // bad input (exit 2) named before anything asks S3 about it
            AwsCredentialsProvider aws = DefaultCredentialsProvider.builder().build();
            return new Services(null, true, o.temporal, token, o.temporalTls, o.namespace,
                    new ArtifactStore(new S3Config(o.s3Endpoint, o.s3Region, o.bucket), aws), db,
                    "Temporal " + o.temporal + ", s3://" + o.bucket + ", " + db.safeUrl());
        }
        if (o.dbSslmode != null) {
            throw new BadInputException("--db-sslmode (or BASIN_DB_SSLMODE) applies to an external database (--db-url)");
        }
        Optional<Endpoints> served = UpCommand.served(o.dataDir);
        if (served.isPresent()) {
            OptionalLong owner = mayShare ? OptionalLong.empty() : UpCommand.passingOwner(o.dataDir);
            if (owner.isPresent()) {
                throw new IllegalStateException("another Basin process (pid " + owner.getAsLong() + ") is using "
                        + o.dataDir + " and stops its stack when it ends; wait for it, or serve the folder with"
                        + " `basin up` and run there");
            }
            return embedded(null, served.get(), "the stack served over " + o.dataDir);
        }
        if (!mayStart) {
            throw new BadInputException("no Basin stack is running over " + o.dataDir
                    + "; start one with `basin up`, or give --temporal/--db-url/--bucket");
        }
        EmbeddedStack stack = EmbeddedStack.start(o.dataDir);
        Services services = embedded(stack, stack.endpoints(), "the embedded stack over " + o.dataDir);
        // Published only now: the file promises a stack that is up and migrated.
        try {
            services.published = UpCommand.write(o.dataDir, stack.endpoints(), true);
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
        return services;
    }

    private static Services embedded(EmbeddedStack stack, Endpoints e, String where) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(e.s3AccessKey(), e.s3SecretKey()));
        return new Services(stack, false, e.temporalTarget(), e.temporalToken(), false, e.temporalNamespace(),
                new ArtifactStore(new S3Config(e.s3Endpoint(), e.s3Region(), e.bucket()), credentials),
                new DbConfig(e.dbUrl(), e.dbUser(), e.dbPassword()), where);
    }

    /**
     * The login {@code basin sql} runs as: the embedded stack's read-only role {@code basin_reader}, or in
     * external mode {@code --db-user}, which {@link dev.basin.db.SqlQuery} then checks.
     */
    DbConfig reader(ConnectionOptions o) {
        return external ? db : new DbConfig(db.url(), LocalPostgres.READER, Credentials.loadOrCreate(o.dataDir).readerPassword());
    }

    private static WorkflowServiceStubs stubs(String target, String token, boolean tls) {
        return WorkflowServiceStubs.newServiceStubs(TemporalToken.stubsOptions(target, token).setEnableHttps(tls).build());
    }

    /**
     * Before a study is submitted or a worker polls: fails fast, naming the service, when Temporal
     * (or S3, with {@code s3}) cannot be reached or refuses the credentials, and brings an external
     * database's schema up to date (the embedded stack migrates its own). Every wait is bounded.
     * On failure these services are closed.
     */
    Services ready(boolean s3) {
        try {
            try {
                stubs.connect(PROBE_TIMEOUT);
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot reach Temporal at " + temporalTarget + " within "
                        + PROBE_TIMEOUT.toSeconds() + " s: " + e.getMessage(), e);
            }
            if (s3) {
                artifacts.checkAccess();
            }
            if (external) {
                new Database(db).migrate();
            }
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
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
            UpCommand.unpublish(published);
            stack.close();
        }
    }
}
