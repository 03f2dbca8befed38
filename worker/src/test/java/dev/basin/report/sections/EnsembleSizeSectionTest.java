package dev.basin.report.sections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.report.Figure;
import dev.basin.report.HandContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnsembleSizeSectionTest {
    private static final String KEYS = """
            swa: {start: 2}
            ensembles: {deep: true, swa: true}
            """;

    private static HandContext done() {
        return Specs.with(KEYS).stage("ensembles/deep", "done").stage("ensembles/swa", "done");
    }

    private static HandContext answered(HandContext c, String metric, String[]... rows) {
        return c.answer(", " + metric + " from ensemble_size", List.of("kind", "variant", "size", metric), rows);
    }

    @Test
    void oneLinePerKindForEveryMetric() {
        HandContext c = done();
        for (String m : List.of("accuracy", "nll", "brier", "ece")) {
            double base = m.equals("accuracy") ? 0.8 : 0.3;
            answered(c, m,
                    Specs.row("deep", "", "1", String.valueOf(base)),
                    Specs.row("deep", "", "2", String.valueOf(base + 0.01)),
                    Specs.row("deep", "", "3", String.valueOf(base + 0.02)),
                    Specs.row("swa", "", "1", String.valueOf(base + 0.005)),
                    Specs.row("swa", "", "2", String.valueOf(base + 0.015)));
        }
        List<Figure> figures = new EnsembleSizeSection().figures(c);
        assertEquals(List.of("ensemble-size-accuracy", "ensemble-size-nll", "ensemble-size-brier", "ensemble-size-ece"),
                figures.stream().map(Figure::id).toList());
        for (Figure f : figures) {
            assertEquals(Figure.Status.DRAWN, f.status(), f.id());
            assertEquals("ensemble_size", f.view());
            Svg svg = Svg.parse(f.svg());
            assertEquals(List.of("deep", "swa"), svg.series());
            double base = f.id().endsWith("accuracy") ? 0.8 : 0.3;
            double[][] deep = svg.lines("deep").get(0);
            assertArrayEquals(new double[] {1, 2, 3}, deep[0], 1e-12);
            assertArrayEquals(new double[] {base, base + 0.01, base + 0.02}, deep[1], 1e-9);
            double[][] swa = svg.lines("swa").get(0);
            assertArrayEquals(new double[] {1, 2}, swa[0], 1e-12);
        }
        assertTrue(figures.get(1).sql().startsWith("select kind, variant, size, nll from ensemble_size"));
    }

    @Test
    void variantsOfOneKindAreLinesOfTheirOwn() {
        String curves = """
                curves:
                  - {between: [final:0, final:1], type: bezier}
                """;
        HandContext c = Specs.with(curves).stage("ensembles/deep", "done")
                .stage("curves/final:0-final:1/bezier/ensembles", "done");
        for (String m : List.of("accuracy", "nll", "brier", "ece")) {
            answered(c, m, Specs.row("curve", "bezier final:0-final:1", "3", "0.9"),
                    Specs.row("deep", "", "1", "0.85"));
        }
        Svg svg = Svg.parse(new EnsembleSizeSection().figures(c).get(0).svg());
        assertEquals(List.of("deep", "curve bezier final:0-final:1"), svg.series());
    }

    @Test
    void pendingWhileAnEnsembleStageRunsAndAbsentWithoutEnsembleKeys() {
        HandContext c = Specs.with(KEYS).stage("ensembles/deep", "done").stage("ensembles/swa", "running");
        for (Figure f : new EnsembleSizeSection().figures(c)) {
            assertEquals(Figure.Status.PENDING, f.status());
            assertTrue(f.caption().contains("ensembles/swa"), f.caption());
        }
        assertEquals(List.of(), new EnsembleSizeSection().figures(
                HandContext.of(Specs.BASE.replace("members: 3", "members: 1"))));
    }

    @Test
    void aDeepEnsembleAloneIsDrawnWithoutAnyAnalysisKey() {
        HandContext c = Specs.with("").stage("ensembles/deep", "done");
        for (String m : List.of("accuracy", "nll", "brier", "ece")) {
            answered(c, m, Specs.row("deep", "", "1", "0.8"), Specs.row("deep", "", "2", "0.82"),
                    Specs.row("deep", "", "3", "0.83"));
        }
        List<Figure> figures = new EnsembleSizeSection().figures(c);
        assertEquals(4, figures.size());
        for (Figure f : figures) {
            assertEquals(Figure.Status.DRAWN, f.status(), f.id());
            Svg svg = Svg.parse(f.svg());
            assertEquals(List.of("deep"), svg.series());
            assertArrayEquals(new double[] {0.8, 0.82, 0.83}, svg.lines("deep").get(0)[1], 1e-9);
        }
        HandContext running = Specs.with("").stage("ensembles/deep", "running");
        assertEquals(Figure.Status.PENDING, new EnsembleSizeSection().figures(running).get(0).status());
    }

    @Test
    void emptyWithoutRows() {
        HandContext c = done();
        for (String m : List.of("accuracy", "nll", "brier", "ece")) {
            answered(c, m);
        }
        for (Figure f : new EnsembleSizeSection().figures(c)) {
            assertEquals(Figure.Status.EMPTY, f.status());
        }
    }

    @Test
    void deepEnsembleStandsOutAndSubspaceSamplersAreFaintUnderNamesThatFit() {
        HandContext c = done();
        for (String m : List.of("accuracy", "nll", "brier", "ece")) {
            answered(c, m, Specs.row("deep", "", "1", "0.8"), Specs.row("deep", "", "2", "0.82"),
                    Specs.row("subspace/diag-gaussian/s=0.5", "", "1", "0.7"),
                    Specs.row("subspace/low-rank-gaussian/s=0.5", "", "1", "0.71"),
                    Specs.row("subspace/low-rank-gaussian/s=1", "", "1", "0.72"),
                    Specs.row("swa", "", "1", "0.81"));
        }
        String svg = new EnsembleSizeSection().figures(c).get(0).svg();
        Svg parsed = Svg.parse(svg);
        assertEquals(List.of("deep", "swa", "subspace/diag-gaussian/s=0.5", "subspace/low-rank-gaussian/s=0.5",
                "subspace/low-rank-gaussian/s=1"), parsed.series());
        SvgDoc doc = SvgDoc.parse(svg);
        java.util.Map<String, org.w3c.dom.Element> line = new java.util.HashMap<>();
        for (org.w3c.dom.Element g : SvgDoc.byClass(doc.root(), "series")) {
            line.put(g.getAttribute("data-series"), SvgDoc.byClass(g, "line").get(0));
        }
        double deep = Double.parseDouble(line.get("deep").getAttribute("stroke-width"));
        double swa = Double.parseDouble(line.get("swa").getAttribute("stroke-width"));
        assertTrue(deep > swa, deep + " vs " + swa);
        assertEquals("", line.get("swa").getAttribute("stroke-opacity"));
        for (String sub : List.of("subspace/diag-gaussian/s=0.5", "subspace/low-rank-gaussian/s=1")) {
            assertTrue(Double.parseDouble(line.get(sub).getAttribute("stroke-opacity")) < 1, sub);
            assertTrue(Double.parseDouble(line.get(sub).getAttribute("stroke-width")) < swa, sub);
        }
        assertTrue(svg.contains(">subspace low-rank s=0.5<"), "short legend name");
        assertFalse(svg.contains("…"), "no legend label cut off");
    }
}
