package dev.basin.report.sections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.report.Figure;
import dev.basin.report.HandContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class ShiftSectionTest {
    private static final String SPEC = Specs.study("shift:\n  corruptions: [blur, rotation]\n  severities: [1, 3, 5]\n");

    private static HandContext context() {
        HandContext c = HandContext.of(SPEC).stage("shift/blur", "done").stage("shift/rotation", "reused");
        for (String metric : List.of("accuracy", "nll", "brier", "ece")) {
            double k = metric.equals("accuracy") ? 1 : 0.5;
            c.answer("avg(" + metric + ")", List.of("line", "severity", metric, "results"),
                    new String[] {"deep ensemble", "1", str(0.9 * k), "2"},
                    new String[] {"deep ensemble", "3", str(0.8 * k), "2"},
                    new String[] {"deep ensemble", "5", str(0.6 * k), "2"},
                    new String[] {"members (mean)", "1", str(0.85 * k), "6"},
                    new String[] {"members (mean)", "3", str(0.7 * k), "6"},
                    new String[] {"members (mean)", "5", str(0.5 * k), "6"});
        }
        return c;
    }

    private static String str(double v) {
        return Double.toString(v);
    }

    @Test
    void oneLinePerKindOfModelAgainstSeverity() {
        List<Figure> figures = new ShiftSection().figures(context());
        assertEquals(List.of("shift-accuracy", "shift-nll", "shift-brier", "shift-ece"),
                figures.stream().map(Figure::id).toList());
        assertTrue(figures.stream().allMatch(f -> f.status() == Figure.Status.DRAWN));
        SvgDoc acc = SvgDoc.parse(figures.get(0).svg());
        assertEquals(List.of("deep ensemble", "members (mean)"), acc.seriesNames());
        Element deep = SvgDoc.byClass(acc.series("deep ensemble"), "line").get(0);
        assertArrayEquals(new double[] {1, 3, 5}, SvgDoc.numbers(deep, "data-xs"));
        assertArrayEquals(new double[] {0.9, 0.8, 0.6}, SvgDoc.numbers(deep, "data-ys"), 1e-12);
        Element members = SvgDoc.byClass(SvgDoc.parse(figures.get(1).svg()).series("members (mean)"), "line").get(0);
        assertArrayEquals(new double[] {0.425, 0.35, 0.25}, SvgDoc.numbers(members, "data-ys"), 1e-12);
        Figure f = figures.get(1);
        assertTrue(f.sql().startsWith("select case when owner = 'model' and kind = 'final' then 'members (mean)'"),
                f.sql());
        assertTrue(f.sql().endsWith(" as line, severity, avg(nll) as nll, count(*) as results from shift_metrics"
                + " where study = 'figs' group by 1, severity order by 1, severity"), f.sql());
        assertTrue(f.caption().contains("blur, rotation"), f.caption());
    }

    @Test
    void absentWithoutTheKeyPendingWhileACorruptionRuns() {
        assertEquals(List.of(), new ShiftSection().figures(HandContext.of(Specs.study(""))));
        HandContext running = context().stage("shift/rotation", "running");
        assertTrue(new ShiftSection().figures(running).stream().allMatch(f -> f.status() == Figure.Status.PENDING));
        HandContext none = HandContext.of(SPEC).stage("shift/blur", "done")
                .answer("shift_metrics", List.of("line", "severity", "accuracy", "results"), List.of());
        assertTrue(new ShiftSection().figures(none).stream().allMatch(f -> f.status() == Figure.Status.EMPTY));
    }
}
