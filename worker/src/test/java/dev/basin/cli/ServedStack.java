package dev.basin.cli;

import dev.basin.activities.DatasetCache;
import dev.basin.activities.WorkerContext;
import dev.basin.artifacts.ArtifactStore;
import dev.basin.artifacts.S3Config;
import dev.basin.db.Database;
import dev.basin.db.DbConfig;
import dev.basin.db.StudyStore;
import dev.basin.infra.EmbeddedStack;
import dev.basin.infra.Endpoints;
import dev.basin.infra.LocalS3;
import dev.basin.infra.TemporalToken;
import dev.basin.worker.BasinWorker;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One embedded stack (Temporal test server, s3proxy, embedded PostgreSQL) shared by the CLI tests
 * that need it to outlive single commands, started once per test JVM and served the way
 * {@code basin up} serves it: its endpoints file is in the data folder, so every
 * {@code Cli.run(..., "--data-dir", dir)} attaches to it. One Basin worker (both queues, two slots of
 * one engine thread) runs in this JVM.
 *
 * <p>Why this route: the CLI's external mode reads the PostgreSQL password and the S3 credentials
 * from the environment only, which a test cannot set in its own JVM; the endpoints file is the
 * mechanism {@code basin up} uses for exactly this, and carries the stack's generated credentials.
 * Inject it with {@code @ExtendWith(ServedStack.Resolver.class)}; JUnit closes it after the last test.
 */
final class ServedStack implements ExtensionContext.Store.CloseableResource {
    static final int THREADS = 1;

    final Path dataDir;
    final Endpoints endpoints;
    final StudyStore store;
    /** A client of the stack's Temporal, for tests that look at workflows behind the CLI's back. */
    final WorkflowClient client;
    private final EmbeddedStack stack;
    private final WorkflowServiceStubs stubs;
    private final ArtifactStore artifacts;
    private final WorkerFactory worker;

    private ServedStack(Path dataDir) {
        this.dataDir = dataDir;
        this.stack = EmbeddedStack.start(dataDir);
        this.endpoints = stack.endpoints();
        UpCommand.write(dataDir, endpoints);
        this.stubs = WorkflowServiceStubs.newServiceStubs(
                TemporalToken.stubsOptions(endpoints.temporalTarget(), endpoints.temporalToken()).build());
        this.artifacts = new ArtifactStore(new S3Config(endpoints.s3Endpoint(), endpoints.s3Region(), endpoints.bucket()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(endpoints.s3AccessKey(), endpoints.s3SecretKey())));
        this.store = new StudyStore(new Database(new DbConfig(endpoints.dbUrl(), endpoints.dbUser(), endpoints.dbPassword())));
        this.client = WorkflowClient.newInstance(stubs);
        this.worker = BasinWorker.start(client,
                new WorkerContext(artifacts, store, new DatasetCache(null), THREADS),
                new BasinWorker.Queues("basin", "basin-compute", 2));
    }

    /** Resolves a {@link ServedStack} parameter to the one of this test JVM. */
    static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ServedStack.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(ServedStack.class,
                    k -> {
                        try {
                            return new ServedStack(Files.createTempDirectory("basin-served-"));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, ServedStack.class);
        }
    }

    /** Runs the CLI against this stack: {@code --data-dir} is appended. */
    Cli.Output cli(String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--data-dir", dataDir.toString())).toArray(String[]::new);
        return Cli.run(all);
    }

    /** The first column of a parameterised query, as text. */
    List<String> column(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(endpoints.dbUrl(), endpoints.dbUser(), endpoints.dbPassword());
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Every row of a parameterised query, each column as text (null stays null). */
    List<List<String>> rows(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(endpoints.dbUrl(), endpoints.dbUser(), endpoints.dbPassword());
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>(n);
                    for (int k = 1; k <= n; k++) {
                        row.add(rs.getString(k));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A raw S3 client, for tests that tamper with stored objects behind Basin's back. */
    S3Client s3() {
        return LocalS3.client(URI.create(endpoints.s3Endpoint()), endpoints.s3AccessKey(), endpoints.s3SecretKey());
    }

    ArtifactStore artifacts() {
        return artifacts;
    }

    @Override
    public void close() throws IOException {
        BasinWorker.stop(worker);
        stubs.shutdown();
        artifacts.close();
        stack.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
