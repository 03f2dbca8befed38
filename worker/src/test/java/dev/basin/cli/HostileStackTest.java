package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.basin.infra.LocalS3;
import dev.basin.infra.TemporalToken;
import dev.basin.worker.BasinWorker;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Hostile input that reaches a running stack: wrong credentials, an unreachable service, a database
 * from a newer Basin, writes through {@code basin sql}, a dataset that only the worker finds
 * missing. The stack is a real embedded one, started by this test; the CLI reaches it in external
 * mode ({@code --temporal --db-url --db-password-file --bucket --s3-endpoint}, S3 keys from the AWS
 * default chain's system properties). Every case counts the rows of {@code study}, {@code model}
 * and {@code metric} and the objects in the bucket before and after: nothing may change. Last, the
 * same folder is served by {@code basin up} in its own process, and no secret of the folder may
 * appear in anything printed by any of these commands (part 9).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileStackTest {
    @TempDir static Path dir;
    static EmbeddedStack stack;
    static Endpoints e;
    static S3Client s3;
    static Path password;
    static Path token;
    static Path data;
    /** Everything the CLI printed in this class, for the check that no secret was among it. */
    static final List<String> printed = new ArrayList<>();

    record Counts(long studies, long models, long metrics, long objects) {}

    @BeforeAll
    static void startStack() throws Exception {
        stack = EmbeddedStack.start(dir.resolve("stack"));
        e = stack.endpoints();
        password = Files.writeString(dir.resolve("db-password"), e.dbPassword() + "\n");
        token = Files.writeString(dir.resolve("temporal-token"), e.temporalToken() + "\n");
        data = dir.resolve("data");
        SyntheticIdx.writeFolder(data, 200, 50, 5, true);
        s3 = LocalS3.client(URI.create(e.s3Endpoint()), e.s3AccessKey(), e.s3SecretKey());
        // Something to lose: a study row and an object that a successful write would change.
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("insert into study (name, spec, spec_hash,"
                + " seed, status, code_version, threads) values ('seeded', 'study: seeded', 'h', 1, 'completed', 't', 1)")) {
            ps.executeUpdate();
        }
        s3.putObject(b -> b.bucket(e.bucket()).key("seeded/object"), RequestBody.fromString("x"));
        System.setProperty("aws.accessKeyId", e.s3AccessKey());
        System.setProperty("aws.secretAccessKey", e.s3SecretKey());
    }

    @AfterAll
    static void stopStack() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        if (s3 != null) {
            s3.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void wrongS3CredentialsFailBeforeAnythingIsSubmitted() {
        System.setProperty("aws.secretAccessKey", "wrong-secret-key-0000000000");
        try {
            unchangedAfter(1, List.of("S3 refused the credentials for bucket basin at " + e.s3Endpoint(), "HTTP 403"),
                    external("run", spec("wrong-s3")));
        } finally {
            System.setProperty("aws.secretAccessKey", e.s3SecretKey());
        }
    }

    @Test
    @Order(2)
    void aMissingBucketIsNamed() {
        List<String> args = external("run", spec("no-bucket"));
        args.set(args.indexOf(e.bucket()), "no-such-bucket");
        unchangedAfter(1, List.of("bucket no-such-bucket at " + e.s3Endpoint() + " does not exist"), args);
    }

    @Test
    @Order(3)
    void unreachableS3FailsFast() {
        List<String> args = external("run", spec("no-s3"));
        args.set(args.indexOf(e.s3Endpoint()), "http://127.0.0.1:1");
        unchangedAfter(1, List.of("cannot reach S3 for bucket basin at http://127.0.0.1:1"), args);
    }

    @Test
    @Order(4)
    void unreachableTemporalFailsFast() {
        List<String> args = external("run", spec("no-temporal"));
        args.set(args.indexOf(e.temporalTarget()), "127.0.0.1:1");
        unchangedAfter(1, List.of("cannot reach Temporal at 127.0.0.1:1"), args);
    }

    @ParameterizedTest(name = "basin {0}")
    @MethodSource("databaseCommands")
    @Order(5)
    void wrongDatabasePasswordIsNamedAndNothingIsWritten(String command) throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong-password"), "not-the-password\n");
        String argument = switch (command) {
            case "sql" -> "SELECT 1";
            case "status" -> "wrong-db";
            default -> spec("wrong-db");
        };
        List<String> args = external(command, argument);
        args.set(args.indexOf(password.toString()), wrong.toString());
        unchangedAfter(1, List.of("cannot connect to PostgreSQL at " + e.dbUrl() + " as basin",
                "password authentication failed"), args);
    }

    static Stream<String> databaseCommands() {
        return Stream.of("run", "submit", "sql", "status");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    @Order(6)
    void sqlRefusesEveryWrite(String statement, String expected) throws Exception {
        unchangedAfter(1, List.of(expected), external("sql", statement));
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("SELECT name FROM study")) {
            assertTrue(rs.next(), "the study table and its row survive");
            assertEquals("seeded", rs.getString(1));
        }
    }

    static Stream<Arguments> writes() {
        String readOnly = "basin sql is read-only";
        String single = "basin sql runs a single statement";
        return Stream.of(
                Arguments.of("DELETE FROM study", readOnly),
                Arguments.of("DROP TABLE study", readOnly),
                Arguments.of("TRUNCATE study CASCADE", readOnly),
                Arguments.of(
                        "INSERT INTO study (name, spec, spec_hash, seed, status, code_version, threads)"
                                + " VALUES ('x', 's', 'h', 1, 'running', 'c', 1)", readOnly),
                Arguments.of("UPDATE study SET status = 'failed'", readOnly),
                Arguments.of(
                        "WITH gone AS (DELETE FROM study RETURNING name) SELECT * FROM gone", readOnly),
                Arguments.of("SELECT 1; DROP TABLE study", single),
                Arguments.of("COMMIT; DELETE FROM study", single),
                Arguments.of(
                        "SELECT set_config('transaction_read_only', 'off', false)", "read-write mode"),
                Arguments.of("SELEC 1", "syntax error at or near \"SELEC\""),
                Arguments.of("SELECT * FROM no_such_table",
                        "relation \"no_such_table\" does not exist"),
                Arguments.of(" -- nothing\n", "no statement given"));
    }

    @Test
    @Order(7)
    void aDatabaseFromANewerBasinIsRefused() throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("""
                insert into flyway_schema_history (installed_rank, version, description, type, script, checksum,
                    installed_by, execution_time, success)
                values (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0, current_user, 1, true)""")) {
            ps.executeUpdate();
        }
        try {
            for (List<String> args : List.of(external("sql", "SELECT count(*) FROM study"), external("run", spec("future")))) {
                unchangedAfter(1, List.of("database schema version 99 is newer than this Basin", "upgrade Basin"), args);
            }
        } finally {
            try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                    "delete from flyway_schema_history where version = '99'")) {
                ps.executeUpdate();
            }
        }
    }

    /**
     * A dataset only the worker lacks (it is on another machine than the submitter): the training
     * activity's DataException is not retried, the study fails at once, and `basin submit --wait`
     * says why. The study row records the failure; no model, metric or object is written.
     */
    @Test
    @Order(8)
    void aDatasetMissingOnTheWorkerFailsTheStudyFast() throws Exception {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                TemporalToken.stubsOptions(e.temporalTarget(), e.temporalToken()).build());
        ArtifactStore artifacts = new ArtifactStore(new S3Config(e.s3Endpoint(), e.s3Region(), e.bucket()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(e.s3AccessKey(), e.s3SecretKey())));
        StudyStore store = new StudyStore(new Database(new DbConfig(e.dbUrl(), e.dbUser(), e.dbPassword())));
        var factory = BasinWorker.start(WorkflowClient.newInstance(stubs), new WorkerContext(artifacts, store,
                new DatasetCache(null), 1), new BasinWorker.Queues("hostile", "hostile-compute", 2));
        try {
            Path spec = Files.writeString(dir.resolve("broken.yaml"), """
                    study: broken-data
                    data: {dataset: fashion-mnist, path: /nonexistent/basin-data}
                    train: {members: 2, epochs: 1}
                    """);
            List<String> args = external("submit", spec.toString());
            // The password in the URL this time: it must be redacted wherever the URL is printed.
            int url = args.indexOf(e.dbUrl());
            args.set(url, e.dbUrl() + "?password=" + e.dbPassword());
            args.addAll(List.of("--wait", "--quiet", "--task-queue", "hostile", "--compute-queue", "hostile-compute"));
            Counts before = counts();
            Cli.Output out = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> cli(args));
            assertEquals(2, out.code(), out.err());
            assertTrue(out.err().contains("dataset folder /nonexistent/basin-data does not exist"), out.err());
            assertTrue(out.out().contains("password=***"), out.out());
            Counts after = counts();
            assertEquals(new Counts(before.studies() + 1, before.models(), before.metrics(), before.objects()), after);
            try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                    "select status from study where name = 'broken-data'")) {
                assertTrue(rs.next());
                assertEquals("failed", rs.getString(1));
            }
        } finally {
            BasinWorker.stop(factory);
            stubs.shutdownNow();
            artifacts.close();
        }
    }

    /**
     * Part 7: the CLI in external mode against the embedded Temporal without its token, or with a wrong
     * one, is refused (exit 1, UNAUTHENTICATED); the same command with the token reaches the workflow.
     */
    @Test
    @Order(9)
    void temporalRefusesTheCommandLineWithoutItsToken() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong-token"), "NotTheToken0123456789\n");
        List<String> none = external("cancel", "broken-data");
        none.remove(none.indexOf("--temporal-token-file") + 1);
        none.remove("--temporal-token-file");
        List<String> wrongToken = external("cancel", "broken-data");
        wrongToken.set(wrongToken.indexOf(token.toString()), wrong.toString());
        for (List<String> args : List.of(none, wrongToken)) {
            Cli.Output out = cli(args);
            assertEquals(1, out.code(), out.out());
            assertTrue(out.err().contains("Temporal refused the call (workflowId='study-broken-data'")
                    && out.err().contains("UNAUTHENTICATED: missing or wrong bearer token"), out.err());
        }
        Cli.Output right = cli(external("cancel", "broken-data"));
        assertEquals(Basin.BAD_INPUT, right.code(), right.out());
        assertTrue(right.err().contains("study 'broken-data' is not running: its last run ended failed"), right.err());
    }

    /**
     * Part 9, the flow a user sees: {@code basin up} over this test's data folder in its own process
     * (this test's stack stopped first; the folder keeps its database and its secrets), then
     * {@code status} and {@code sql} against the stack it serves, on success and on error paths.
     */
    @Test
    @Order(10)
    void basinUpAndTheCommandsUsingItWork() throws Exception {
        stack.close();
        stack = null;
        String d = dir.resolve("stack").toString();
        try (Secrets.BasinUp up = new Secrets.BasinUp(dir.resolve("stack"))) {
            Cli.Output studies = cli(List.of("status", "--data-dir", d));
            assertEquals(0, studies.code(), studies.err());
            assertTrue(studies.out().contains("broken-data"), studies.out());
            Cli.Output query = cli(List.of("sql", "SELECT current_user, count(*) FROM study", "--data-dir", d));
            assertEquals(0, query.code(), query.err());
            Cli.Output shadow = cli(List.of("sql", "SELECT passwd FROM pg_shadow", "--data-dir", d));
            assertEquals(1, shadow.code(), "the basin role is no superuser: " + shadow.out());
            Cli.Output noStudy = cli(List.of("status", "nosuch", "--data-dir", d));
            assertEquals(2, noStudy.code());
            assertTrue(noStudy.err().contains("no study named 'nosuch'"), noStudy.err());
            up.close();
            assertTrue(up.output().contains("postgresql "), "basin up lists its endpoints: " + up.output());
            printed.add(up.output());
        }
        assertFalse(Files.exists(dir.resolve("stack").resolve("endpoints.properties")), "removed when up stops");
    }

    /** Part 9: nothing Basin printed in this class, `basin up` included, holds a secret of the stack. */
    @Test
    @Order(11)
    void noSecretWasEverPrinted() throws Exception {
        assertTrue(printed.size() > 40, "outputs collected: " + printed.size());
        List<String> secrets = Secrets.secrets(dir.resolve("stack"));
        for (String text : printed) {
            for (String secret : secrets) {
                assertFalse(text.contains(secret), "a secret from credentials.properties was printed:\n" + text);
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /** Runs the CLI and checks the exit code, the message, and that no row or object changed. */
    private static void unchangedAfter(int code, List<String> expected, List<String> args) {
        Counts before = counts();
        Cli.Output out = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> cli(args));
        assertEquals(code, out.code(), "exit code; stderr: " + out.err());
        for (String fragment : expected) {
            assertTrue(out.err().contains(fragment), "stderr lacks '" + fragment + "': " + out.err());
        }
        assertEquals(before, counts(), "nothing may be written");
    }

    /** The CLI with the stack's endpoints given as external ones; S3 keys come from system properties. */
    private static List<String> external(String command, String argument) {
        return new ArrayList<>(List.of(command, argument, "--temporal", e.temporalTarget(), "--db-url", e.dbUrl(),
                "--db-password-file", password.toString(), "--temporal-token-file", token.toString(),
                "--bucket", e.bucket(), "--s3-endpoint", e.s3Endpoint(),
                "--data-dir", dir.resolve("unused").toString()));
    }

    private static Cli.Output cli(List<String> args) {
        Cli.Output out = Secrets.capturingStderr(() -> Cli.run(args.toArray(String[]::new)));
        synchronized (printed) {
            printed.add(out.out());
            printed.add(out.err());
        }
        return out;
    }

    private static String spec(String name) {
        try {
            return Files.writeString(dir.resolve(name + ".yaml"), """
                    study: %s
                    data: {dataset: fashion-mnist, path: %s}
                    train: {members: 1, epochs: 1, batchSize: 50}
                    """.formatted(name, data)).toString();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(e.dbUrl(), e.dbUser(), e.dbPassword());
    }

    private static Counts counts() {
        try (Connection c = connect()) {
            long objects = s3.listObjectsV2Paginator(b -> b.bucket(e.bucket())).contents().stream().count();
            return new Counts(count(c, "study"), count(c, "model"), count(c, "metric"), objects);
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        // table is one of three constants above, never input
        try (ResultSet rs = c.createStatement().executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
