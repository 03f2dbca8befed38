package dev.basin.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basin.engine.DataConfig;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.TrainConfig;
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
