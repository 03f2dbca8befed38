package dev.basin.spec;

import static dev.basin.spec.SpecTesting.trainWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.DataConfig;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.TrainConfig;
import org.junit.jupiter.api.Test;

class SpecParserGoodTest {

    static final String MINIMAL = """
            study: quickstart
            train:
              members: 5
              epochs: 4
            """;

    static final String FULL = """
            # every key given
            study: full-study-2
            seed: -7
            data:
              dataset: mnist
              path: /data/mnist files
              trainSubset: 1_000
              testSubset: 500
            model: medium-cnn
            train:
              members: 8
              epochs: 20
              batchSize: 64
              optimizer: nesterov
              lr: 0.1
              momentum: 0.95
              weightDecay: 1e-4
              schedule: step
              checkpointEvery: 5
              checkpointEverySteps: 250
            """;

    @Test
    void minimalSpecGetsEveryDefault() {
        StudySpec s = SpecParser.parse(MINIMAL);
        assertEquals(new StudySpec("quickstart", 0L,
                new DataConfig("fashion-mnist", null, 0, 0),
                new ModelConfig("small-cnn"),
                new TrainConfig(5, 4, 128, new OptimizerConfig("nesterov", 0.05, 0.9, 5e-4), "cosine", 1, 0)), s);
    }

    @Test
    void fullSpec() {
        assertEquals(new StudySpec("full-study-2", -7L,
                new DataConfig("mnist", "/data/mnist files", 1000, 500),
                new ModelConfig("medium-cnn"),
                new TrainConfig(8, 20, 64, new OptimizerConfig("nesterov", 0.1, 0.95, 1e-4), "step", 5, 250)),
                SpecParser.parse(FULL));
    }

    @Test
    void modelInitAndDepth() {
        StudySpec s = SpecParser.parse(MINIMAL + "model: {name: fort-medium-cnn, init: glorot}\n");
        assertEquals(new ModelConfig("fort-medium-cnn", 1.0, "glorot", null), s.model());
        assertEquals(new ModelConfig("preresnet", 1.0, "he", 110), SpecParser.parse(MINIMAL + "model: preresnet\n").model());
        assertEquals(new ModelConfig("preresnet", 1.0, "pytorch", 20),
                SpecParser.parse(MINIMAL + "model: {name: preresnet, depth: 20, init: pytorch}\n").model());
        assertEquals("he", SpecParser.parse(MINIMAL).model().init());
        String printed = SpecPrinter.print(SpecParser.parse(MINIMAL + "model: {name: preresnet, init: glorot}\n"));
        assertTrue(printed.contains("  init: glorot\n  depth: 110\n"), printed);
        assertFalse(SpecPrinter.print(SpecParser.parse(MINIMAL)).contains("init"), "he is not printed: hashes keep");
    }

    @Test
    void fort2019ExampleIsTheNotebooksRecipe() throws java.io.IOException {
        StudySpec s = SpecParser.parse(java.nio.file.Files.readString(java.nio.file.Path.of("..", "examples",
                "fort2019.yaml")));
        assertEquals(new ModelConfig("fort-small-cnn", 1.0, "fort", null), s.model());
        assertEquals("adam", s.train().optimizer().name());
        assertEquals(1.6e-3, s.train().optimizer().lr(), 0);
        assertEquals(0, s.train().optimizer().weightDecay(), 0);
        assertEquals("halve-every", s.train().schedule());
        assertEquals(10, s.train().scheduleParams().halveEvery());
        assertEquals(40, s.train().epochs());
        assertEquals(128, s.train().batchSize());
    }

    @Test
    void modelMapForm() {
        StudySpec s = SpecParser.parse(MINIMAL + "model:\n  name: medium-cnn\n");
        assertEquals(new ModelConfig("medium-cnn"), s.model());
        assertEquals(SpecParser.parse(MINIMAL + "model: medium-cnn\n"), s);
        assertEquals(s, SpecParser.parse(MINIMAL + "model: {name: medium-cnn}\n"));
    }

    @Test
    void adamDefaults() {
        OptimizerConfig o = SpecParser.parse(trainWith("optimizer: adam")).train().optimizer();
        assertEquals(new OptimizerConfig("adam", 0.001, 0.0, 5e-4), o);
    }

    @Test
    void sgdDefaults() {
        OptimizerConfig o = SpecParser.parse(trainWith("optimizer: sgd")).train().optimizer();
        assertEquals(new OptimizerConfig("sgd", 0.05, 0.0, 5e-4), o);
    }

    @Test
    void explicitLrOverridesAdamDefault() {
        assertEquals(0.01, SpecParser.parse(trainWith("optimizer: adam\nlr: 0.01")).train().optimizer().lr());
    }

    @Test
    void emptyDataBlockMapGivesDefaults() {
        assertEquals(new DataConfig("fashion-mnist", null, 0, 0), SpecParser.parse(MINIMAL + "data: {}\n").data());
    }

    @Test
    void pathNullMeansDefaultFolder() {
        assertNull(SpecParser.parse(MINIMAL + "data:\n  path: null\n").data().path());
        assertNull(SpecParser.parse(MINIMAL + "data:\n  path:\n").data().path());
    }

    @Test
    void numbersInSeveralForms() {
        assertEquals(5e-4, SpecParser.parse(trainWith("weightDecay: 5e-4")).train().optimizer().weightDecay());
        assertEquals(5e-4, SpecParser.parse(trainWith("weightDecay: 0.0005")).train().optimizer().weightDecay());
        assertEquals(5e-4, SpecParser.parse(trainWith("weightDecay: 5.0E-4")).train().optimizer().weightDecay());
        assertEquals(1.0, SpecParser.parse(trainWith("lr: 1")).train().optimizer().lr());
        assertEquals(0.5, SpecParser.parse(trainWith("lr: .5")).train().optimizer().lr());
        assertEquals(42L, SpecParser.parse(MINIMAL + "seed: +42\n").seed());
        assertEquals(Long.MIN_VALUE, SpecParser.parse(MINIMAL + "seed: -9223372036854775808\n").seed());
    }

    @Test
    void keyOrderCommentsAndFlowStyleDoNotMatter() {
        String other = """
                train: {epochs: 4, members: 5}   # flow style
                # a comment
                study: "quickstart"
                """;
        assertEquals(SpecParser.parse(MINIMAL), SpecParser.parse(other));
    }

    @Test
    void scalarAliasesAreFine() {
        StudySpec s = SpecParser.parse("study: a\ntrain:\n  members: &n 4\n  epochs: *n\n");
        assertEquals(4, s.train().members());
        assertEquals(4, s.train().epochs());
    }

    @Test
    void byteOrderMarkIsIgnored() {
        assertEquals(SpecParser.parse(MINIMAL), SpecParser.parse("\uFEFF" + MINIMAL));
    }

    @Test
    void parsingIsRepeatable() {
        assertEquals(SpecParser.parse(FULL), SpecParser.parse(FULL));
    }

    /** {@code examples/cifar10.yaml}: CIFAR-10 from the default folder, augmented. */
    @Test
    void cifarExampleParses() throws Exception {
        StudySpec spec = SpecParser.parse(java.nio.file.Files.readString(java.nio.file.Path.of("..", "examples",
                "cifar10.yaml")));
        assertEquals(new DataConfig("cifar10", null, 10_000, 0, true), spec.data());
    }
}
