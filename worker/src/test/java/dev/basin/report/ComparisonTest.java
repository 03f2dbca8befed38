package dev.basin.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    @Test
    void readsTheRangesOnTheRootElementOnly() {
        Map<String, double[]> r = Comparison.rootRanges(HandFigures.plot("t", new double[] {-1, 2.5}, new double[] {3, 4}));
        assertEquals(List.of("x", "y"), new ArrayList<>(r.keySet()));
        assertArrayEquals(new double[] {-1, 2.5}, r.get("x"));
        assertArrayEquals(new double[] {3, 4}, r.get("y"));
        Map<String, double[]> h = Comparison.rootRanges(HandFigures.heatMap("t", new double[] {-0.5, 1}));
        assertArrayEquals(new double[] {-0.5, 1}, h.get("value"));
        // an inner element's attributes, a half-given axis, or a non-number draw no range
        assertTrue(Comparison.rootRanges("<svg data-x-min=\"1\"><g data-x-min=\"0\" data-x-max=\"2\"/></svg>").isEmpty());
        assertTrue(Comparison.rootRanges("<svg data-y-min=\"NaN\" data-y-max=\"1\"/>").isEmpty());
        assertTrue(Comparison.rootRanges("<svg data-y-min=\"x\" data-y-max=\"1\"/>").isEmpty());
    }

    @Test
    void theUnionTakesTheLowestMinAndHighestMaxPerFigureAndAxis() {
        Map<String, Map<String, double[]>> a = Map.of("f", Map.of("x", new double[] {0, 10}, "y", new double[] {1, 2}));
        Map<String, Map<String, double[]>> b = Map.of("f", Map.of("x", new double[] {-5, 8}),
                "g", Map.of("value", new double[] {0, 1}));
        Map<String, Map<String, double[]>> u = Comparison.union(List.of(a, b));
        assertArrayEquals(new double[] {-5, 10}, u.get("f").get("x"));
        assertArrayEquals(new double[] {1, 2}, u.get("f").get("y"));
        assertArrayEquals(new double[] {0, 1}, u.get("g").get("value"));
        assertArrayEquals(new double[] {0, 10}, a.get("f").get("x"), "the inputs are left as they were");
    }

    @Test
    void theSecondDrawingOfEveryStudyGetsTheSharedRanges() {
        // each study's loss figure spans its own epochs and losses when drawn alone
        Map<String, double[][]> own = Map.of("a", new double[][] {{0, 10}, {0.2, 2}}, "b", new double[][] {{0, 20}, {0.1, 1}});
        Map<String, List<double[]>> seen = new LinkedHashMap<>();
        List<ReportContext> contexts = List.of(HandContext.of(HandFigures.SPEC.formatted("a")),
                HandContext.of(HandFigures.SPEC.formatted("b")));
        List<Report> reports = Comparison.build(contexts, c -> {
            double[] x = c.sharedRange("training-loss", "x");
            double[] y = c.sharedRange("training-loss", "y");
            seen.computeIfAbsent(c.study(), k -> new ArrayList<>()).add(x);
            assertNull(c.sharedRange("training-loss", "value"));
            assertNull(c.sharedRange("other", "x"));
            double[][] r = own.get(c.study());
            Figure f = HandFigures.drawnPlot("training-loss", x != null ? x : r[0], y != null ? y : r[1]);
            return new Report(c.study(), List.of(new Report.Part("Training", List.of(f))));
        });
        assertEquals(2, reports.size());
        assertNull(seen.get("a").get(0), "the first drawing is the study's own");
        assertArrayEquals(new double[] {0, 20}, seen.get("a").get(1));
        assertArrayEquals(new double[] {0, 20}, seen.get("b").get(1));
        for (Report r : reports) {
            Map<String, double[]> drawn = Comparison.rootRanges(r.figures().get(0).svg());
            assertArrayEquals(new double[] {0, 20}, drawn.get("x"), r.study());
            assertArrayEquals(new double[] {0.1, 2}, drawn.get("y"), r.study());
        }
        assertEquals(List.of("a", "b"), reports.stream().map(Report::study).toList());
    }
}
