package dev.basin.report.sections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.report.Figure;
import dev.basin.report.HandContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiversitySectionTest {
    private static final String SUBSPACE = """
            subspace:
              around: 0
              samples: 2
              random: {radii: [5]}
              dropout: {rates: [0.1]}
            """;
    private static final List<String> COLUMNS = List.of("method", "scale", "sample", "label", "accuracy", "diversity");

    private static HandContext done() {
        return Specs.with(SUBSPACE).stage("train/member-000", "done").stage("subspace/random", "done")
                .stage("subspace/dropout", "reused");
    }

    @Test
    void onePointSeriesPerMethodAndTheMembersBeside() {
        HandContext c = done().answer("subspace_diversity", COLUMNS,
                Specs.row("dropout", "0.1", "0", "sample:0 dropout 0.1 #0", "0.91", "0.12"),
                Specs.row("dropout", "0.1", "1", "sample:0 dropout 0.1 #1", "0.905", "0.15"),
                Specs.row("random", "5", "0", "sample:0 random 5 #0", "0.7", "0.8"),
                Specs.row("member", null, "1", "final:1", "0.92", "0.95"),
                Specs.row("member", null, "2", "final:2", "0.915", "1.01"));
        List<Figure> figures = new DiversitySection().figures(c);
        assertEquals(1, figures.size());
        Figure f = figures.get(0);
        assertEquals("diversity-accuracy", f.id());
        assertTrue(f.caption().contains("divided by the member's test error") && f.caption().contains("diversity_own"),
                "the caption names the normalisation drawn and the other one: " + f.caption());
        assertEquals(Figure.Status.DRAWN, f.status());
        assertTrue(f.sql().contains("from subspace_diversity where study = 's1'") && f.sql().contains("order by"));
        assertEquals(5, f.data().rows().size());
        Svg svg = Svg.parse(f.svg());
        assertEquals("plot", svg.attr("data-kind"));
        assertEquals(List.of("dropout", "random", "independent members"), svg.series());
        List<double[]> dropout = svg.points("dropout");
        assertEquals(2, dropout.size());
        assertArrayEquals(new double[] {0.91, 0.12}, dropout.get(0), 1e-12);
        assertArrayEquals(new double[] {0.905, 0.15}, dropout.get(1), 1e-12);
        assertArrayEquals(new double[] {0.7, 0.8}, svg.points("random").get(0), 1e-12);
        List<double[]> members = svg.points("independent members");
        assertEquals(2, members.size());
        assertArrayEquals(new double[] {0.915, 1.01}, members.get(1), 1e-12);
    }

    @Test
    void pendingWhileASamplerRuns() {
        HandContext c = Specs.with(SUBSPACE).stage("subspace/random", "done").stage("subspace/dropout", "running");
        Figure f = new DiversitySection().figures(c).get(0);
        assertEquals(Figure.Status.PENDING, f.status());
        assertTrue(f.caption().contains("subspace/dropout"), f.caption());
        assertEquals(List.of(), c.asked());
    }

    @Test
    void emptyAndAbsent() {
        assertEquals(Figure.Status.EMPTY, new DiversitySection().figures(done().answer("subspace_diversity", COLUMNS,
                List.of())).get(0).status());
        assertEquals(List.of(), new DiversitySection().figures(Specs.with("")));
    }
}
