package dev.basin.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.basin.engine.ModelConfig;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.EnsemblesConfig;
import dev.basin.engine.analysis.InterpolationConfig;
import dev.basin.engine.analysis.PlaneConfig;
import dev.basin.engine.analysis.ShiftConfig;
import dev.basin.engine.analysis.SimilarityConfig;
import dev.basin.engine.analysis.SubspaceConfig;
import dev.basin.engine.analysis.SwaConfig;
import dev.basin.engine.analysis.TrajectoryConfig;
import dev.basin.engine.analysis.TsneConfig;
import dev.basin.engine.analysis.WeightPair;
import dev.basin.engine.analysis.WeightRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Specs with the analysis keys that the parser accepts, and the values and defaults it reads from them. */
class AnalysisParserGoodTest {

    /** Every analysis key, every sub-key given. */
    static final String FULL = """
            study: landscape
            seed: 7
            data: {trainSubset: 6000}
            model: {name: resnet20, width: 2}
            train: {members: 5, epochs: 6}
            trajectory: {every: 2}
            similarity: {scopes: [members, trajectory]}
            tsne: {perplexity: 12.5, seed: 99}
            swa: {start: 3, rank: 4}
            subspace:
              around: 1
              samples: 4
              random: {radii: [5, 10, 20], accuracyFloor: 0.5}
              dropout: {rates: [0.1, 0.3]}
              diag-gaussian: {scales: [0.5, 1.0]}
              low-rank-gaussian: {rank: 2, scales: [1.0], from: 2, scale: unit}
            ensembles: {deep: false, swa: true, subspace: true, multiSwag: true}
            plane:
              - anchors: [final:0, final:1, final:2]
                grid: 3
                margin: 0
                trainSubset: 100
              - anchors: [checkpoint:0@2, checkpoint:0@6, swa:0]
                grid: 101
                margin: 2
                trainSubset: 6000
              - anchors: [origin, final:4, swa:4]
            interpolation:
              pairs: [[final:0, final:1], [final:0, swa:0], [checkpoint:1@4, origin]]
              points: 201
              margin: 0.5
              trainSubset: 2000
            shift:
              corruptions: [blur, rotation]
              severities: [5, 1]
            """;

    /** The analysis keys with nothing but what they require: every default. */
    static final String DEFAULTS = """
            study: defaults
            seed: 42
            train: {members: 3, epochs: 4}
            trajectory: {}
            similarity: true
            tsne: {}
            swa: {}
            subspace: {random: {}, dropout: {}, diag-gaussian: {}, low-rank-gaussian: {rank: 1}}
            ensembles: {}
            plane:
              - anchors: [final:0, final:1, final:2]
            interpolation: {pairs: [[final:0, final:1]]}
            shift: {}
            """;

    static AnalysesConfig full() {
        return new AnalysesConfig(new TrajectoryConfig(2, 0), new SimilarityConfig(List.of("members", "trajectory")),
                new TsneConfig(12.5, 99), new SwaConfig(3, 4),
                new SubspaceConfig(1, 4, new SubspaceConfig.Random(List.of(5.0, 10.0, 20.0), 0.5),
                        new SubspaceConfig.Dropout(List.of(0.1, 0.3)), new SubspaceConfig.DiagGaussian(List.of(0.5, 1.0)),
                        new SubspaceConfig.LowRankGaussian(2, List.of(1.0), 2, "unit")),
                new EnsemblesConfig(false, true, true, true),
                List.of(new PlaneConfig(List.of(WeightRef.finalOf(0), WeightRef.finalOf(1), WeightRef.finalOf(2)),
                                3, 0.0, 100),
                        new PlaneConfig(List.of(WeightRef.checkpoint(0, 2), WeightRef.checkpoint(0, 6), WeightRef.swa(0)),
                                101, 2.0, 6000),
                        new PlaneConfig(List.of(WeightRef.origin(), WeightRef.finalOf(4), WeightRef.swa(4)),
                                11, 0.2, 5000)),
                new InterpolationConfig(List.of(new WeightPair(WeightRef.finalOf(0), WeightRef.finalOf(1)),
                        new WeightPair(WeightRef.finalOf(0), WeightRef.swa(0)),
                        new WeightPair(WeightRef.checkpoint(1, 4), WeightRef.origin())), 201, 0.5, 2000),
                new ShiftConfig(List.of("blur", "rotation"), List.of(5, 1)));
    }

    @Test
    void everyKeyGiven() {
        StudySpec s = SpecParser.parse(FULL);
        assertEquals(new ModelConfig("resnet20", 2.0), s.model());
        assertEquals(full(), s.analyses());
    }

