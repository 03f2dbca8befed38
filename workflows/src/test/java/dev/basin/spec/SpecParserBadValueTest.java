package dev.basin.spec;

import static dev.basin.spec.SpecTesting.one;
import static dev.basin.spec.SpecTesting.only;
import static dev.basin.spec.SpecTesting.problems;
import static dev.basin.spec.SpecTesting.train;
import static dev.basin.spec.SpecTesting.trainWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Specs the parser refuses for their values: study names, ranges, unknown names, and many problems at once. */
class SpecParserBadValueTest {

    // ---- study names ---------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"../etc", "a/b", "Robert'); DROP TABLE students;--", "Quickstart", "my_study", "a.b",
            "-lead", "with space", "naïve"})
    void badStudyNames(String name) {
        SpecProblem p = only("study: " + Text.yamlQuoted(name) + "\ntrain: {members: 1, epochs: 1}\n");
        assertEquals("study", p.path());
        assertEquals(1, p.line());
        assertEquals("must be lower-case letters, digits and '-', not starting with '-' (^[a-z0-9][a-z0-9-]{0,62}$;"
                + " it becomes part of storage keys and SQL values), got " + Text.quote(name), p.message());
    }

    @Test
    void sqlInjectionStudyNameMessage() {
        assertEquals("study: must be lower-case letters, digits and '-', not starting with '-'"
                + " (^[a-z0-9][a-z0-9-]{0,62}$; it becomes part of storage keys and SQL values),"
                + " got \"Robert'); DROP TABLE students;--\" (line 1)",
                one("study: \"Robert'); DROP TABLE students;--\"\ntrain: {members: 1, epochs: 1}\n"));
    }

    @Test
    void studyNameTooLong() {
        String name = "a".repeat(64);
        assertEquals("study: must be at most 63 characters, got 64 (\"" + "a".repeat(40) + "...\") (line 1)",
                one("study: " + name + "\ntrain: {members: 1, epochs: 1}\n"));
        SpecParser.parse("study: " + "a".repeat(63) + "\ntrain: {members: 1, epochs: 1}\n");
    }

    @Test
    void emptyStudyName() {
        assertEquals("study: must not be empty: a name matching ^[a-z0-9][a-z0-9-]{0,62}$ (line 1)",
                one("study: ''\ntrain: {members: 1, epochs: 1}\n"));
    }

    // ---- ranges: each bound, both sides --------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "members: 0       | train.members: must be between 1 and 64 (64 is a sane upper bound for one study), got 0",
        "members: 65      | train.members: must be between 1 and 64 (64 is a sane upper bound for one study), got 65",
        "epochs: 0        | train.epochs: must be between 1 and 1000, got 0",
        "epochs: 1001     | train.epochs: must be between 1 and 1000, got 1001",
        "batchSize: 0     | train.batchSize: must be between 1 and 8192, got 0",
        "batchSize: 8193  | train.batchSize: must be between 1 and 8192, got 8193",
        "lr: 0            | train.lr: must be > 0, got 0",
        "lr: -1           | train.lr: must be > 0, got -1",
        "lr: 10.000001    | train.lr: must be <= 10, got 10.000001",
        "momentum: -0.01  | train.momentum: must be >= 0 and < 1, got -0.01",
        "momentum: 1      | train.momentum: must be >= 0 and < 1, got 1",
        "weightDecay: -1e-9 | train.weightDecay: must be >= 0 and < 1, got -1.0E-9",
        "weightDecay: 1.0 | train.weightDecay: must be >= 0 and < 1, got 1",
        "checkpointEvery: 0 | train.checkpointEvery: must be at least 1 (epochs between checkpoints), got 0",
        "checkpointEverySteps: -1 | train.checkpointEverySteps: must be between 0 and 100000000 (global steps between"
                + " checkpoints; 0 = only at epoch ends), got -1",
        "checkpointEverySteps: 100000001 | train.checkpointEverySteps: must be between 0 and 100000000 (global steps"
                + " between checkpoints; 0 = only at epoch ends), got 100000001",
    })
    void trainOutOfRange(String line, String expected) {
        String key = line.substring(0, line.indexOf(':'));
        boolean required = key.equals("members") || key.equals("epochs");
        String yaml = required
                ? train((key.equals("members") ? "epochs: 4\n" : "members: 5\n") + line)
                : trainWith(line);
        assertEquals(expected + (required ? " (line 4)" : " (line 5)"), one(yaml));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "members: 1", "members: 64", "epochs: 1", "epochs: 1000", "batchSize: 1", "batchSize: 8192",
        "lr: 1e-12", "lr: 10", "momentum: 0", "momentum: 0.999999", "weightDecay: 0", "weightDecay: 0.999999",
        "checkpointEvery: 1", "checkpointEverySteps: 0", "checkpointEverySteps: 100000000",
    })
    void trainBoundsAreInclusive(String line) {
        String key = line.substring(0, line.indexOf(':'));
        String yaml = key.equals("members") || key.equals("epochs")
                ? train((key.equals("members") ? "epochs: 4\n" : "members: 5\n") + line)
                : trainWith(line);
        SpecParser.parse(yaml);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "trainSubset: -1    | data.trainSubset: must be between 0 and 60000 (0 means all), got -1",
        "trainSubset: 60001 | data.trainSubset: must be between 0 and 60000 (0 means all), got 60001",
        "testSubset: -1     | data.testSubset: must be between 0 and 10000 (0 means all), got -1",
        "testSubset: 10001  | data.testSubset: must be between 0 and 10000 (0 means all), got 10001",
    })
    void dataOutOfRange(String line, String expected) {
        assertEquals(expected + " (line 6)", one(trainWith("") + "data:\n  " + line + "\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"trainSubset: 0", "trainSubset: 60000", "trainSubset: 128", "testSubset: 0",
            "testSubset: 10000", "testSubset: 1"})
    void dataBoundsAreInclusive(String line) {
        SpecParser.parse(trainWith("") + "data:\n  " + line + "\n");
    }

    @Test
    void checkpointEveryAboveEpochs() {
        assertEquals("train.checkpointEvery: must be at most train.epochs (4), got 5 (line 5)",
                one(trainWith("checkpointEvery: 5")));
        SpecParser.parse(trainWith("checkpointEvery: 4"));
    }

    @Test
    void trainSubsetSmallerThanBatch() {
        assertEquals("data.trainSubset: must be 0 (all) or at least train.batchSize (128) so that every epoch"
                + " has a step, got 127 (line 6)", one(trainWith("") + "data:\n  trainSubset: 127\n"));
        assertEquals("data.trainSubset: must be 0 (all) or at least train.batchSize (256) so that every epoch"
                + " has a step, got 200 (line 7)", one(trainWith("batchSize: 256") + "data:\n  trainSubset: 200\n"));
    }

    @Test
    void crossChecksAreSkippedWhenAPartIsAlreadyWrong() {
        assertEquals("train.epochs: must be an integer, got \"four\" (line 4)",
                one(train("members: 5\nepochs: four\ncheckpointEvery: 5")));
    }

    // ---- names ---------------------------------------------------------------------------------------

    private static final String MODELS = "small-cnn, medium-cnn, resnet20, fort-small-cnn, fort-medium-cnn, vgg16,"
            + " vgg16-bn, preresnet";

    @Test
    void unknownInitNamesTheAllowedOnes() {
        assertEquals("model.init: must be one of he, glorot, pytorch, fort; got \"xavier\" (line 7)",
                one(trainWith("") + "model:\n  name: small-cnn\n  init: xavier\n"));
    }

    @Test
    void depthOnlyForPreresnetAndAsItsCodeAllows() {
        assertEquals("model.depth: only for preresnet; vgg16's depth is fixed: remove model.depth (line 7)",
                one(trainWith("") + "model:\n  name: vgg16\n  depth: 20\n"));
        assertEquals("model.depth: must be 6n+2 below 44 (basic blocks: 8, 14, 20, 26, 32, 38), got 21 (as"
                + " dnn-mode-connectivity's preresnet.py requires) (line 7)",
                one(trainWith("") + "model:\n  name: preresnet\n  depth: 21\n"));
        assertEquals("model.depth: must be 9n+2 from 44 on (bottleneck blocks: 47, 56, 65, ..., 110, 164), got 100 (as"
                + " dnn-mode-connectivity's preresnet.py requires) (line 7)",
                one(trainWith("") + "model:\n  name: preresnet\n  depth: 100\n"));
        assertEquals("model.depth: must be between 8 and 1001, got 2 (as dnn-mode-connectivity's preresnet.py requires)"
                + " (line 7)",
                one(trainWith("") + "model:\n  name: preresnet\n  depth: 2\n"));
    }

    @Test
    void unknownModel() {
        assertEquals("model: must be one of " + MODELS + "; got \"resnet-50\"; did you mean"
                + " 'resnet20'? (line 5)",
                one(trainWith("") + "model: resnet-50\n"));
        assertEquals("model: must be one of " + MODELS + "; got \"small_cnn\"; did you mean 'small-cnn'?"
                + " (line 5)", one(trainWith("") + "model: small_cnn\n"));
    }

    @Test
    void unknownModelInMapForm() {
        assertEquals("model: must be one of " + MODELS + "; got \"big-cnn\" (line 6)",
                one(trainWith("") + "model:\n  name: big-cnn\n"));
    }

    @Test
    void modelMapWithoutName() {
        List<SpecProblem> p = problems(trainWith("") + "model:\n  nme: small-cnn\n");
        assertEquals(2, p.size());
        assertEquals("model.name: required when model is a map: one of " + MODELS + " (line 5)",
                p.get(0).toString());
        assertEquals("model.nme: unknown key; allowed: name, width, init, depth; did you mean 'name'? (line 6)", p.get(1).toString());
    }

    @Test
    void modelAsList() {
        assertEquals("model: must be a model name (one of " + MODELS + ") or a map {name: ..., width: ...},"
                + " got a list"
                + " (line 5)", one(trainWith("") + "model: [small-cnn]\n"));
    }

    @Test
    void augmentIsABooleanAndAnS3PathNeedsABucket() {
        assertTrue(one(trainWith("") + "data:\n  augment: 3\n").startsWith("data.augment: must be"),
                one(trainWith("") + "data:\n  augment: 3\n"));
        assertEquals("data.path: must be s3://bucket or s3://bucket/prefix with a valid bucket name (3-63 characters:"
                + " lower-case letters, digits, '.', '-'), got \"s3://\" (line 6)",
                one(trainWith("") + "data:\n  path: s3://\n"));
        SpecParser.parse(trainWith("") + "data:\n  dataset: cifar10\n  path: s3://my-data/cifar/10\n  augment: true\n");
    }

    @Test
    void unknownDataset() {
        assertEquals("data.dataset: must be one of fashion-mnist, mnist, cifar10, cifar100; got \"imagenet\" (line 6)",
                one(trainWith("") + "data:\n  dataset: imagenet\n"));
        assertEquals("data.dataset: must be one of fashion-mnist, mnist, cifar10, cifar100; got \"fashion_mnist\";"
                + " did you mean"
                + " 'fashion-mnist'? (line 6)", one(trainWith("") + "data:\n  dataset: fashion_mnist\n"));
    }

    @Test
    void unknownOptimizer() {
        assertEquals("train.optimizer: must be one of sgd, nesterov, adam; got \"rmsprop\" (line 5)",
                one(trainWith("optimizer: rmsprop")));
        assertEquals("train.optimizer: must be one of sgd, nesterov, adam; got \"Adam\"; did you mean 'adam'?"
                + " (line 5)", one(trainWith("optimizer: Adam")));
    }

    @Test
    void unknownSchedule() {
        assertEquals("train.schedule: must be one of constant, step, cosine, swa, cyclic, halve-every; got \"linear\" (line 5)",
                one(trainWith("schedule: linear")));
        assertEquals("train.schedule: must be one of constant, step, cosine, swa, cyclic, halve-every; got \"cosin\"; did you mean 'cosine'?"
                + " (line 5)", one(trainWith("schedule: cosin")));
    }

    @Test
    void momentumWithSgd() {
        assertEquals("train.momentum: not allowed with optimizer sgd: DL4J has no plain-momentum SGD; for SGD"
                + " with momentum use optimizer: nesterov, for plain SGD leave momentum out (line 6)",
                one(trainWith("optimizer: sgd\nmomentum: 0.9")));
    }

    @Test
    void momentumWithAdam() {
        String m = one(trainWith("momentum: 0.9\noptimizer: adam"));
        assertTrue(m.startsWith("train.momentum: not allowed with optimizer adam:"), m);
        assertTrue(m.contains("DL4J has no plain-momentum SGD") && m.contains("use optimizer: nesterov"), m);
        assertTrue(m.endsWith("(line 5)"), m);
    }

    @Test
    void momentumZeroWithSgdIsStillAnError() {
        assertEquals("train.momentum", only(trainWith("optimizer: sgd\nmomentum: 0")).path());
    }

    @Test
    void emptyPath() {
        assertEquals("data.path: must not be empty; leave it out (or null) for the dataset's default folder"
                + " (line 6)", one(trainWith("") + "data:\n  path: ''\n"));
    }

    @Test
    void pathWithControlCharacters() {
        assertEquals("data.path: must not contain control characters, got \"/data\\nx\" (line 6)",
                one(trainWith("") + "data:\n  path: \"/data\\nx\"\n"));
    }

    // ---- many at once --------------------------------------------------------------------------------

    @Test
    void reportsEveryProblemWithItsLine() {
        String yaml = """
                study: Bad_Name
                seed: 1.5
                data:
                  dataset: cifar
                train:
                  members: 0
                  epochs: ten
                  lr: -1
                  optimizr: adam
                model: tiny
                """;
        List<SpecProblem> p = problems(yaml);
        assertEquals(List.of(
                "study@1", "seed@2", "data.dataset@4", "train.members@6", "train.epochs@7", "train.lr@8",
                "train.optimizr@9", "model@10"),
                p.stream().map(x -> x.path() + "@" + x.line()).toList(), SpecTesting.join(p));
        assertEquals("train.lr: must be > 0, got -1 (line 8)", p.get(5).toString());
        assertEquals("train.optimizr: unknown key; allowed: members, epochs, batchSize, optimizer, lr, momentum,"
                + " weightDecay, schedule, swaLr, cycle, minLr, halveEvery, checkpointEvery, checkpointEverySteps; did you mean 'optimizer'? (line 9)",
                p.get(6).toString());
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse(yaml));
        assertEquals(8, e.getMessage().split("\n").length);
        assertTrue(e.getMessage().startsWith("study: must be lower-case"), e.getMessage());
    }

    @Test
    void problemsIsEmptyForAGoodSpec() {
        assertEquals(List.of(), SpecParser.problems(trainWith("")));
    }

    @Test
    void nullInputIsAProgrammingError() {
        assertThrows(NullPointerException.class, () -> SpecParser.parse(null));
    }
}
