package dev.basin.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basin.engine.DataConfig;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.TrainConfig;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.EnsemblesConfig;
import dev.basin.engine.analysis.InterpolationConfig;
import dev.basin.engine.analysis.PlaneConfig;
import dev.basin.engine.analysis.ShiftConfig;
import dev.basin.engine.analysis.SimilarityConfig;
import dev.basin.engine.analysis.SubspaceConfig;
import dev.basin.engine.analysis.SwaConfig;
import dev.basin.engine.analysis.TrajectoryConfig;
import dev.basin.engine.analysis.WeightPair;
import dev.basin.engine.analysis.WeightRef;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

    static StudySpec spec(String optimizer, double momentum, int epochs, int every) {
        return new StudySpec("built-in-code", 1, new DataConfig("mnist", null, 0, 0), new ModelConfig("small-cnn"),
                new TrainConfig(2, epochs, 32, new OptimizerConfig(optimizer, 0.05, momentum, 0), "step", every, 0));
    }

    @Test
    void validSpecPasses() {
        StudySpec s = spec("nesterov", 0.9, 3, 3);
        assertSame(s, SpecValidator.validate(s));
        assertEquals(List.of(), SpecValidator.problems(s));
    }

    @Test
    void builtSpecProblemsHaveNoLine() {
        SpecException e = assertThrows(SpecException.class, () -> SpecValidator.validate(spec("sgd", 0.9, 3, 4)));
        assertEquals(2, e.problems().size());
        assertEquals(new SpecProblem("train.momentum", SpecValidator.momentumMessage("sgd") + ", got 0.9", 0),
                e.problems().get(0));
        assertEquals("train.checkpointEvery: must be at most train.epochs (3), got 4", e.problems().get(1).toString());
    }

    @Test
    void nullParts() {
        StudySpec s = new StudySpec(null, 0, null, null, null);
        assertEquals(List.of("study", "data", "model", "train"),
                SpecValidator.problems(s).stream().map(SpecProblem::path).toList());
    }

    @Test
    void nullAnalysesAndNullsInsideThem() {
        StudySpec none = new StudySpec(null, 0, null, null, null, null);
        assertEquals(List.of("study", "data", "model", "train", "analyses"),
                SpecValidator.problems(none).stream().map(SpecProblem::path).toList());
        StudySpec s = withAnalyses(new AnalysesConfig(new TrajectoryConfig(1, 0), new SimilarityConfig(null), null,
                null, new SubspaceConfig(0, 8, new SubspaceConfig.Random(Arrays.asList(1.0, null), 0), null, null,
                        null), null,
                Arrays.asList(new PlaneConfig(Arrays.asList(WeightRef.finalOf(0), null, WeightRef.origin()), 11, 0.2,
                        5000), null),
                new InterpolationConfig(Arrays.asList(new WeightPair(WeightRef.finalOf(0), null), null), 21, 0.2, 5000),
                new ShiftConfig(List.of(), null)));
        assertEquals(List.of(
                "similarity.scopes: must not be null",
                "subspace.random.radii[1]: must not be null",
                "plane[0].anchors[1]: must not be null",
                "plane[1]: must not be null",
                "interpolation.pairs[0][1]: must not be null",
                "interpolation.pairs[1]: must not be null",
                "shift.corruptions: must list at least one corruption",
                "shift.severities: must not be null"),
                SpecValidator.problems(s).stream().map(SpecProblem::toString).toList());
    }

    @Test
    void builtAnalysesGetTheParsersRules() {
        StudySpec s = withAnalyses(new AnalysesConfig(null, null, null, new SwaConfig(4, 0), null,
                new EnsemblesConfig(true, true, true, false),
                List.of(new PlaneConfig(List.of(WeightRef.checkpoint(0, 1), WeightRef.swa(2), WeightRef.origin()),
                        11, 0.2, 5000)),
                null, null));
        assertEquals(List.of(
                "swa.start: 4 is after the last epoch (train.epochs = 3)",
                "ensembles.subspace: needs the subspace key: it ensembles the subspace samples",
                "plane[0].anchors[0]: 'checkpoint:0@1' needs the trajectory key (trajectory: {every: 1}; only its"
                        + " checkpoints are kept)",
                "plane[0].anchors[1]: 'swa:2': member 2 does not exist; train.members is 2"),
                SpecValidator.problems(s).stream().map(SpecProblem::toString).toList());
    }

    private static StudySpec withAnalyses(AnalysesConfig analyses) {
        StudySpec s = spec("nesterov", 0.9, 3, 3);
        return new StudySpec(s.study(), s.seed(), s.data(), s.model(), s.train(), analyses);
    }

    @Test
    void problemAndExceptionText() {
        SpecProblem p = new SpecProblem("train.lr", "must be > 0, got -1", 9);
        assertEquals("train.lr: must be > 0, got -1 (line 9)", p.toString());
        assertEquals("train.lr: must be > 0, got -1", new SpecProblem("train.lr", "must be > 0, got -1", 0).toString());
        assertEquals("spec is empty", new SpecProblem("", "spec is empty", 0).toString());
        SpecException e = new SpecException(List.of(p, new SpecProblem("study", "required", 0)));
        assertEquals("train.lr: must be > 0, got -1 (line 9)\nstudy: required", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SpecException(List.of()));
    }
}
