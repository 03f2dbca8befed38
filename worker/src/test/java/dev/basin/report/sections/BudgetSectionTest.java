package dev.basin.report.sections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.report.Figure;
import dev.basin.report.HandContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetSectionTest {
    private static final String KEYS = """
            fge: {cycle: 2}
            sse: {snapshots: 2}
            budget: {max: 2}
            """;
    private static final List<String> COLUMNS =
            List.of("method", "budget", "models", "epochs", "accuracy", "error", "nll", "brier", "ece");

    @Test
    void accuracyAgainstBudgetPerMethodAndTheWholeTable() {
        HandContext c = Specs.with(KEYS).stage("fge", "done").stage("sse", "done").stage("budget", "done")
                .answer("from budget_ensembles", COLUMNS,
                        Specs.row("fge", "1", "2", "5.2", "0.9", "0.1", "0.3", "0.15", "0.02"),
                        Specs.row("fge", "2", "4", "9.2", "0.91", "0.09", "0.28", "0.14", "0.02"),
                        Specs.row("ind", "1", "1", "4", "0.88", "0.12", "0.35", "0.17", "0.03"),
                        Specs.row("ind", "2", "2", "8", "0.9", "0.1", "0.3", "0.15", "0.02"),
                        Specs.row("sse", "1", "2", "4", "0.885", "0.115", "0.33", "0.16", "0.03"));
        List<Figure> figures = new BudgetSection().figures(c);
        assertEquals(1, figures.size());
        Figure f = figures.get(0);
        assertEquals("budget", f.id());
        assertEquals(Figure.Status.DRAWN, f.status());
        assertEquals(COLUMNS, f.data().columns());
        assertEquals(5, f.data().rows().size());
        Svg svg = Svg.parse(f.svg());
        assertEquals(List.of("fge", "ind", "sse"), svg.series());
        double[][] ind = svg.lines("ind").get(0);
        assertArrayEquals(new double[] {1, 2}, ind[0], 1e-12);
        assertArrayEquals(new double[] {0.88, 0.9}, ind[1], 1e-12);
        assertTrue(f.sql().endsWith("where study = 's1' order by method, budget"), f.sql());
    }

    @Test
    void pendingAbsentEmpty() {
        HandContext running = Specs.with(KEYS).stage("fge", "done").stage("sse", "running").stage("budget", "pending");
        Figure pending = new BudgetSection().figures(running).get(0);
        assertEquals(Figure.Status.PENDING, pending.status());
        assertTrue(pending.caption().contains("Waits for stages sse (running), budget (pending)."), pending.caption());
        assertEquals(List.of(), new BudgetSection().figures(Specs.with("")));
        HandContext none = Specs.with(KEYS).stage("budget", "done").answer("budget_ensembles", COLUMNS, List.of());
        assertEquals(Figure.Status.EMPTY, new BudgetSection().figures(none).get(0).status());
    }
}
