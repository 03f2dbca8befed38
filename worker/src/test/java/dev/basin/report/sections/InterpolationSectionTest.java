package dev.basin.report.sections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.report.Figure;
import dev.basin.report.HandContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterpolationSectionTest {
    private static final String KEYS = """
            interpolation:
              pairs: [[final:0, final:1], [final:0, final:2]]
              points: 5
              margin: 0.2
            """;

    private static HandContext done() {
        return Specs.with(KEYS).stage("interpolation/final:0-final:1", "done")
                .stage("interpolation/final:0-final:2", "reused");
    }

    /** Two pairs at t = -0.2, 0, 0.5, 1, 1.2: a barrier in the middle of the first, none in the second. */
    private static HandContext answered(HandContext c, String train, String test) {
        double[] ts = {-0.2, 0, 0.5, 1, 1.2};
        double[][] first = {{0.5, 0.3, 1.4, 0.32, 0.6}, {0.6, 0.35, 1.5, 0.36, 0.7}};
        String[][] rows = new String[10][];
        for (int k = 0; k < 5; k++) {
            rows[k] = Specs.row("final:0-final:1", String.valueOf(ts[k]), String.valueOf(first[0][k]),
                    String.valueOf(first[1][k]));
            rows[5 + k] = Specs.row("final:0-final:2", String.valueOf(ts[k]), String.valueOf(first[0][k] / 2),
                    String.valueOf(first[1][k] / 2));
        }
        return c.answer(train + ", " + test + " from interpolation_curve", List.of("pair", "t", train, test), rows);
    }

    @Test
    void trainAndTestLinesPerPairWithTheEndpointsMarked() {
        HandContext c = answered(answered(done(), "train_loss", "test_nll"), "train_error", "test_error");
        List<Figure> figures = new InterpolationSection().figures(c);
        assertEquals(List.of("interpolation-loss", "interpolation-error"), figures.stream().map(Figure::id).toList());
        for (Figure f : figures) {
            assertEquals(Figure.Status.DRAWN, f.status());
            assertEquals(10, f.data().rows().size());
            Svg svg = Svg.parse(f.svg());
            assertEquals(List.of("final:0-final:1 train", "final:0-final:1 test", "final:0-final:2 train",
                    "final:0-final:2 test", InterpolationSection.ENDPOINTS), svg.series());
            double[][] train = svg.lines("final:0-final:1 train").get(0);
            assertArrayEquals(new double[] {-0.2, 0, 0.5, 1, 1.2}, train[0], 1e-12);
            assertArrayEquals(new double[] {0.5, 0.3, 1.4, 0.32, 0.6}, train[1], 1e-12);
            double[][] test = svg.lines("final:0-final:2 test").get(0);
            assertArrayEquals(new double[] {0.3, 0.175, 0.75, 0.18, 0.35}, test[1], 1e-12);
            List<double[][]> ends = svg.lines(InterpolationSection.ENDPOINTS);
            assertEquals(2, ends.size(), "one vertical line at t = 0, one at t = 1");
            assertArrayEquals(new double[] {0, 0}, ends.get(0)[0], 1e-12);
            assertArrayEquals(new double[] {1, 1}, ends.get(1)[0], 1e-12);
            assertArrayEquals(new double[] {0.15, 1.5}, ends.get(0)[1], 1e-12, "spanning every value drawn");
            assertTrue(svg.number("data-x-min") <= -0.2 && svg.number("data-x-max") >= 1.2, "the margin is drawn");
        }
    }

    @Test
    void pendingAbsentEmpty() {
        HandContext running = Specs.with(KEYS).stage("interpolation/final:0-final:1", "done")
                .stage("interpolation/final:0-final:2", "failed");
        for (Figure f : new InterpolationSection().figures(running)) {
            assertEquals(Figure.Status.PENDING, f.status());
            assertTrue(f.caption().contains("interpolation/final:0-final:2"));
        }
        assertEquals(List.of(), new InterpolationSection().figures(Specs.with("")));
        HandContext none = done().answer("interpolation_curve", List.of("pair", "t"), List.of());
        assertEquals(Figure.Status.EMPTY, new InterpolationSection().figures(none).get(1).status());
    }
}
