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

    /** Rows of (kind, variant, size, first-k value[, subset mean, subset sd]); no subset columns reads as null. */
    private static HandContext answered(HandContext c, String metric, String[]... rows) {
        String[][] padded = new String[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            padded[i] = java.util.Arrays.copyOf(rows[i], 6);
        }
        return c.answer(", s." + metric + "_sd from ensemble_size e",
                List.of("kind", "variant", "size", metric, metric + "_mean", metric + "_sd"), padded);
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
        assertTrue(figures.get(1).sql().startsWith("select e.kind, e.variant, e.size, e.nll, s.nll_mean, s.nll_sd"
                + " from ensemble_size e left join ensemble_size_subsets s"), figures.get(1).sql());
    }

    @Test
    void aKindScoredOverSubsetsIsItsMeanWithAnSdBandAndItsFirstKDashed() {
        HandContext c = done();
        for (String m : List.of("accuracy", "nll", "brier", "ece")) {
            answered(c, m,
                    Specs.row("deep", "", "1", "0.8", "0.7", "0.1"),
                    Specs.row("deep", "", "2", "0.85", "0.8", "0.05"),
                    Specs.row("deep", "", "3", "0.9", "0.9", null),
                    Specs.row("swa", "", "1", "0.82"));
        }
        Figure f = new EnsembleSizeSection().figures(c).get(0);
        assertTrue(f.caption().contains("mean over all subsets") && f.caption().contains("first k"), f.caption());
        Svg svg = Svg.parse(f.svg());
        assertEquals(List.of("_deep ±1 sd", "deep", "deep first k", "swa"), svg.series());
        assertArrayEquals(new double[] {0.7, 0.8, 0.9}, svg.lines("deep").get(0)[1], 1e-9);
        assertArrayEquals(new double[] {0.8, 0.85, 0.9}, svg.lines("deep first k").get(0)[1], 1e-9);
        org.w3c.dom.Element band = svg.withClass("area").get(0);
        assertArrayEquals(new double[] {1, 2, 3}, Svg.numbers(band.getAttribute("data-xs")), 1e-12);
        assertArrayEquals(new double[] {0.6, 0.75, 0.9}, Svg.numbers(band.getAttribute("data-los")), 1e-9);
        assertArrayEquals(new double[] {0.8, 0.85, 0.9}, Svg.numbers(band.getAttribute("data-his")), 1e-9,
                "one subset of all three: the band closes on the mean");
        SvgDoc doc = SvgDoc.parse(f.svg());
        List<String> legend = SvgDoc.byClass(doc.root(), "legend-entry").stream()
                .map(e -> e.getAttribute("data-series")).toList();
        assertEquals(List.of("deep", "deep first k", "swa"), legend, "the band is not listed");
        org.w3c.dom.Element firstK = SvgDoc.byClass(doc.root(), "series").stream()
                .filter(g -> g.getAttribute("data-series").equals("deep first k")).findFirst().orElseThrow();
        assertEquals("6 4", SvgDoc.byClass(firstK, "line").get(0).getAttribute("stroke-dasharray"));
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
