package dev.basin.report.sections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.report.Figure;
import dev.basin.report.HandContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwaSectionTest {
    private static final List<String> COLUMNS =
            List.of("member", "final_nll", "final_accuracy", "swa_nll", "swa_accuracy");

    @Test
    void eachMemberSgdAndSwaAsPointsJoinedByALine() {
        HandContext c = Specs.with("swa: {start: 2}\n").stage("evaluate/member-000", "done")
                .stage("swa/member-000", "done").stage("swa/member-001", "reused")
                .answer("from swa_metrics", COLUMNS,
                        Specs.row("0", "0.31", "0.89", "0.27", "0.905"),
                        Specs.row("1", "0.33", "0.885", "0.28", "0.9"));
        List<Figure> figures = new SwaSection().figures(c);
        assertEquals(1, figures.size());
        Figure f = figures.get(0);
        assertEquals("swa-vs-sgd", f.id());
        assertEquals(Figure.Status.DRAWN, f.status());
        Svg svg = Svg.parse(f.svg());
        List<double[]> sgd = svg.points("SGD (final)");
        assertEquals(2, sgd.size());
        assertArrayEquals(new double[] {0.31, 0.89}, sgd.get(0), 1e-12);
        assertArrayEquals(new double[] {0.33, 0.885}, sgd.get(1), 1e-12);
        List<double[]> swa = svg.points("SWA");
        assertArrayEquals(new double[] {0.27, 0.905}, swa.get(0), 1e-12);
        assertArrayEquals(new double[] {0.28, 0.9}, swa.get(1), 1e-12);
        List<double[][]> pairs = svg.lines(SwaSection.PAIRS);
        assertEquals(2, pairs.size(), "one segment per member");
        assertArrayEquals(new double[] {0.33, 0.28}, pairs.get(1)[0], 1e-12);
        assertArrayEquals(new double[] {0.885, 0.9}, pairs.get(1)[1], 1e-12);
        assertTrue(f.sql().contains("where study = 's1' order by member"), f.sql());
    }

    @Test
    void pendingAbsentEmpty() {
        HandContext running = Specs.with("swa: {start: 2}\n").stage("swa/member-000", "done")
                .stage("swa/member-001", "running");
        Figure pending = new SwaSection().figures(running).get(0);
        assertEquals(Figure.Status.PENDING, pending.status());
        assertTrue(pending.caption().contains("swa/member-001"));
        assertEquals(List.of(), new SwaSection().figures(Specs.with("")));
        HandContext none = Specs.with("swa: {start: 2}\n").stage("swa/member-000", "done")
                .answer("swa_metrics", COLUMNS, List.of());
        assertEquals(Figure.Status.EMPTY, new SwaSection().figures(none).get(0).status());
    }
}
