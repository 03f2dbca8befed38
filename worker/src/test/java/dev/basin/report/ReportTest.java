package dev.basin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.report.sections.Rows;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
    /** Draws one figure from a query, or says it is pending until the training stages finish. */
    private static final Section TRAINING = new Section() {
        @Override
        public String title() {
            return "Training";
        }

        @Override
        public List<Figure> figures(ReportContext c) {
            String sql = "SELECT epoch, loss FROM member_epochs WHERE study = " + ReportContext.literal(c.study());
            if (!c.finished("train/")) {
                return List.of(Figure.pending("training-loss", "Loss", "Waits for train/.", "member_epochs", sql));
            }
            Rows rows = Rows.of(c.query(sql));
            return List.of(Figure.drawn("training-loss", "Loss", "Loss per epoch.", "member_epochs", sql,
                    "<svg data-kind=\"plot\"/>", rows.table("training-loss")));
        }
    };

    private static final Section BROKEN = new Section() {
        @Override
        public String title() {
            return "Loss plane";
        }

        @Override
        public List<Figure> figures(ReportContext c) {
            Rows rows = Rows.of(c.query("SELECT * FROM plane_points"));
            rows.index("no_such_column");
            return List.of();
        }
    };

    private static final Section NOTHING = new Section() {
        @Override
        public String title() {
            return "t-SNE";
        }

        @Override
        public List<Figure> figures(ReportContext c) {
            return List.of();
        }
    };

    private static HandContext context() {
        return HandContext.of(HandFigures.SPEC.formatted("s"))
                .answer("member_epochs", List.of("epoch", "loss"), new String[] {"1", "0.5"}, new String[] {"2", "0.25"})
                .answer("plane_points", List.of("x", "y"), new String[] {"0", "0"});
    }

    @Test
    void everySectionInOrderAndAThrowingOneAsAFailedFigure() {
        HandContext c = context().stage("train/member-000", "done").stage("train/member-001", "reused");
        Report r = Report.build(c, List.of(TRAINING, NOTHING, BROKEN));
        assertEquals("s", r.study());
        assertEquals(List.of("Training", "Loss plane"), r.parts().stream().map(Report.Part::title).toList(),
                "a section with no figures is left out");
        Figure drawn = r.parts().get(0).figures().get(0);
        assertEquals(Figure.Status.DRAWN, drawn.status());
        assertEquals(List.of(List.of("1", "0.5"), List.of("2", "0.25")), drawn.data().rows());
        Figure failed = r.parts().get(1).figures().get(0);
        assertEquals(Figure.Status.FAILED, failed.status());
        assertEquals("section-loss-plane", failed.id());
        assertEquals("This section failed: no column no_such_column in [x, y]", failed.caption());
        assertNull(failed.svg());
        assertEquals(List.of("SELECT epoch, loss FROM member_epochs WHERE study = 's'", "SELECT * FROM plane_points"),
                c.asked());
    }

    @Test
    void anUnfinishedStudyGivesPendingFigures() {
        HandContext c = context().stage("train/member-000", "done").stage("train/member-001", "running");
        Report r = Report.build(c, List.of(TRAINING));
        assertEquals(Figure.Status.PENDING, r.figures().get(0).status());
        assertTrue(c.asked().isEmpty(), "a pending figure asks nothing");
    }

    @Test
    void aFailedSectionsErrorIsOneLine() {
        assertEquals("This section failed: first", Report.describe(new IllegalStateException("first\nsecond")));
        assertEquals("This section failed: NullPointerException", Report.describe(new NullPointerException()));
        assertEquals("section-t-sne-of-predictions", Report.failedId("t-SNE of predictions!"));
        assertEquals("section-untitled", Report.failedId("???"));
    }
}
