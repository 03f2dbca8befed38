package dev.basin.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.db.QueryResult;
import dev.basin.db.TableFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    @TempDir Path dir;

    @Test
    void writesThePageEverySvgAndEveryCsv() throws IOException {
        Report report = HandFigures.report("a");
        Path out = dir.resolve("reports/a");
        Path page = ReportWriter.write(List.of(report), out, "t");
        assertEquals(out.toAbsolutePath().resolve("report.html"), page);
        assertEquals(Set.of("report.html", ".basin-report", "training-loss.svg", "training-loss.csv",
                "training-accuracy.svg", "training-accuracy.csv", "cosine-finals.svg", "cosine-finals.csv",
                "shift-accuracy.csv"), names(out));
        Figure loss = report.figures().get(0);
        assertEquals(loss.svg(), Files.readString(out.resolve("training-loss.svg")));
        String csv = Files.readString(out.resolve("training-loss.csv"));
        assertEquals(TableFormat.csv(new QueryResult(loss.data().columns(), loss.data().rows())), csv);
        assertEquals("epoch,loss,note\r\n0,0.5,\"a,\"\"b\"\"\"\r\n1,,\"a,\"\"b\"\"\"\r\n2,0.5,\"a,\"\"b\"\"\"\r\n", csv);
        assertEquals("severity\r\n", Files.readString(out.resolve("shift-accuracy.csv")));
        assertEquals(ReportHtml.page(List.of(report), "t"), Files.readString(page));
        for (String href : hrefs(Files.readString(page))) {
            assertTrue(Files.isRegularFile(out.resolve(href)), href);
        }
    }

    @Test
    void theSameReportGivesTheSameBytes() throws IOException {
        Path one = ReportWriter.write(List.of(HandFigures.report("a")), dir.resolve("one"), "t").getParent();
        Path two = ReportWriter.write(List.of(HandFigures.report("a")), dir.resolve("two"), "t").getParent();
        assertEquals(names(one), names(two));
        for (String name : names(one)) {
            assertArrayEquals(Files.readAllBytes(one.resolve(name)), Files.readAllBytes(two.resolve(name)), name);
        }
    }

    @Test
    void aNewReportReplacesTheOldOneAndKeepsOtherFiles() throws IOException {
        Path out = dir.resolve("r");
        ReportWriter.write(List.of(HandFigures.report("a")), out, "t1");
        Files.writeString(out.resolve("notes.txt"), "mine");
        Figure moved = HandFigures.drawnPlot("training-loss", new double[] {5, 6}, new double[] {7, 8});
        Report smaller = new Report("a", List.of(new Report.Part("Training", List.of(moved))));
        ReportWriter.write(List.of(smaller), out, "t2");
        assertEquals(Set.of("report.html", ".basin-report", "training-loss.svg", "training-loss.csv", "notes.txt"),
                names(out));
        assertEquals(moved.svg(), Files.readString(out.resolve("training-loss.svg")));
        assertTrue(Files.readString(out.resolve("report.html")).contains("t2"));
        assertEquals(Set.of("r"), entries(dir), "no temporary folder is left beside the report");
    }

    @Test
    void aReportThatCannotBeWrittenLeavesTheOldOneWhole() throws IOException {
        Path out = dir.resolve("r");
        ReportWriter.write(List.of(HandFigures.report("a")), out, "t1");
        Set<String> before = names(out);
        String page = Files.readString(out.resolve("report.html"));
        Report bad = new Report("a", List.of(new Report.Part("P", List.of(
                HandFigures.drawnPlot("training-loss", new double[] {0, 1}, new double[] {0, 1}),
                HandFigures.pending("../../escape")))));
        assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(List.of(bad), out, "t2"));
        assertEquals(before, names(out));
        assertEquals(page, Files.readString(out.resolve("report.html")));
        assertEquals(Set.of("r"), entries(dir));
        assertFalse(Files.exists(dir.resolve("escape.svg")));
    }

    @Test
    void anOutputThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(List.of(HandFigures.report("a")), file, "t"));
        assertEquals("x", Files.readString(file));
    }

    @Test
    void aComparisonKeepsEachStudysFilesInItsOwnFolder() throws IOException {
        Report b = new Report("b", List.of(new Report.Part("Training", List.of(
                HandFigures.drawnPlot("training-loss", new double[] {0, 20}, new double[] {0, 3})))));
        Path out = dir.resolve("a-vs-b");
        Path page = ReportWriter.write(List.of(HandFigures.report("a"), b), out, "t");
        Set<String> names = names(out);
        assertTrue(names.containsAll(List.of("a/training-loss.svg", "a/cosine-finals.csv",
                "b/training-loss.svg", "b/training-loss.csv")), names.toString());
        assertFalse(names.contains("training-loss.svg"));
        List<String> hrefs = hrefs(Files.readString(page));
        assertTrue(hrefs.contains("b/training-loss.svg"), hrefs.toString());
        for (String href : hrefs) {
            assertTrue(Files.isRegularFile(out.resolve(href)), href);
        }
        // a second comparison without b's figure removes b's files and its emptied folder
        ReportWriter.write(List.of(HandFigures.report("a"), new Report("b", List.of())), out, "t");
        assertFalse(Files.exists(out.resolve("b")));
    }

    /** Every file under {@code root}, as '/'-separated relative paths. */
    static Set<String> names(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            Set<String> out = new TreeSet<>();
            s.filter(Files::isRegularFile).forEach(p -> out.add(root.relativize(p).toString().replace('\\', '/')));
            return out;
        }
    }

    /** What {@code dir} itself holds, files and folders. */
    static Set<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            Set<String> out = new TreeSet<>();
            s.forEach(p -> out.add(p.getFileName().toString()));
            return out;
        }
    }

    static List<String> hrefs(String html) {
        Matcher m = Pattern.compile("class=\"download\" href=\"([^\"]+)\"").matcher(html);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
