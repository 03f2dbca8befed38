package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.basin.browser.Chromium;
import dev.basin.browser.Page;
import dev.basin.engine.data.SyntheticIdx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code basin report} of a small study with most analyses, opened from disk in headless Chromium: the page
 * loads with no error, asks for nothing beyond file: and data: URLs, shows every figure the spec asks for, and
 * the numbers the figures draw (read back from the SVG's data attributes) are the rows SQL gives.
 * The study: 3 half-width small CNNs, 2 epochs of 600 synthetic images; a 5×5 plane on 150 training images.
 */
@ExtendWith(ServedStack.Resolver.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportBrowserTest {
    private static final String STUDY = "browser-report";
    /** The figures the spec below asks for, by the fixed ids of the report. */
    private static final List<String> FIGURES = List.of("training-loss", "training-accuracy", "cosine-trajectory",
            "disagreement-trajectory", "cosine-finals", "disagreement-finals", "tsne", "reliability",
            "shift-accuracy", "shift-nll", "shift-brier", "shift-ece", "plane-0-train-loss", "plane-0-test-error",
            "plane-0-similarity", "diversity-accuracy", "ensemble-size-accuracy", "ensemble-size-nll",
            "ensemble-size-brier", "ensemble-size-ece", "swa-vs-sgd", "interpolation-loss", "interpolation-error");
    private static final int GRID = 5;

    @TempDir static Path dir;
    static ServedStack stack;
    static Chromium chromium;
    static Page page;
    static Path html;

    @BeforeAll
    static void reportOfAStudy(ServedStack served) throws IOException {
        stack = served;
        Path data = dir.resolve("idx");
        SyntheticIdx.writeFolder(data, 600, 200, 13, true);
        Path spec = Files.writeString(dir.resolve(STUDY + ".yaml"), """
                study: %s
                seed: 13
                data: {dataset: fashion-mnist, path: %s}
                model: {name: small-cnn, width: 0.5}
                train: {members: 3, epochs: 2, batchSize: 100, lr: 0.1}
                trajectory: {every: 1}
                similarity: {}
                tsne: {perplexity: 2}
                swa: {start: 2, rank: 1}
                subspace:
                  around: 0
                  samples: 2
                  dropout: {rates: [0.1]}
                  diag-gaussian: {scales: [1.0]}
                ensembles: {deep: true, swa: true, subspace: true}
                plane:
                  - {anchors: [final:0, final:1, final:2], grid: %d, margin: 0.2, trainSubset: 150}
                interpolation: {pairs: [[final:0, final:1]], points: 5, margin: 0.2, trainSubset: 150}
                shift: {corruptions: [gaussian-noise], severities: [1]}
                """.formatted(STUDY, data, GRID));
        long t0 = System.nanoTime();
        Cli.Output run = stack.cli("submit", spec.toString(), "--wait", "--quiet");
        assertEquals(0, run.code(), run.err());
        long t1 = System.nanoTime();
        Path out = dir.resolve("report");
        Cli.Output report = stack.cli("report", STUDY, "--out", out.toString());
        assertEquals(0, report.code(), report.err());
        System.out.printf("ReportBrowserTest: study %.1f s, report %.1f s%n", (t1 - t0) / 1e9,
                (System.nanoTime() - t1) / 1e9);
        html = out.resolve("report.html");
        assertTrue(Files.isRegularFile(html), report.out());
        chromium = Chromium.start();
        page = chromium.newPage();
        page.navigate(html.toUri().toString());
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    @Order(1)
    void thePageLoadsWithoutErrorsOrBrokenImagesAndAsksForNothingOnTheNetwork() {
        assertEquals(List.of(), page.errors());
        assertEquals(List.of(), page.brokenImages());
        List<String> remote = page.requests().stream()
                .filter(u -> !u.startsWith("file:") && !u.startsWith("data:")).toList();
        assertEquals(List.of(), remote, "a self-contained report loads nothing from a server");
        Path shots = Path.of(System.getProperty("basedir", "."), "target", "browser");
        page.screenshot(shots.resolve("report.png"));
        page.screenshot(shots.resolve("report-top.png"), 1400); // for the README: small enough to commit
    }

    @Test
    @Order(2)
    void everyFigureTheSpecAsksForIsDrawn() {
        Map<String, String> status = new LinkedHashMap<>();
        page.evaluate("Array.from(document.querySelectorAll('figure.figure'))"
                + ".map(f => [f.dataset.figure, f.dataset.status, f.querySelector('svg') !== null])")
                .forEach(f -> status.put(f.get(0).asText(), f.get(1).asText() + (f.get(2).asBoolean() ? "" : " (no svg)")));
        Map<String, String> expected = FIGURES.stream()
                .collect(Collectors.toMap(id -> id, id -> "drawn", (a, b) -> a, LinkedHashMap::new));
        Map<String, String> asked = new LinkedHashMap<>();
        FIGURES.forEach(id -> asked.put(id, status.getOrDefault(id, "missing")));
        assertEquals(expected, asked, "all figures on the page: " + status);
        for (String id : FIGURES) {
            JsonNode figure = page.evaluate("(() => { const f = document.getElementById('fig-" + id + "');"
                    + " return [f.querySelector('figcaption') !== null, (f.querySelector('pre.sql') || {}).textContent"
                    + " || '', f.dataset.view || '', Array.from(f.querySelectorAll('a.download'))"
                    + ".map(a => a.getAttribute('href')), (f.querySelector('svg > title') || {}).textContent || ''];"
                    + " })()");
            assertTrue(figure.get(0).asBoolean(), id + " has a caption");
            assertTrue(figure.get(1).asText().contains("basin sql"), id + " gives its query: " + figure.get(1));
            assertTrue(!figure.get(2).asText().isEmpty(), id + " names its view");
            List<String> links = new ArrayList<>();
            figure.get(3).forEach(l -> links.add(l.asText()));
            assertTrue(links.contains(id + ".svg") && links.contains(id + ".csv"), id + " links " + links);
            assertTrue(Files.isRegularFile(html.resolveSibling(id + ".svg")), id + ".svg is written");
            assertTrue(!figure.get(4).asText().isEmpty(), id + "'s SVG has a title");
        }
    }

    @Test
    @Order(3)
    void theTsnePointsAreTheRowsOfTsnePoints() {
        List<double[]> sql = stack.rows("select x, y from tsne_points where study = ?", STUDY).stream()
                .map(r -> new double[] {Double.parseDouble(r.get(0)), Double.parseDouble(r.get(1))}).toList();
        List<double[]> drawn = new ArrayList<>();
        page.evaluate("Array.from(document.querySelectorAll('#fig-tsne svg .point'))"
                + ".map(p => [Number(p.getAttribute('data-x')), Number(p.getAttribute('data-y'))])")
                .forEach(p -> drawn.add(new double[] {p.get(0).asDouble(), p.get(1).asDouble()}));
        assertTrue(sql.size() > 6, "a checkpoint per member and epoch, finals and samples: " + sql.size());
        assertEquals(sql.size(), drawn.size(), "one point per row of tsne_points");
        double scale = sql.stream().mapToDouble(p -> Math.max(Math.abs(p[0]), Math.abs(p[1]))).max().orElse(1);
        double tolerance = 1e-5 * scale; // six significant digits in the SVG
        List<double[]> left = new ArrayList<>(drawn);
        for (double[] p : sql) {
            double[] match = left.stream().filter(q -> Math.abs(q[0] - p[0]) <= tolerance
                    && Math.abs(q[1] - p[1]) <= tolerance).findFirst()
                    .orElseGet(() -> fail("no point drawn at (" + p[0] + ", " + p[1] + ")"));
            left.remove(match);
        }
    }

    @Test
    @Order(3)
    void thePlaneSpansTheGridOfPlaneSurface() {
        List<String> extent = stack.rows("select min(a), max(a), min(b), max(b), count(distinct a),"
                + " count(distinct b), count(*) from plane_surface where study = ? and plane = 0", STUDY).get(0);
        assertEquals(String.valueOf(GRID * GRID), extent.get(6));
        for (String id : List.of("plane-0-train-loss", "plane-0-test-error", "plane-0-similarity")) {
            JsonNode svg = page.evaluate("(() => { const s = document.querySelector('#fig-" + id + " svg');"
                    + " return ['data-kind', 'data-x-min', 'data-x-max', 'data-y-min', 'data-y-max', 'data-grid-nx',"
                    + " 'data-grid-ny'].map(a => s.getAttribute(a)); })()");
            assertEquals("contour", svg.get(0).asText(), id);
            for (int k = 0; k < 4; k++) {
                double want = Double.parseDouble(extent.get(k));
                assertEquals(want, Double.parseDouble(svg.get(k + 1).asText()), 1e-5 * Math.max(1, Math.abs(want)),
                        id + " " + List.of("x-min", "x-max", "y-min", "y-max").get(k));
            }
            assertEquals(extent.get(4), svg.get(5).asText(), id + " grid columns");
            assertEquals(extent.get(5), svg.get(6).asText(), id + " grid rows");
            assertTrue(page.evaluate("document.querySelectorAll('#fig-" + id + " svg path.band').length").asInt() > 0,
                    id + " has filled bands");
        }
    }

    @Test
    @Order(3)
    void theFinalsCosineHeatMapIsTheRowsOfSimilarityPairs() {
        List<List<String>> pairs = stack.rows("select member_a, member_b, cosine from similarity_pairs"
                + " where study = ? and scope = 'members'", STUDY);
        assertEquals(3, pairs.size(), "C(3, 2) pairs of finals");
        Map<String, Double> cells = new LinkedHashMap<>();
        page.evaluate("Array.from(document.querySelectorAll('#fig-cosine-finals svg rect.cell'))"
                + ".map(c => [c.getAttribute('data-row'), c.getAttribute('data-col'), c.getAttribute('data-value')])")
                .forEach(c -> cells.put(c.get(0).asText() + "," + c.get(1).asText(), Double.parseDouble(c.get(2).asText())));
        List<Double> drawnOffDiagonal = new ArrayList<>();
        cells.forEach((k, v) -> {
            String[] ij = k.split(",");
            if (!ij[0].equals(ij[1])) {
                drawnOffDiagonal.add(v);
            }
        });
        for (List<String> p : pairs) {
            double cosine = Double.parseDouble(p.get(2));
            Double ab = cells.get(p.get(0) + "," + p.get(1));
            Double ba = cells.get(p.get(1) + "," + p.get(0));
            assertTrue(ab != null || ba != null, "a cell for members " + p.get(0) + " and " + p.get(1) + ": " + cells);
            for (Double v : new Double[] {ab, ba}) {
                if (v != null) {
                    assertEquals(cosine, v, 1e-5, "members " + p.get(0) + ", " + p.get(1));
                }
            }
        }
        // nothing else is drawn off the diagonal: each pair once, or twice when the matrix is symmetric
        assertTrue(drawnOffDiagonal.size() == pairs.size() || drawnOffDiagonal.size() == 2 * pairs.size(),
                "cells " + cells);
    }
}
