package dev.basin.report.sections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.report.Figure;
import dev.basin.report.HandContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class TsneSectionTest {
    private static final String SPEC = Specs.study("trajectory: {every: 1}\ntsne: {perplexity: 10}\n");
    private static final List<String> COLUMNS = List.of("method", "member", "epoch", "step", "x", "y");
    // as the query orders them: method, member, step
    private static final String[][] ROWS = {
            {"final", "0", "3", "30", "4.5", "-1.25"},
            {"final", "1", "3", "30", "-7", "2"},
            {"random", "0", "3", "30", "5", "-1"},
            {"random", "0", "3", "30", "5.5", "-0.5"},
            {"sample", "1", "3", "30", "-6.5", "2.25"},
            {"swa", "0", "3", "30", "4", "-2"},
            {"trajectory", "0", "1", "10", "0.5", "0.25"},
            {"trajectory", "0", "2", "20", "2", "-0.75"},
            {"trajectory", "0", "3", "30", "4.5", "-1.25"},
            {"trajectory", "1", "1", "10", "-1", "1"},
            {"trajectory", "1", "2", "20", "-6", "2.5"}};

    private static HandContext context() {
        return HandContext.of(SPEC).stage("tsne", "done").answer("from tsne_points", COLUMNS, ROWS);
    }

    @Test
    void everyRowIsExactlyOnePointAndTrajectoriesAreJoinedInEpochOrder() {
        List<Figure> figures = new TsneSection().figures(context());
        assertEquals(1, figures.size());
        Figure f = figures.get(0);
        assertEquals("tsne", f.id());
        assertEquals(Figure.Status.DRAWN, f.status());
        assertEquals("select method, member, epoch, step, x, y from tsne_points where study = 'figs'"
                + " order by method, member, step, model_id", f.sql());

        SvgDoc svg = SvgDoc.parse(f.svg());
        List<String> expected = new ArrayList<>();
        for (String[] r : ROWS) {
            expected.add(Double.parseDouble(r[4]) + " " + Double.parseDouble(r[5]));
        }
        List<String> drawn = SvgDoc.points(svg.root());
        assertEquals(ROWS.length, drawn.size(), "one point per row: " + drawn);
        assertEquals(expected.stream().sorted().toList(), drawn.stream().sorted().toList());

        assertEquals(List.of("0.5 0.25", "2.0 -0.75", "4.5 -1.25"), SvgDoc.points(svg.series("member 0")));
        assertEquals(List.of("-1.0 1.0", "-6.0 2.5"), SvgDoc.points(svg.series("member 1")));
        Element path = SvgDoc.byClass(svg.series("member 0 path"), "line").get(0);
        assertArrayEquals(new double[] {0.5, 2, 4.5}, SvgDoc.numbers(path, "data-xs"));
        assertArrayEquals(new double[] {0.25, -0.75, -1.25}, SvgDoc.numbers(path, "data-ys"));
        assertEquals(2, SvgDoc.points(svg.series("final")).size());
        assertEquals(List.of("4.0 -2.0"), SvgDoc.points(svg.series("swa")));
        assertEquals(2, SvgDoc.points(svg.series("samples: random")).size());
        // a sample without a subspace method is multi-SWAG's: a faint sample, not a kind of its own
        assertEquals(List.of("-6.5 2.25"), SvgDoc.points(svg.series("samples: multi-swag")));
        assertTrue(svg.seriesNames().indexOf("member 1") < svg.seriesNames().indexOf("final"),
                "trajectories under the finals: " + svg.seriesNames());
    }

    @Test
    void absentWithoutTheKeyPendingWhileItRunsEmptyWithoutRows() {
        assertEquals(List.of(), new TsneSection().figures(HandContext.of(Specs.study(""))));
        assertEquals(Figure.Status.PENDING,
                new TsneSection().figures(context().stage("tsne", "pending")).get(0).status());
        HandContext none = HandContext.of(SPEC).stage("tsne", "done").answer("from tsne_points", COLUMNS, List.of());
        assertEquals(Figure.Status.EMPTY, new TsneSection().figures(none).get(0).status());
    }
}
