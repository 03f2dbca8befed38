package dev.basin.report.sections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.report.Figure;
import dev.basin.db.QueryResult;
import dev.basin.report.HandContext;
import dev.basin.report.ReportContext;
import dev.basin.spec.StudySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaneSectionTest {
    private static final String PLANES = """
            plane:
              - anchors: [final:0, final:1, final:2]
                grid: 3
                margin: 0.2
            """;
    private static final List<String> COLUMNS = List.of("layer", "label", "i", "j", "a", "b", "value");
    private static final double[] AS = {-0.2, 0.5, 1.2};
    private static final double[] BS = {-0.25, 0.4, 1.05};

    /** A 3×3 grid, value = 1 + i + 3j (all positive: log levels), and the projected models. */
    private static List<List<String>> rows() {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of("anchor", "final:0", "", "", "0", "0"));
        out.add(List.of("anchor", "final:1", "", "", "1", "0"));
        out.add(List.of("anchor", "final:2", "", "", "0.3", "0.8"));
        out.add(List.of("checkpoint", "checkpoint:0@1", "", "", "0.1", "0.2"));
        out.add(List.of("checkpoint", "checkpoint:0@0", "", "", "-3.5", "0.2"));   // off the grid: not drawn
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 3; i++) {
                out.add(List.of("grid", "", String.valueOf(i), String.valueOf(j), String.valueOf(AS[i]),
                        String.valueOf(BS[j]), String.valueOf(1 + i + 3 * j)));
            }
        }
        // SQL NULL for the overlay rows' i, j and value, the grid rows' label
        List<List<String>> withNulls = new ArrayList<>();
        for (List<String> r : out) {
            List<String> copy = new ArrayList<>(r);
            while (copy.size() < COLUMNS.size()) {
                copy.add(null);
            }
            for (int k = 0; k < copy.size(); k++) {
                if ("".equals(copy.get(k))) {
                    copy.set(k, null);
                }
            }
            withNulls.add(copy);
        }
        return withNulls;
    }

    private static HandContext done() {
        return Specs.with(PLANES).stage("plane/0", "done").stage("plane/0/projections", "reused")
                .stage("plane/0/row-00", "done").stage("plane/0/row-01", "done").stage("plane/0/row-02", "done");
    }

    @Test
    void noPlaneKeyNoFigures() {
        HandContext c = Specs.with("");
        assertEquals(List.of(), new PlaneSection().figures(c));
        assertEquals(List.of(), c.asked());
    }

    @Test
    void drawsTheGridWithItsExactExtentAndTheAnchors() {
        HandContext c = done().answer("plane_surface", COLUMNS, rows());
        List<Figure> figures = new PlaneSection().figures(c);
        assertEquals(List.of("plane-0-train-loss", "plane-0-test-error", "plane-0-similarity"),
                figures.stream().map(Figure::id).toList());
        for (Figure f : figures) {
            assertEquals(Figure.Status.DRAWN, f.status(), f.id());
            assertEquals("plane_surface", f.view());
            assertTrue(f.sql().contains("study = 's1' and plane = 0"), f.sql());
            assertEquals(rows(), f.data().rows());
            Svg svg = Svg.parse(f.svg());
            assertEquals("contour", svg.attr("data-kind"));
            assertEquals(-0.2, svg.number("data-x-min"), 1e-12);
            assertEquals(1.2, svg.number("data-x-max"), 1e-12);
            assertEquals(-0.25, svg.number("data-y-min"), 1e-12);
            assertEquals(1.05, svg.number("data-y-max"), 1e-12);
            assertEquals(3, (int) svg.number("data-grid-nx"));
            assertEquals(3, (int) svg.number("data-grid-ny"));
            List<double[]> anchors = svg.points("anchors");
            assertEquals(3, anchors.size());
            assertArrayEquals(new double[] {0, 0}, anchors.get(0), 1e-12);
            assertArrayEquals(new double[] {1, 0}, anchors.get(1), 1e-12);
            assertArrayEquals(new double[] {0.3, 0.8}, anchors.get(2), 1e-12);
            List<double[]> checkpoints = svg.points("checkpoints");
            assertEquals(1, checkpoints.size(), "the checkpoint off the grid is left out");
            assertArrayEquals(new double[] {0.1, 0.2}, checkpoints.get(0), 1e-12);
        }
        assertTrue(figures.get(0).sql().contains("train_loss as value"));
        assertTrue(figures.get(1).sql().contains("test_error as value"));
        assertTrue(figures.get(2).sql().contains("similarity_to_first as value"));
    }

    @Test
    void pendingWhileARowRunsNamingTheStage() {
        HandContext c = Specs.with(PLANES).stage("plane/0", "done").stage("plane/0/row-00", "done")
                .stage("plane/0/row-01", "running").stage("plane/0/projections", "pending");
        List<Figure> figures = new PlaneSection().figures(c);
        assertEquals(3, figures.size());
        for (Figure f : figures) {
            assertEquals(Figure.Status.PENDING, f.status());
            assertTrue(f.caption().contains("plane/0/row-01") && f.caption().contains("plane/0/projections"),
                    f.caption());
            assertTrue(f.svg() == null && f.data() == null);
        }
        assertEquals(List.of(), c.asked(), "a pending figure runs no query");
    }

    @Test
    void emptyWhenDoneWithoutRows() {
        HandContext c = done().answer("plane_surface", COLUMNS, List.of());
        for (Figure f : new PlaneSection().figures(c)) {
            assertEquals(Figure.Status.EMPTY, f.status());
        }
    }

    @Test
    void eachPlaneWaitsForItsOwnStagesOnly() {
        String two = PLANES + """
                  - anchors: [final:0, final:1, final:2]
                    grid: 3
                """;
        HandContext c = HandContext.of(Specs.BASE + two).stage("plane/0", "done").stage("plane/0/row-00", "done")
                .stage("plane/1", "running").answer("plane = 0", COLUMNS, rows());
        List<Figure> figures = new PlaneSection().figures(c);
        assertEquals(6, figures.size());
        assertEquals("plane-1-train-loss", figures.get(3).id());
        assertEquals(Figure.Status.DRAWN, figures.get(0).status());
        assertEquals(Figure.Status.PENDING, figures.get(3).status());
    }

    @Test
    void comparisonReportsShareAxesAndColourScale() {
        HandContext hand = done().answer("plane_surface", COLUMNS, rows());
        ReportContext c = new SharedRanges(hand, Map.of("x", new double[] {-1, 2}, "y", new double[] {-0.5, 1.5},
                "value", new double[] {0.5, 20}));
        for (Figure f : new PlaneSection().figures(c)) {
            Svg svg = Svg.parse(f.svg());
            assertEquals(-1, svg.number("data-x-min"), 1e-12, f.id());
            assertEquals(2, svg.number("data-x-max"), 1e-12, f.id());
            assertEquals(-0.5, svg.number("data-y-min"), 1e-12, f.id());
            assertEquals(1.5, svg.number("data-y-max"), 1e-12, f.id());
            assertEquals(0.5, svg.number("data-value-min"), 1e-12, f.id());
            assertEquals(20, svg.number("data-value-max"), 1e-12, f.id());
            assertEquals(3, svg.points("anchors").size(), "the anchors are still drawn");
        }
    }

    /** A context whose figures share fixed ranges with another study's (what a comparison report supplies). */
    private record SharedRanges(HandContext hand, Map<String, double[]> ranges) implements ReportContext {
        @Override public String study() { return hand.study(); }
        @Override public StudySpec spec() { return hand.spec(); }
        @Override public Map<String, String> stages() { return hand.stages(); }
        @Override public QueryResult query(String sql) { return hand.query(sql); }
        @Override public float[][] testPredictions(long modelId) { return hand.testPredictions(modelId); }
        @Override public int[] testLabels() { return hand.testLabels(); }
        @Override public double[] sharedRange(String figureId, String axis) { return ranges.get(axis); }
    }
}
