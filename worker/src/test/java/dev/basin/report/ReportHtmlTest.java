package dev.basin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportHtmlTest {
    private static final Pattern FIGURE = Pattern.compile("(?s)<figure class=\"figure\"([^>]*)>(.*?)</figure>");
    private static final Pattern ATTR = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");

    @Test
    void thePageIsSelfContained() {
        String html = ReportHtml.page(List.of(HandFigures.report("a")), "2026-01-01T00:00:00Z");
        assertFalse(Pattern.compile("(?i)(src|href)\\s*=\\s*\"?\\s*(https?:)?//").matcher(html).find(), html);
        for (String external : List.of("<script", "<link", "<img", "<iframe", "@import", "url(http", "url(//")) {
            assertFalse(html.toLowerCase().contains(external), external);
        }
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<style>"));
        // every link is to a place on the page or a file beside it
        Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        while (href.find()) {
            assertTrue(href.group(1).matches("#[a-z0-9-]+|[a-z0-9-]+\\.(svg|csv)"), href.group(1));
        }
    }

    @Test
    void everyFigureIsOnThePageWithItsAttributes() {
        Report report = HandFigures.report("a");
        Map<String, Map<String, String>> figures = figures(ReportHtml.page(List.of(report), "now"));
        assertEquals(report.figures().stream().map(Figure::id).toList(), new ArrayList<>(figures.keySet()));
        for (Figure f : report.figures()) {
            Map<String, String> a = figures.get(f.id());
            assertEquals("fig-" + f.id(), a.get("id"));
            assertEquals(f.status().text(), a.get("data-status"));
            assertEquals(f.view(), a.get("data-view"));
            assertEquals("a", a.get("data-study"));
        }
    }

    @Test
    void aDrawnFigureCarriesItsSvgDataAndLinks() {
        String html = ReportHtml.page(List.of(HandFigures.report("a")), "now");
        String body = body(html, "training-loss");
        assertTrue(body.contains("data-kind=\"plot\""), body);
        Map<String, double[]> ranges = Comparison.rootRanges(body);
        assertEquals(0.0, ranges.get("x")[0]);
        assertEquals(10.0, ranges.get("x")[1]);
        assertEquals(2.5, ranges.get("y")[1]);
        assertTrue(body.contains("<circle class=\"point\" data-x=\"0.0\" data-y=\"0.1\""), body);
        assertFalse(body.contains("<?xml"), "the XML declaration cannot sit inside HTML");
        assertTrue(body.contains("<a class=\"download\" href=\"training-loss.svg\""), body);
        assertTrue(body.contains("<a class=\"download\" href=\"training-loss.csv\""), body);
        assertTrue(body.contains("Data (CSV, 3 rows)"), body);
        // the caption is text, not markup
        assertTrue(body.contains("<figcaption>Caption of training-loss &lt;with&gt; &amp; &#39;marks&#39;.</figcaption>"));
        // each figure's ids are its own, so two figures drawn alike do not clip with each other's paths
        assertTrue(body.contains("id=\"fig-training-loss-clip\"") && body.contains("url(#fig-training-loss-clip)"), body);
        assertTrue(body(html, "training-accuracy").contains("url(#fig-training-accuracy-clip)"));
    }

    @Test
    void theQueryIsARunnableBasinSqlCommand() {
        String html = ReportHtml.page(List.of(HandFigures.report("a")), "now");
        assertTrue(html.contains("<pre class=\"sql\">basin sql &quot;SELECT epoch, loss FROM member_epochs WHERE study ="
                + " &#39;a&#39; AND note = \\&quot;\\$HOME\\&quot;&quot;</pre>"), html);
        assertEquals("basin sql \"a \\\\ \\` \\$x \\\"q\\\"\"", ReportHtml.basinSql(" a \\ ` $x \"q\" "));
        assertTrue(body(html, "cosine-finals").contains("<code>similarity</code>"));
    }

    @Test
    void aPendingFigureSaysWhatItWaitsForAndLinksNothing() {
        String body = body(ReportHtml.page(List.of(HandFigures.report("a")), "now"), "tsne");
        assertTrue(body.contains("Waits for the stages tsne/0 and tsne/1."), body);
        assertTrue(body.contains("status-pending"), body);
        assertFalse(body.contains("<svg"), body);
        assertFalse(body.contains("class=\"download\""), body);
        assertTrue(body.contains("<pre class=\"sql\">basin sql &quot;SELECT * FROM tsne&quot;</pre>"), body);
        String empty = body(ReportHtml.page(List.of(HandFigures.report("a")), "now"), "shift-accuracy");
        assertTrue(empty.contains("href=\"shift-accuracy.csv\"") && !empty.contains(".svg"), empty);
    }

    @Test
    void aFailedSectionShowsItsError() {
        Report r = new Report("a", List.of(new Report.Part("Loss plane",
                List.of(Figure.failed("section-loss-plane", "Loss plane", "This section failed: no column x")))));
        Map<String, String> a = figures(ReportHtml.page(List.of(r), "now")).get("section-loss-plane");
        assertEquals("failed", a.get("data-status"));
        assertTrue(body(ReportHtml.page(List.of(r), "now"), "section-loss-plane").contains("no column x"));
    }

    @Test
    void theTableOfContentsListsEveryPartAndFigure() {
        String html = ReportHtml.page(List.of(HandFigures.report("a")), "now");
        String toc = html.substring(html.indexOf("<nav class=\"toc\">"), html.indexOf("</nav>"));
        for (String part : List.of("Training", "Similarity", "Shift")) {
            assertTrue(toc.contains(">" + part + "</a>"), part);
        }
        for (Figure f : HandFigures.report("a").figures()) {
            assertTrue(toc.contains("<a href=\"#fig-" + f.id() + "\">" + f.title() + "</a>"), f.id());
        }
        assertTrue(html.contains("5 figures (3 drawn, 1 pending, 1 empty)"), html);
    }

    @Test
    void theSameReportsGiveTheSameBytesApartFromTheGenerationTime() {
        List<Report> r = List.of(HandFigures.report("a"));
        String one = ReportHtml.page(r, "2026-01-01T00:00:00Z");
        String two = ReportHtml.page(List.of(HandFigures.report("a")), "2030-12-31T23:59:59Z");
        assertNotEquals(one, two);
        assertEquals(withoutGenerated(one), withoutGenerated(two));
        assertEquals(1, one.split("2026-01-01T00:00:00Z", -1).length - 1, "the time appears once");
    }

    @Test
    void aComparisonShowsBothStudiesSideBySide() {
        Report a = HandFigures.report("a");
        Report b = new Report("b", List.of(new Report.Part("Training", List.of(
                HandFigures.drawnPlot("training-loss", new double[] {0, 20}, new double[] {0, 3})))));
        String html = ReportHtml.page(List.of(a, b), "now");
        assertTrue(html.contains("<title>Basin report: a vs b</title>"), html);
        Matcher pairs = Pattern.compile("<div class=\"pair\" id=\"cmp-([a-z0-9-]+)\"").matcher(html);
        List<String> ids = new ArrayList<>();
        while (pairs.find()) {
            ids.add(pairs.group(1));
        }
        assertEquals(a.figures().stream().map(Figure::id).toList(), ids);
        assertTrue(html.contains("id=\"fig-a--training-loss\"") && html.contains("id=\"fig-b--training-loss\""));
        assertTrue(html.contains("href=\"a/training-loss.svg\"") && html.contains("href=\"b/training-loss.csv\""));
        assertTrue(html.contains("<div class=\"absent\" data-figure=\"tsne\" data-study=\"b\">"), html);
        // a's figure comes before b's in each pair
        assertTrue(html.indexOf("id=\"fig-a--training-loss\"") < html.indexOf("id=\"fig-b--training-loss\""));
    }

    @Test
    void badIdsAndEmptyInputAreRefused() {
        Report bad = new Report("a", List.of(new Report.Part("P", List.of(HandFigures.pending("../x")))));
        assertThrows(IllegalArgumentException.class, () -> ReportHtml.page(List.of(bad), "now"));
        assertThrows(IllegalArgumentException.class, () -> ReportHtml.page(List.of(), "now"));
        Report twice = new Report("a", List.of(new Report.Part("P", List.of(HandFigures.pending("x"),
                HandFigures.pending("x")))));
        assertThrows(IllegalArgumentException.class, () -> ReportHtml.page(List.of(twice), "now"));
    }

    @Test
    void aReportWithoutFiguresSaysSo() {
        String html = ReportHtml.page(List.of(new Report("a", List.of())), "now");
        assertTrue(html.contains("class=\"nothing\""), html);
        assertFalse(html.contains("<figure"), html);
    }

    static String withoutGenerated(String html) {
        return html.replaceAll("<p class=\"generated\">.*</p>", "");
    }

    /** Each figure's attributes, by figure id, in page order. */
    static Map<String, Map<String, String>> figures(String html) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Matcher m = FIGURE.matcher(html);
        while (m.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher a = ATTR.matcher(m.group(1));
            while (a.find()) {
                attributes.put(a.group(1), a.group(2));
            }
            out.put(attributes.get("data-figure"), attributes);
        }
        return out;
    }

    static String body(String html, String id) {
        Matcher m = FIGURE.matcher(html);
        while (m.find()) {
            if (m.group(1).contains("data-figure=\"" + id + "\"")) {
                return m.group(2);
            }
        }
        throw new AssertionError("no figure " + id);
    }
}
