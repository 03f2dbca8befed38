package dev.basin.report.sections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.report.Figure;
import dev.basin.report.HandContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurvesSectionTest {
    private static final String KEYS = """
            curves:
              - {between: [final:0, final:1], type: bezier}
              - {between: [final:0, final:1], type: polychain}
            """;
    private static final double[] TS = {0, 0.5, 1};

    private static HandContext done() {
        return Specs.with(KEYS).stage("curves/final:0-final:1/bezier", "done")
                .stage("curves/final:0-final:1/bezier/profile", "done")
                .stage("curves/final:0-final:1/polychain", "done")
                .stage("curves/final:0-final:1/polychain/profile", "done")
                .stage("curves/final:0-final:1/polychain/ensembles", "running");
    }

    private static HandContext answered(HandContext c, String metric) {
        List<List<String>> rows = new ArrayList<>();
        double[][] curves = {{0.3, 0.35, 0.31}, {0.3, 0.4, 0.31}};
        double[] line = {0.3, 2.1, 0.31};
        String[] names = {"bezier final:0-final:1", "polychain final:0-final:1"};
        for (int c2 = 0; c2 < 2; c2++) {
            for (int k = 0; k < 3; k++) {
                rows.add(List.of(names[c2], "final:0", "final:1", String.valueOf(TS[k]), String.valueOf(curves[c2][k]),
                        String.valueOf(line[k])));
            }
        }
        return c.answer(", " + metric + ", line_" + metric + " from curve_profile",
                List.of("curve", "endpoint_a", "endpoint_b", "t", metric, "line_" + metric), rows);
    }

    @Test
    void eachCurveBesideOneStraightLinePerPair() {
        HandContext c = answered(answered(done(), "train_loss"), "test_error");
        List<Figure> figures = new CurvesSection().figures(c);
        assertEquals(List.of("curve-loss", "curve-error"), figures.stream().map(Figure::id).toList());
        for (Figure f : figures) {
            assertEquals(Figure.Status.DRAWN, f.status(), "a curve's ensembles are not waited for");
            Svg svg = Svg.parse(f.svg());
            assertEquals(List.of("bezier final:0-final:1", "line final:0-final:1", "polychain final:0-final:1"),
                    svg.series());
            double[][] bezier = svg.lines("bezier final:0-final:1").get(0);
            assertArrayEquals(TS, bezier[0], 1e-12);
            assertArrayEquals(new double[] {0.3, 0.35, 0.31}, bezier[1], 1e-12);
            assertArrayEquals(new double[] {0.3, 2.1, 0.31}, svg.lines("line final:0-final:1").get(0)[1], 1e-12);
        }
        assertTrue(figures.get(0).sql().contains("from curve_profile where study = 's1' order by curve, i"));
    }

    @Test
    void pendingAbsentEmpty() {
        HandContext running = Specs.with(KEYS).stage("curves/final:0-final:1/bezier", "running");
        for (Figure f : new CurvesSection().figures(running)) {
            assertEquals(Figure.Status.PENDING, f.status());
            assertTrue(f.caption().contains("curves/final:0-final:1/bezier"));
        }
        assertEquals(List.of(), new CurvesSection().figures(Specs.with("")));
        HandContext none = done().answer("curve_profile", List.of("curve"), List.of());
        assertEquals(Figure.Status.EMPTY, new CurvesSection().figures(none).get(0).status());
    }
}
