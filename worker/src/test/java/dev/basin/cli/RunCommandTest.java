package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.artifacts.ArtifactRef;
import dev.basin.artifacts.ArtifactStore;
import dev.basin.artifacts.S3Config;
import dev.basin.engine.DataConfig;
import dev.basin.engine.data.Datasets;
import dev.basin.engine.data.SyntheticIdx;
import dev.basin.engine.io.Npy;
import dev.basin.engine.metrics.Metrics;
import dev.basin.engine.metrics.Scores;
import dev.basin.infra.EmbeddedStack;
import dev.basin.infra.Endpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code basin run} end to end on the real embedded stack (Temporal test server, s3proxy, embedded
 * PostgreSQL): 2 members, 1 epoch, 2,000 synthetic training images in Fashion-MNIST's IDX format.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunCommandTest {
    @TempDir static Path dir;
    static Path state;
    static Cli.Output run;

    @BeforeAll
    static void runStudy() throws Exception {
        Path data = dir.resolve("idx");
        SyntheticIdx.writeFolder(data, 2000, 500, 7, true);
        Path spec = dir.resolve("e2e.yaml");
        Files.writeString(spec, """
                study: e2e
                seed: 7
                data: {dataset: fashion-mnist, path: %s}
                model: small-cnn
                train: {members: 2, epochs: 1, batchSize: 64, lr: 0.05}
                """.formatted(data));
        state = dir.resolve("state");
        run = Cli.run("run", spec.toString(), "--data-dir", state.toString(), "--quiet", "--threads", "2",
                "--serve", "--serve-port", "0");
    }

    @Test
    @Order(1)
    void runExitsCleanlyWithASummary() {
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("Deep ensemble of the first n members"), run.out());
        // a member's progress line: mid-epoch, or only its end when the run outpaces the view's polling
        assertTrue(run.out().matches("(?s).*member 1: (epoch 1/1|done \\(step 32\\)).*"), run.out());
        assertTrue(run.out().matches("(?s).*stages: \\d+ of \\d+ finished; running [^\\n]*train/member-000.*"), run.out());
    }

    @Test
    @Order(1)
    void runServesTheDashboardWhileItRunsAndStopsItAtTheEnd() throws Exception {
        java.util.regex.Matcher url = java.util.regex.Pattern
                .compile("Dashboard: http://127\\.0\\.0\\.1:(\\d+)/\\?token=[A-Za-z0-9_-]{22}\n").matcher(run.out());
        assertTrue(url.find(), run.out());
        int port = Integer.parseInt(url.group(1));
        assertTrue(run.out().indexOf("Dashboard: ") < run.out().indexOf("Deep ensemble"), "printed before the summary");
        // The dashboard stopped with the run: nothing listens on its port any more.
        org.junit.jupiter.api.Assertions.assertThrows(java.net.ConnectException.class,
                () -> new java.net.Socket("127.0.0.1", port).close());
    }

    @Test
    @Order(2)
    void everyNumberIsInPostgresAndEveryTensorInS3() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.start(state)) {
            Endpoints e = stack.endpoints();
            try (Connection c = DriverManager.getConnection(e.dbUrl(), e.dbUser(), e.dbPassword())) {
                assertEquals(List.of("completed"), column(c, "SELECT status FROM study WHERE name = 'e2e'"));
                assertEquals(List.of("checkpoint 0 1", "checkpoint 1 1", "final 0 1", "final 1 1"),
                        column(c, "SELECT kind || ' ' || member || ' ' || epoch FROM model ORDER BY kind, member"));
                assertEquals(List.of("16"), column(c, "SELECT count(*) FROM metric WHERE study = 'e2e'"));
                assertEquals(List.of("1", "2"), column(c, "SELECT size FROM ensemble_metrics WHERE study = 'e2e' ORDER BY size"));
                // the training curve: one row per member and epoch, measured on the first sixth-of-the-training-set
                // (334) test points; after the only epoch the weights are the final model's, so its metrics are
                // those of the final's stored predictions on those points
                assertEquals(List.of("2"), column(c, "SELECT count(*) FROM training_curve WHERE study = 'e2e'"
                        + " AND epoch = 1 AND step = 32 AND test_points = 334 AND train_loss > 0 AND seconds > 0"
                        + " AND images_per_sec > 0"));
                curveMatchesTheFinalsPredictions(c, e);
                List<String> accuracies = column(c, "SELECT accuracy FROM member_metrics WHERE study = 'e2e' AND kind = 'final'");
                assertEquals(2, accuracies.size());
                for (String a : accuracies) {
                    assertTrue(Double.parseDouble(a) > 0.5, "synthetic classes are easy to learn: " + a);
                }
                var s3 = new ArtifactStore(new S3Config(e.s3Endpoint(), e.s3Region(), e.bucket()),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(e.s3AccessKey(), e.s3SecretKey())));
                try (s3; var rs = c.createStatement().executeQuery("SELECT artifact_key, sha256, bytes FROM prediction")) {
                    int n = 0;
                    while (rs.next()) {
                        INDArray p = Npy.read(s3.get(new ArtifactRef(rs.getString(1), rs.getString(2), rs.getLong(3))));
                        assertArrayEquals(new long[] {500, 10}, p.shape());
                        n++;
                    }
                    assertEquals(2, n);
                }
            }
        }
    }

    @Test
    @Order(3)
    void sqlQueriesTheStudyDatabase() {
        Cli.Output sql = Cli.run("sql", "SELECT kind, count(*) AS n FROM model GROUP BY kind ORDER BY kind",
                "--data-dir", state.toString(), "--csv");
        assertEquals(0, sql.code(), sql.err());
        assertEquals("kind,n\r\ncheckpoint,2\r\nfinal,2\r\n", sql.out());
    }

    @Test
    @Order(4)
    void sqlRefusesToWrite() {
        Cli.Output sql = Cli.run("sql", "DELETE FROM metric", "--data-dir", state.toString());
        assertEquals(1, sql.code());
        assertTrue(sql.err().contains("read-only"), sql.err());
    }

    private static List<String> column(Connection c, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** Each member's epoch-1 test accuracy and NLL equal its final predictions' on the first 334 test points. */
    private static void curveMatchesTheFinalsPredictions(Connection c, Endpoints e) throws Exception {
        int[] labels = Arrays.copyOf(Datasets.load(new DataConfig("fashion-mnist", dir.resolve("idx").toString(), 0, 0))
                .test().labels(), 334);
        var s3 = new ArtifactStore(new S3Config(e.s3Endpoint(), e.s3Region(), e.bucket()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(e.s3AccessKey(), e.s3SecretKey())));
        try (s3; var rs = c.createStatement().executeQuery("SELECT p.artifact_key, p.sha256, p.bytes, t.test_accuracy,"
                + " t.test_nll FROM prediction p JOIN model m ON m.id = p.model_id AND m.kind = 'final'"
                + " JOIN training_curve t ON t.study = m.study AND t.member = m.member AND t.epoch = 1"
                + " WHERE m.study = 'e2e'")) {
            int n = 0;
            while (rs.next()) {
                INDArray p = Npy.read(s3.get(new ArtifactRef(rs.getString(1), rs.getString(2), rs.getLong(3))));
                Scores first = Metrics.score(p.get(NDArrayIndex.interval(0, 334), NDArrayIndex.all()).dup(), labels);
                assertEquals(first.accuracy(), rs.getDouble(4), 1e-12);
                assertEquals(first.nll(), rs.getDouble(5), 1e-5);
                n++;
            }
            assertEquals(2, n);
        }
    }
}
