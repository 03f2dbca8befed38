package dev.basin.report.sections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.metrics.Metrics;
import dev.basin.report.Figure;
import dev.basin.report.HandContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.w3c.dom.Element;

class ReliabilitySectionTest {
    private static final int[] LABELS = {0, 1, 2, 0, 1, 2};
    // confidences 0.9 ✓, 0.7 ✓, 0.5 ✗, 0.88 ✓, 0.62 ✗, 0.82 ✓: none on a bin edge
    private static final float[][] MEMBER0 = {
            {0.9f, 0.05f, 0.05f}, {0.2f, 0.7f, 0.1f}, {0.5f, 0.3f, 0.2f},
            {0.88f, 0.1f, 0.02f}, {0.62f, 0.33f, 0.05f}, {0.09f, 0.09f, 0.82f}};
    private static final float[][] MEMBER1 = {
            {0.3f, 0.6f, 0.1f}, {0.1f, 0.8f, 0.1f}, {0.2f, 0.2f, 0.6f},
            {0.96f, 0.02f, 0.02f}, {0.4f, 0.4f, 0.2f}, {0.25f, 0.25f, 0.5f}};
    /** Member 0's bins by hand: (12/15·… edges) bin 7: 0.5 ✗; 9: 0.62 ✗; 10: 0.7 ✓; 12: 0.82 ✓; 13: 0.9 ✓, 0.88 ✓. */
    private static final double HAND_ECE = (0.5 + 0.62 + 0.3 + 0.18 + 2 * 0.11) / 6;

    private static HandContext context() {
        return HandContext.of(Specs.study("")).stage("evaluate/member-000", "done").stage("evaluate/member-001", "done")
                .answer("from member_metrics", List.of("member", "model_id", "ece"),
                        new String[] {"0", "11", Double.toString(HAND_ECE)}, new String[] {"1", "12", "0.2"})
                .predictions(11, MEMBER0).predictions(12, MEMBER1).labels(LABELS);
    }

    @Test
    void binsAreTheEceBinsAndTheirEceIsTheStoredOne() {
        ReliabilityBins bins = ReliabilityBins.of(ReliabilityBins.widen(MEMBER0), LABELS);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 1, 2, 0}, bins.count());
        assertEquals(0.89, bins.confidence()[13], 1e-6);
        assertEquals(1.0, bins.accuracy()[13]);
        assertEquals(0.0, bins.accuracy()[9]);
        assertEquals(HAND_ECE, bins.ece(), 1e-6);
        // and the engine's ECE, which member_metrics stores, agrees to the last bit
        assertEquals(Metrics.score(Nd4j.create(MEMBER0), LABELS).ece(), bins.ece());
        double[][] mean = ReliabilityBins.mean(List.of(MEMBER0, MEMBER1));
        assertEquals(Metrics.score(Metrics.ensembleMean(List.of(Nd4j.create(MEMBER0), Nd4j.create(MEMBER1))), LABELS)
                .ece(), ReliabilityBins.of(mean, LABELS).ece(), 1e-6);
    }

    @Test
    void drawsMemberZeroAndTheDeepEnsembleWithTheDiagonal() {
        List<Figure> figures = new ReliabilitySection().figures(context());
        assertEquals(1, figures.size());
        Figure f = figures.get(0);
        assertEquals("reliability", f.id());
        assertEquals(Figure.Status.DRAWN, f.status());
        assertEquals("select member, model_id, ece from member_metrics where study = 'figs' and kind = 'final'"
                + " and split = 'test' order by member", f.sql());
        assertTrue(f.caption().contains("stored"), f.caption());

        assertEquals(List.of("model", "bin", "confidence", "accuracy", "count"), f.data().columns());
        List<List<String>> member0 = f.data().rows().stream().filter(r -> r.get(0).equals("member 0")).toList();
        assertEquals(List.of("7", "9", "10", "12", "13"), member0.stream().map(r -> r.get(1)).toList());
        assertEquals(List.of("1", "1", "1", "1", "2"), member0.stream().map(r -> r.get(4)).toList());
        assertTrue(f.data().rows().stream().anyMatch(r -> r.get(0).equals("deep ensemble of 2")));

        SvgDoc svg = SvgDoc.parse(f.svg());
        Element line = SvgDoc.byClass(svg.series("member 0"), "line").get(0);
        double[] xs = SvgDoc.numbers(line, "data-xs");
        double[] ys = SvgDoc.numbers(line, "data-ys");
        assertArrayEquals(new double[] {0.5, 0.62, 0.7, 0.82, 0.89}, xs, 1e-5);
        assertArrayEquals(new double[] {0, 0, 1, 1, 1}, ys, 1e-12);
        Element diagonal = SvgDoc.byClass(svg.series("perfect calibration"), "line").get(0);
        assertArrayEquals(new double[] {0, 1}, SvgDoc.numbers(diagonal, "data-xs"));
        assertEquals("#000000", diagonal.getAttribute("stroke"), "the reference is grey, not a model's colour");
        assertFalse(diagonal.getAttribute("stroke-dasharray").isEmpty(), "dashed");
        svg.series("deep ensemble of 2");
    }

    @Test
    void pendingUntilEvaluatedAndEmptyWithoutPredictions() {
        HandContext running = context().stage("evaluate/member-001", "running");
        assertEquals(Figure.Status.PENDING, new ReliabilitySection().figures(running).get(0).status());
        assertEquals(List.of(), running.asked());
        HandContext none = HandContext.of(Specs.study("")).stage("evaluate/member-000", "done")
                .answer("from member_metrics", List.of("member", "model_id", "ece"), List.of());
        assertEquals(Figure.Status.EMPTY, new ReliabilitySection().figures(none).get(0).status());
    }
}