    @Test
    void defaults() {
        StudySpec s = SpecParser.parse(DEFAULTS);
        assertEquals(new AnalysesConfig(new TrajectoryConfig(1, 0), new SimilarityConfig(SpecRules.SIMILARITY_SCOPES),
                // the t-SNE seed is the study's; SWA starts after 3/4 of training and keeps as many deviations as
                // it averages epochs (fewer than 10 here)
                new TsneConfig(30.0, 42), new SwaConfig(3, 2),
                new SubspaceConfig(0, 8, new SubspaceConfig.Random(List.of(5.0, 10.0, 20.0), 0.0),
                        new SubspaceConfig.Dropout(List.of(0.1, 0.3)), new SubspaceConfig.DiagGaussian(List.of(0.5, 1.0)),
                        // PCA fitted from where SWA starts (epochs 3 and 4: one direction)
                        new SubspaceConfig.LowRankGaussian(1, List.of(1.0), 3, "singular")),
                new EnsemblesConfig(true, false, false, false),
                List.of(new PlaneConfig(List.of(WeightRef.finalOf(0), WeightRef.finalOf(1), WeightRef.finalOf(2)),
                        11, 0.2, 5000)),
                new InterpolationConfig(List.of(new WeightPair(WeightRef.finalOf(0), WeightRef.finalOf(1))),
                        21, 0.2, 5000),
                new ShiftConfig(SpecRules.CORRUPTIONS, SpecRules.SEVERITIES)), s.analyses());
    }

    @Test
    void noAnalysisKeyIsNone() {
        StudySpec s = SpecParser.parse(SpecParserGoodTest.MINIMAL);
        assertEquals(AnalysesConfig.NONE, s.analyses());
        assertEquals(new ModelConfig("small-cnn", 1.0), s.model());
    }

    @Test
    void swaDefaultsFollowTheEpochs() {
        assertEquals(new SwaConfig(15, 6), swa(20, "{}"));
        assertEquals(new SwaConfig(1, 1), swa(1, "{}"));
        assertEquals(new SwaConfig(30, 10), swa(40, "{}"));
        assertEquals(new SwaConfig(2, 3), swa(4, "{start: 2}"), "the rank default follows an explicit start");
        assertEquals(new SwaConfig(3, 0), swa(4, "{rank: 0}"));
    }

    private static SwaConfig swa(int epochs, String value) {
        return SpecParser.parse("study: a\ntrain: {members: 1, epochs: " + epochs + "}\nswa: " + value + "\n")
                .analyses().swa();
    }

    @Test
    void analysisTrainSubsetDefaultsToTheDataWhenSmaller() {
        String yaml = "study: a\ndata: {trainSubset: 1000}\ntrain: {members: 2, epochs: 1}\n"
                + "plane: [{anchors: [final:0, final:1, origin]}]\ninterpolation: {pairs: [[final:0, final:1]]}\n";
        AnalysesConfig a = SpecParser.parse(yaml).analyses();
        assertEquals(1000, a.planes().get(0).trainSubset());
        assertEquals(1000, a.interpolation().trainSubset());
    }

    @Test
    void similarityForms() {
        String base = "study: a\ntrain: {members: 2, epochs: 2}\ntrajectory: {}\n";
        SimilarityConfig all = new SimilarityConfig(List.of("trajectory", "members", "all"));
        assertEquals(all, SpecParser.parse(base + "similarity: true\n").analyses().similarity());
        assertEquals(all, SpecParser.parse(base + "similarity: {}\n").analyses().similarity());
        assertNull(SpecParser.parse(base + "similarity: false\n").analyses().similarity());
        // the members' final weights need no trajectory
        assertEquals(new SimilarityConfig(List.of("members")), SpecParser.parse(
                "study: a\ntrain: {members: 2, epochs: 2}\nsimilarity: {scopes: [members]}\n").analyses().similarity());
    }

    @Test
    void trajectoryBySteps() {
        StudySpec s = SpecParser.parse("study: a\ntrain: {members: 2, epochs: 3}\ntrajectory: {everySteps: 50}\n"
                + "plane: [{anchors: [checkpoint:0@3, final:0, final:1]}]\n");
        assertEquals(new TrajectoryConfig(0, 50), s.analyses().trajectory());
        assertEquals(List.of(3), SpecRules.keptEpochs(s.analyses().trajectory(), 3));
    }

    @Test
    void keptEpochs() {
        assertEquals(List.of(2, 4, 5), SpecRules.keptEpochs(new TrajectoryConfig(2, 0), 5));
        assertEquals(List.of(1, 2, 3), SpecRules.keptEpochs(new TrajectoryConfig(1, 0), 3));
        assertEquals(List.of(4), SpecRules.keptEpochs(new TrajectoryConfig(4, 0), 4));
        assertEquals(List.of(7), SpecRules.keptEpochs(new TrajectoryConfig(0, 100), 7));
    }

    @Test
    void keyOrderAndBlockStyleDoNotMatter() {
        String other = """
                shift:
                  severities: [5, 1]
                  corruptions:
                    - blur
                    - rotation
                interpolation:
                  trainSubset: 2000
                  margin: 0.5
                  points: 201
                  pairs:
                    - [final:0, final:1]
                    - - final:0
                      - swa:0
                    - ["checkpoint:1@4", 'origin']
                """;
        String head = FULL.substring(0, FULL.indexOf("interpolation:"));
        assertEquals(SpecParser.parse(FULL), SpecParser.parse(head + other));
    }

    @Test
    void analysesOfAParsedSpecAreUnmodifiable() {
        AnalysesConfig a = SpecParser.parse(FULL).analyses();
        assertSame(UnsupportedOperationException.class, thrown(() -> a.planes().clear()));
        assertSame(UnsupportedOperationException.class, thrown(() -> a.planes().get(0).anchors().clear()));
        assertSame(UnsupportedOperationException.class, thrown(() -> a.subspace().random().radii().clear()));
    }

    private static Class<?> thrown(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }
}
