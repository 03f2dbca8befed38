package dev.basin.report.sections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.report.Figure;
import dev.basin.report.HandContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class SingleBasinSectionTest {
    private static final String KEYS = """
            spawn: {parent: 0, at: [1], children: 2}
            barriers: {points: 5}
            """;
    private static final List<String> CONNECTIVITY = List.of("kind", "variant", "size", "mean_barrier", "accuracy");
    private static final List<String> BARRIERS =
            List.of("kind", "variant", "a", "b", "disagreement", "train_loss_barrier");

    private static HandContext done() {
        return Specs.with(KEYS).stage("ensembles/deep", "done").stage("spawn/e1/ensembles", "done")
                .stage("barriers/deep", "done").stage("barriers/spawn/e1", "done");
    }

    @Test
    void connectivityPerEnsembleAndEveryBarrier() {
        HandContext c = done()
                .answer("from ensemble_connectivity", CONNECTIVITY,
                        Specs.row("deep", "", "2", "1.8", "0.9"),
                        Specs.row("deep", "", "3", "1.9", "0.91"),
                        Specs.row("spawn", "e1", "2", "0.2", "0.885"))
                .answer("from barriers", BARRIERS,
                        Specs.row("deep", "", "final:0", "final:1", "0.12", "1.8"),
                        Specs.row("spawn", "e1", "spawn:0 e1 #0", "spawn:0 e1 #1", "0.04", "0.2"));
        List<Figure> figures = new SingleBasinSection().figures(c);
        assertEquals(List.of("single-basin-connectivity", "single-basin-barriers"),
                figures.stream().map(Figure::id).toList());
        Svg connectivity = Svg.parse(figures.get(0).svg());
        assertEquals(List.of("deep", "spawn e1"), connectivity.series());
        double[][] deep = connectivity.lines("deep").get(0);
        assertArrayEquals(new double[] {1.8, 1.9}, deep[0], 1e-12);
        assertArrayEquals(new double[] {0.9, 0.91}, deep[1], 1e-12);
        assertTrue(figures.get(0).sql().contains("mean_barrier is not null"));
        Svg barriers = Svg.parse(figures.get(1).svg());
        assertEquals(List.of("deep", "spawn e1"), barriers.series());
        assertArrayEquals(new double[] {0.04, 0.2}, barriers.points("spawn e1").get(0), 1e-12);
        assertEquals(Figure.Status.DRAWN, figures.get(1).status());
    }

    @Test
    void pendingAbsentEmpty() {
        HandContext running = done().stage("barriers/spawn/e1", "running");
        for (Figure f : new SingleBasinSection().figures(running)) {
            assertEquals(Figure.Status.PENDING, f.status());
            assertTrue(f.caption().contains("barriers/spawn/e1"));
        }
        assertEquals(List.of(), new SingleBasinSection().figures(Specs.with("")));
        HandContext none = done().answer("ensemble_connectivity", CONNECTIVITY, List.of())
                .answer("barriers", BARRIERS, List.of());
        for (Figure f : new SingleBasinSection().figures(none)) {
            assertEquals(Figure.Status.EMPTY, f.status());
        }
    }
}
