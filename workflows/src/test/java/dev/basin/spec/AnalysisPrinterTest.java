package dev.basin.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basin.engine.DataConfig;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.TrainConfig;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.SwaConfig;
import dev.basin.engine.analysis.TrajectoryConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The normalised text of the analysis keys, and {@code parse(print(x)) == x}. */
class AnalysisPrinterTest {

    @Test
    void printsEveryAnalysisKeyWithItsDefaults() {
        String text = SpecPrinter.print(SpecParser.parse(AnalysisParserGoodTest.DEFAULTS));
        assertEquals("""
                study: defaults
                seed: 42
                data:
                  dataset: fashion-mnist
                  path: null
                  trainSubset: 0
                  testSubset: 0
                model:
                  name: small-cnn
                  width: 1.0
                train:
                  members: 3
                  epochs: 4
                  batchSize: 128
                  optimizer: nesterov
                  lr: 0.05
                  momentum: 0.9
                  weightDecay: 0.0005
                  schedule: cosine
                  checkpointEvery: 1
                  checkpointEverySteps: 0
                trajectory:
                  every: 1
                similarity:
                  scopes: [trajectory, members, all]
                tsne:
                  perplexity: 30.0
                  seed: 42
                swa:
                  start: 3
                  rank: 2
                subspace:
                  around: 0
                  samples: 8
                  random:
                    radii: [5.0, 10.0, 20.0]
                    accuracyFloor: 0.0
                  dropout:
                    rates: [0.1, 0.3]
                  diag-gaussian:
                    scales: [0.5, 1.0]
                  low-rank-gaussian:
                    rank: 1
                    scales: [1.0]
                    from: 3
                    scale: singular
                ensembles:
                  deep: true
                  swa: false
                  subspace: false
                  multiSwag: false
                plane:
                  - anchors: [final:0, final:1, final:2]
                    grid: 11
                    margin: 0.2
                    trainSubset: 5000
                interpolation:
                  pairs: [[final:0, final:1]]
                  points: 21
                  margin: 0.2
                  trainSubset: 5000
                shift:
                  corruptions: [gaussian-noise, blur, rotation, contrast, pixelate]
                  severities: [1, 2, 3, 4, 5]
                """, text);
    }

    @Test
    void trajectoryByStepsPrintsOnlySteps() {
        String text = SpecPrinter.print(SpecParser.parse(
                "study: a\ntrain: {members: 1, epochs: 2}\ntrajectory: {everySteps: 250}\n"));
        assertEquals(true, text.endsWith("trajectory:\n  everySteps: 250\n"), text);
    }

    @Test
    void roundTrip() {
        List<StudySpec> specs = List.of(
                SpecParser.parse(AnalysisParserGoodTest.FULL),
                SpecParser.parse(AnalysisParserGoodTest.DEFAULTS),
                SpecParser.parse("study: a\ntrain: {members: 2, epochs: 3}\ntrajectory: {everySteps: 7}\n"
                        + "similarity: {scopes: [all]}\ntsne: {perplexity: 2, seed: -9223372036854775808}\n"
                        + "plane: [{anchors: [checkpoint:1@3, origin, final:1], margin: 0.30000000000000004}]\n"),
                built(new AnalysesConfig(new TrajectoryConfig(3, 0), null, null, new SwaConfig(7, 0),
                        null, null, null, null, null)),
                built(AnalysesConfig.NONE));
        for (StudySpec s : specs) {
            assertEquals(List.of(), SpecValidator.problems(s), s.toString());
            String text = SpecPrinter.print(s);
            assertEquals(s, SpecParser.parse(text), text);
            assertEquals(text, SpecPrinter.print(SpecParser.parse(text)), "printing is idempotent");
        }
    }

    private static StudySpec built(AnalysesConfig analyses) {
        return new StudySpec("built", 3, new DataConfig("mnist", null, 0, 0), new ModelConfig("medium-cnn", 0.25),
                new TrainConfig(4, 9, 32, new OptimizerConfig("sgd", 0.1, 0, 0), "step", 1, 0), analyses);
    }

    @Test
    void oneKeyAtATime() {
        StudySpec s = SpecParser.parse(AnalysisParserGoodTest.FULL);
        assertEquals("swa:\n  start: 3\n  rank: 4\n", SpecPrinter.block("swa", s.analyses().swa()));
        assertEquals("plane[1]:\n  anchors: [checkpoint:0@2, checkpoint:0@6, swa:0]\n  grid: 101\n  margin: 2.0\n"
                + "  trainSubset: 6000\n", SpecPrinter.block("plane[1]", s.analyses().planes().get(1)));
        assertEquals("model:\n  name: resnet20\n  width: 2.0\n", SpecPrinter.block("model", s.model()));
        assertEquals("tsne: null\n", SpecPrinter.block("tsne", null));
        assertThrows(IllegalArgumentException.class, () -> SpecPrinter.block("x", "a string"));
    }
}
