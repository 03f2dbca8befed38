package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.artifacts.ArtifactStore;
import dev.basin.artifacts.S3Config;
import dev.basin.db.Database;
import dev.basin.db.DbConfig;
import dev.basin.db.DbException;
import dev.basin.db.QueryResult;
import dev.basin.engine.data.SyntheticIdx;
import dev.basin.infra.Credentials;
import dev.basin.infra.EmbeddedStack;
import dev.basin.infra.Endpoints;
import dev.basin.infra.LocalPostgres;
import dev.basin.report.NoSuchStudyException;
import dev.basin.report.ReportContext;
import dev.basin.report.StudyContext;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code basin run} leaves a report, and {@code basin report} writes one, on the real embedded stack: one tiny study
 * (2 members, 1 epoch, 600 synthetic images), then the report read back from the files it names.
 */
class ReportCommandTest {
    @TempDir static Path dir;
    static Path state;
    static Cli.Output run;

    @BeforeAll
    static void runStudy() throws IOException {
        Path data = dir.resolve("idx");
        SyntheticIdx.writeFolder(data, 500, 100, 7, true);
        Path spec = dir.resolve("tiny.yaml");
        Files.writeString(spec, """
                study: tiny
                seed: 7
                data: {dataset: fashion-mnist, path: %s}
                model: small-cnn
                train: {members: 2, epochs: 1, batchSize: 50, lr: 0.05}
                """.formatted(data));
        state = dir.resolve("state");
        run = Cli.run("run", spec.toString(), "--data-dir", state.toString(), "--quiet", "--threads", "1",
                "--reports", dir.resolve("run-reports").toString());
    }

    @Test
    void runWritesTheReportAndSaysWhere() throws IOException {
        assertEquals(0, run.code(), run.err());
        Path page = dir.resolve("run-reports/tiny/report.html").toAbsolutePath();
        assertTrue(run.out().contains("Report: " + page), run.out());
        assertEveryLinkedFileExists(page);
    }

    @Test
    void reportWritesASelfContainedPage() throws IOException {
        Path out = dir.resolve("out");
        Cli.Output report = Cli.run("report", "tiny", "--out", out.toString(), "--data-dir", state.toString());
        assertEquals(0, report.code(), report.err());
        Path page = out.toAbsolutePath().resolve("report.html");
        assertEquals(page.toString(), report.out().strip());
        String html = Files.readString(page);
        assertTrue(html.contains("<h1>Basin report: tiny</h1>"), html);
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), html);
        assertEveryLinkedFileExists(page);
        // the spec asks for training only: its figures are drawn, and no section fails on such a study
        assertTrue(html.contains("id=\"fig-training-loss\" data-figure=\"training-loss\" data-study=\"tiny\""
                + " data-status=\"drawn\""), html);
        assertFalse(html.contains("data-status=\"failed\""), html);
        assertTrue(Files.isRegularFile(out.resolve("training-loss.svg")));
    }

    @Test
    void anUnknownStudyIsBadInputAndWritesNothing() {
        Path out = dir.resolve("unknown");
        Cli.Output report = Cli.run("report", "nope", "--out", out.toString(), "--data-dir", state.toString());
        assertEquals(2, report.code(), report.err());
        assertTrue(report.err().contains("no study named 'nope'; the studies are: tiny"), report.err());
        assertEquals("", report.out());
        assertFalse(Files.exists(out));
        Cli.Output pair = Cli.run("report", "tiny", "nope", "--out", out.toString(), "--data-dir", state.toString());
        assertEquals(2, pair.code(), pair.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void theSameStudyTwiceOrAFileForTheFolderIsBadInput() throws IOException {
        Cli.Output twice = Cli.run("report", "tiny", "tiny", "--data-dir", state.toString());
        assertEquals(2, twice.code(), twice.err());
        assertTrue(twice.err().contains("given twice"), twice.err());
        Path file = Files.writeString(dir.resolve("a-file"), "keep");
        Cli.Output onFile = Cli.run("report", "tiny", "--out", file.toString(), "--data-dir", state.toString());
        assertEquals(2, onFile.code(), onFile.err());
        assertTrue(onFile.err().contains("is a file"), onFile.err());
        assertEquals("keep", Files.readString(file));
    }

    @Test
    void theStudyContextReadsSpecStagesSqlPredictionsAndLabels() {
        try (EmbeddedStack stack = EmbeddedStack.start(state)) {
            Endpoints e = stack.endpoints();
            Database owner = new Database(new DbConfig(e.dbUrl(), e.dbUser(), e.dbPassword()));
            Database reader = new Database(new DbConfig(e.dbUrl(), LocalPostgres.READER,
                    Credentials.loadOrCreate(state).readerPassword()));
            try (ArtifactStore s3 = new ArtifactStore(new S3Config(e.s3Endpoint(), e.s3Region(), e.bucket()),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create(e.s3AccessKey(), e.s3SecretKey())))) {
                ReportContext c = StudyContext.open(reader, owner, s3, "tiny");
                assertEquals("tiny", c.study());
                assertEquals(2, c.spec().train().members());
                assertEquals(List.of("train/member-000", "train/member-001", "evaluate/member-000",
                        "evaluate/member-001", "ensembles/deep"), List.copyOf(c.stages().keySet()));
                assertTrue(c.finished("train/") && c.finished("ensembles/") && !c.finished("plane/"));
                // the reader role: reading works, writing does not
                QueryResult finals = c.query("SELECT model_id, accuracy FROM member_metrics WHERE study = 'tiny'"
                        + " AND kind = 'final' AND split = 'test' ORDER BY member");
                assertEquals(2, finals.rows().size());
                assertThrows(DbException.class, () -> c.query("DELETE FROM metric"));
                // every member's accuracy, recomputed from its stored predictions and the test labels, is SQL's
                int[] labels = c.testLabels();
                assertEquals(100, labels.length);
                for (List<String> row : finals.rows()) {
                    float[][] p = c.testPredictions(Long.parseLong(row.get(0)));
                    assertEquals(100, p.length);
                    assertEquals(10, p[0].length);
                    int right = 0;
                    for (int i = 0; i < p.length; i++) {
                        int best = 0;
                        for (int k = 1; k < p[i].length; k++) {
                            best = p[i][k] > p[i][best] ? k : best;
                        }
                        right += best == labels[i] ? 1 : 0;
                    }
                    assertEquals(Double.parseDouble(row.get(1)), right / 100.0, 1e-9, row.toString());
                }
                assertNull(c.testPredictions(-1));
                NoSuchStudyException missing = assertThrows(NoSuchStudyException.class,
                        () -> StudyContext.open(reader, owner, s3, "other"));
                assertEquals("no study named 'other'; the studies are: tiny", missing.getMessage());
            }
        }
    }

    private static void assertEveryLinkedFileExists(Path page) throws IOException {
        assertTrue(Files.isRegularFile(page), page.toString());
        Matcher href = Pattern.compile("href=\"([^\"#][^\"]*)\"").matcher(Files.readString(page));
        while (href.find()) {
            assertTrue(Files.isRegularFile(page.getParent().resolve(href.group(1))), href.group(1));
        }
    }
}
