package dev.basin.report.sections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.report.Figure;
import dev.basin.report.HandContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class SimilaritySectionTest {
    private static final String SPEC = Specs.study("trajectory: {every: 1}\nsimilarity: {}\n");

    private static HandContext context(String spec) {
        return HandContext.of(spec).stage("train/member-000", "done").stage("similarity", "done")
                .answer("cosine from similarity_pairs where study = 'figs' and scope = 'trajectory'",
                        List.of("epoch_a", "epoch_b", "step_a", "step_b", "cosine"),
                        new String[] {"1", "2", "10", "20", "0.9"}, new String[] {"1", "3", "10", "30", "0.8"},
                        new String[] {"2", "3", "20", "30", "0.95"})
                .answer("disagreement from similarity_pairs where study = 'figs' and scope = 'trajectory'",
                        List.of("epoch_a", "epoch_b", "step_a", "step_b", "disagreement"),
                        new String[] {"1", "2", "10", "20", "0.1"}, new String[] {"1", "3", "10", "30", "0.2"},
                        new String[] {"2", "3", "20", "30", "0.05"})
                .answer("cosine from similarity_pairs where study = 'figs' and scope = 'members'",
                        List.of("member_a", "member_b", "step_a", "step_b", "cosine"),
                        new String[] {"0", "1", "30", "30", "0.1"}, new String[] {"0", "2", "30", "30", "0.12"},
                        new String[] {"1", "2", "30", "30", "0.09"})
                .answer("disagreement from similarity_pairs where study = 'figs' and scope = 'members'",
                        List.of("member_a", "member_b", "step_a", "step_b", "disagreement"),
                        new String[] {"0", "1", "30", "30", "0.3"}, new String[] {"0", "2", "30", "30", "0.31"},
                        new String[] {"1", "2", "30", "30", "0.29"});
    }

    /** Cells as "row col" → value. */
    private static Map<String, Double> cells(Figure f) {
        Map<String, Double> out = new TreeMap<>();
        for (Element c : SvgDoc.parse(f.svg()).byClass("cell")) {
            out.put(c.getAttribute("data-row") + " " + c.getAttribute("data-col"), SvgDoc.number(c, "data-value"));
        }
        return out;
    }

    @Test
    void drawsEachPairInBothTrianglesAndLeavesTheDiagonalBlank() {
        List<Figure> figures = new SimilaritySection().figures(context(SPEC));
        assertEquals(List.of("cosine-trajectory", "disagreement-trajectory", "cosine-finals", "disagreement-finals"),
                figures.stream().map(Figure::id).toList());
        assertTrue(figures.stream().allMatch(f -> f.status() == Figure.Status.DRAWN));

        assertEquals(Map.of("0 1", 0.9, "1 0", 0.9, "0 2", 0.8, "2 0", 0.8, "1 2", 0.95, "2 1", 0.95),
                cells(figures.get(0)));
        assertEquals(Map.of("0 1", 0.1, "1 0", 0.1, "0 2", 0.2, "2 0", 0.2, "1 2", 0.05, "2 1", 0.05),
                cells(figures.get(1)));
        assertEquals(Map.of("0 1", 0.1, "1 0", 0.1, "0 2", 0.12, "2 0", 0.12, "1 2", 0.09, "2 1", 0.09),
                cells(figures.get(2)));

        SvgDoc cos = SvgDoc.parse(figures.get(0).svg());
        assertEquals("heatmap", cos.root().getAttribute("data-kind"));
        assertEquals(0.8, SvgDoc.number(cos.root(), "data-value-min"), 1e-12, "the scale spans the data");
        assertEquals(0.95, SvgDoc.number(cos.root(), "data-value-max"), 1e-12);
        assertTrue(figures.get(0).svg().contains("epoch 3"), "rows labelled by epoch");
        assertTrue(figures.get(2).svg().contains("member 2"), "finals labelled by member");
        assertTrue(figures.get(0).sql().contains("member_a = 0 and member_b = 0"), figures.get(0).sql());
    }

    @Test
    void onlyTheScopesAskedFor() {
        List<Figure> figures = new SimilaritySection().figures(
                context(Specs.study("similarity: {scopes: [members]}\n")));
        assertEquals(List.of("cosine-finals", "disagreement-finals"), figures.stream().map(Figure::id).toList());
    }

    @Test
    void noFiguresWithoutTheKeyAndPendingWhileTheStageRuns() {
        assertEquals(List.of(), new SimilaritySection().figures(context(Specs.study(""))));
        HandContext running = context(SPEC).stage("similarity", "running");
        List<Figure> figures = new SimilaritySection().figures(running);
        assertTrue(figures.stream().allMatch(f -> f.status() == Figure.Status.PENDING));
        assertEquals(List.of(), running.asked());
    }

    @Test
    void emptyWhenTheStageLeftNoPairs() {
        HandContext context = HandContext.of(SPEC).stage("similarity", "reused")
                .answer("similarity_pairs", List.of("epoch_a", "epoch_b", "step_a", "step_b", "cosine"), List.of());
        assertTrue(new SimilaritySection().figures(context).stream().allMatch(f -> f.status() == Figure.Status.EMPTY));
    }
}
