package dev.basin.report.sections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.report.Figure;
import dev.basin.report.HandContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class TrainingSectionTest {
    private static final List<String> LOSS = List.of("member", "epoch", "train_loss");
    private static final List<String> ACCURACY = List.of("member", "epoch", "test_accuracy");

    private static HandContext trained() {
        return HandContext.of(Specs.study(""))
                .stage("train/member-000", "done").stage("train/member-001", "reused").stage("evaluate/member-000", "running")
                .answer("train_loss", LOSS, new String[] {"0", "1", "1.2"}, new String[] {"0", "2", "0.7"},
                        new String[] {"0", "3", "0.5"}, new String[] {"1", "1", "1.3"}, new String[] {"1", "2", "0.75"})
                .answer("test_accuracy", ACCURACY, new String[] {"0", "1", "0.71"}, new String[] {"0", "2", "0.8"},
                        new String[] {"1", "1", "0.69"});
    }

    @Test
    void drawsOneLinePerMemberWithTheEpochsOfTheView() {
        HandContext context = trained();
        List<Figure> figures = new TrainingSection().figures(context);
        assertEquals(List.of("training-loss", "training-accuracy"), figures.stream().map(Figure::id).toList());
        assertTrue(figures.stream().allMatch(f -> f.status() == Figure.Status.DRAWN));

        SvgDoc loss = SvgDoc.parse(figures.get(0).svg());
        assertEquals("plot", loss.root().getAttribute("data-kind"));
        assertEquals(List.of("member 0", "member 1"), loss.seriesNames());
        Element line0 = SvgDoc.byClass(loss.series("member 0"), "line").get(0);
        assertArrayEquals(new double[] {1, 2, 3}, SvgDoc.numbers(line0, "data-xs"));
        assertArrayEquals(new double[] {1.2, 0.7, 0.5}, SvgDoc.numbers(line0, "data-ys"));
        Element line1 = SvgDoc.byClass(loss.series("member 1"), "line").get(0);
        assertArrayEquals(new double[] {1.3, 0.75}, SvgDoc.numbers(line1, "data-ys"));

        Element acc = SvgDoc.byClass(SvgDoc.parse(figures.get(1).svg()).series("member 0"), "line").get(0);
        assertArrayEquals(new double[] {0.71, 0.8}, SvgDoc.numbers(acc, "data-ys"));

        Figure f = figures.get(0);
        assertEquals("training_curve", f.view());
        assertEquals("select member, epoch, train_loss from training_curve where study = 'figs' order by member, epoch",
                f.sql());
        assertEquals(LOSS, f.data().columns());
        assertEquals(5, f.data().rows().size());
    }

    @Test
    void drawsTheEpochsSoFarWhileAMemberTrains() {
        HandContext context = trained().stage("train/member-002", "running");
        List<Figure> figures = new TrainingSection().figures(context);
        assertTrue(figures.stream().allMatch(f -> f.status() == Figure.Status.DRAWN), figures.toString());
        assertTrue(figures.get(0).caption().contains("Still running (train/*)"), figures.get(0).caption());
        Element line0 = SvgDoc.byClass(SvgDoc.parse(figures.get(0).svg()).series("member 0"), "line").get(0);
        assertArrayEquals(new double[] {1.2, 0.7, 0.5}, SvgDoc.numbers(line0, "data-ys"));
    }

    @Test
    void pendingUntilTheFirstEpochEnds() {
        HandContext context = HandContext.of(Specs.study("")).stage("train/member-000", "running")
                .answer("training_curve", LOSS, List.of());
        List<Figure> figures = new TrainingSection().figures(context);
        assertTrue(figures.stream().allMatch(f -> f.status() == Figure.Status.PENDING), figures.toString());
        assertTrue(figures.get(0).caption().contains("train/"), figures.get(0).caption());
        assertNull(figures.get(0).svg());
    }

    @Test
    void emptyWhenTrainingLeftNoEpochRows() {
        HandContext context = HandContext.of(Specs.study("")).stage("train/member-000", "done")
                .answer("training_curve", LOSS, List.of());
        List<Figure> figures = new TrainingSection().figures(context);
        assertEquals(List.of(Figure.Status.EMPTY, Figure.Status.EMPTY), figures.stream().map(Figure::status).toList());
    }
}
