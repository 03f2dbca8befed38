package dev.basin.report.sections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.db.DbException;
import dev.basin.db.QueryResult;
import dev.basin.report.Figure;
import dev.basin.report.HandContext;
import dev.basin.report.ReportContext;
import dev.basin.spec.StudySpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SectionFiguresTest {

    @Test
    void waitsNameEachStageWithItsStateAndCountTheRest() {
        HandContext c = Specs.with("");
        for (int row = 0; row < 7; row++) {
            c.stage("plane/0/row-0" + row, row == 1 ? "failed" : row < 3 ? "done" : "pending");
        }
        c.stage("plane/10", "running");
        List<String> waiting = SectionFigures.waitingFor(c, s -> SectionFigures.under(s, "plane/0"), "plane/0");
        assertEquals(List.of("plane/0/row-01 (failed)", "plane/0/row-03 (pending)", "plane/0/row-04 (pending)",
                "plane/0/row-05 (pending)", "plane/0/row-06 (pending)"), waiting, "plane/10 is another plane");
        assertEquals("Waits for stages plane/0/row-01 (failed), plane/0/row-03 (pending), plane/0/row-04 (pending), "
                + "plane/0/row-05 (pending) (and 1 more).", SectionFigures.waits(waiting));
    }

    @Test
    void aStudyNotYetPlannedWaitsForTheWholeAnalysis() {
        List<String> waiting = SectionFigures.waitingFor(Specs.with(""), s -> s.startsWith("budget"), "budget");
        assertEquals("Waits for stage budget (not planned yet).", SectionFigures.waits(waiting));
    }

    /** One plane's query fails: that plane's figures fail, keeping their query; the other plane is drawn. */
    @Test
    void aFailingQueryFailsItsFigureAlone() {
        HandContext hand = HandContext.of(Specs.BASE + """
                plane:
                  - {anchors: [final:0, final:1, final:2], grid: 3}
                  - {anchors: [final:0, final:1, final:2], grid: 3}
                """).stage("plane/0", "done").stage("plane/1", "done").answer("plane = 0",
                List.of("layer", "label", "i", "j", "a", "b", "value"),
                Specs.row("grid", null, "0", "0", "0", "0", "1"), Specs.row("grid", null, "1", "0", "1", "0", "2"),
                Specs.row("grid", null, "0", "1", "0", "1", "3"), Specs.row("grid", null, "1", "1", "1", "1", "4"));
        ReportContext context = new ReportContext() {
            @Override
            public String study() {
                return hand.study();
            }

            @Override
            public StudySpec spec() {
                return hand.spec();
            }

            @Override
            public Map<String, String> stages() {
                return hand.stages();
            }

            @Override
            public QueryResult query(String sql) {
                if (sql.contains("plane = 1")) {
                    throw new DbException("relation \"plane_surface\" does not exist\nLINE 1: ...");
                }
                return hand.query(sql);
            }

            @Override
            public float[][] testPredictions(long modelId) {
                return null;
            }

            @Override
            public int[] testLabels() {
                return new int[0];
            }
        };
        List<Figure> figures = new PlaneSection().figures(context);
        assertEquals(List.of(Figure.Status.DRAWN, Figure.Status.DRAWN, Figure.Status.DRAWN, Figure.Status.FAILED,
                Figure.Status.FAILED, Figure.Status.FAILED), figures.stream().map(Figure::status).toList());
        Figure failed = figures.get(3);
        assertEquals("plane-1-train-loss", failed.id());
        assertTrue(failed.caption().endsWith("This figure failed: relation \"plane_surface\" does not exist"),
                failed.caption());
        assertTrue(failed.sql().contains("plane = 1") && failed.view().equals("plane_surface"));
    }

    @Test
    void doneAndReusedWaitForNothing() {
        HandContext c = Specs.with("").stage("fge", "done").stage("sse", "reused");
        assertEquals(List.of(), SectionFigures.waitingFor(c, s -> s.equals("fge") || s.equals("sse"), "budget"));
    }
}
