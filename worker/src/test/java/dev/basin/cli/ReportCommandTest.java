package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.data.SyntheticIdx;
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

    private static void assertEveryLinkedFileExists(Path page) throws IOException {
        assertTrue(Files.isRegularFile(page), page.toString());
        Matcher href = Pattern.compile("href=\"([^\"#][^\"]*)\"").matcher(Files.readString(page));
        while (href.find()) {
            assertTrue(Files.isRegularFile(page.getParent().resolve(href.group(1))), href.group(1));
        }
    }
}
