package dev.basin.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpecHashTest {

    static final String BASE = """
            study: quickstart
            seed: 42
            data:
              dataset: fashion-mnist
              trainSubset: 6000
            model: small-cnn
            train:
              members: 5
              epochs: 4
              batchSize: 128
              optimizer: nesterov
              lr: 0.05
              momentum: 0.9
              weightDecay: 5e-4
              schedule: cosine
              checkpointEvery: 1
            """;

    static final String ENGINE = "0.1.0";

    static StudySpec base() {
        return SpecParser.parse(BASE);
    }

    static StudySpec with(String from, String to) {
        assertTrue(BASE.contains(from), from);
        return SpecParser.parse(BASE.replace(from, to));
    }

    @Test
    void hashIsSha256OfTheNormalisedText() {
        String h = SpecHash.of(base());
        assertTrue(h.matches("[0-9a-f]{64}"), h);
        // pinned: a change here changes every stored study hash; only change it on purpose
        // (last changed when the normalised text gained train.checkpointEverySteps; run keys did not change)
        assertEquals("480361f15a1ee1c2a906b24f17ed5510c03f922b8f319efcf12ea35c3536c213", h);
    }

    @Test
    void hashIgnoresHowTheSpecWasWritten() {
        String sameMeaning = """
                train: {members: 5, epochs: 4, weightDecay: 0.0005}   # defaults left out
                data: {trainSubset: 6_000}
                seed: 42
                study: quickstart
                """;
        assertEquals(SpecHash.of(base()), SpecHash.of(SpecParser.parse(sameMeaning)));
    }

    @Test
    void hashSeesEveryValue() {
        String h = SpecHash.of(base());
        assertNotEquals(h, SpecHash.of(with("study: quickstart", "study: other")));
        assertNotEquals(h, SpecHash.of(with("members: 5", "members: 6")));
        assertNotEquals(h, SpecHash.of(with("checkpointEvery: 1", "checkpointEvery: 2")));
        assertNotEquals(h, SpecHash.of(with("checkpointEvery: 1", "checkpointEvery: 1\n  checkpointEverySteps: 50")));
        assertNotEquals(h, SpecHash.of(with("lr: 0.05", "lr: 0.050000001")));
    }

    @Test
    void runKeyShape() {
        String k = SpecHash.runKey(base(), ENGINE);
        assertTrue(k.matches("[0-9a-f]{16}"), k);
        assertEquals(k, SpecHash.runKey(SpecParser.parse(BASE), ENGINE));
        assertEquals("f82ab4b90f52bbc6", k);
    }

    @Test
    void runKeyIgnoresMembersCheckpointsAndName() {
        String k = SpecHash.runKey(base(), ENGINE);
        assertEquals(k, SpecHash.runKey(with("members: 5", "members: 64"), ENGINE));
        assertEquals(k, SpecHash.runKey(with("checkpointEvery: 1", "checkpointEvery: 4"), ENGINE));
        assertEquals(k, SpecHash.runKey(with("checkpointEvery: 1", "checkpointEvery: 1\n  checkpointEverySteps: 7"),
                ENGINE));
        assertEquals(k, SpecHash.runKey(with("study: quickstart", "study: renamed"), ENGINE));
    }

    @Test
    void runKeyChangesWithWhatShapesTheWeights() {
        String k = SpecHash.runKey(base(), ENGINE);
        List<StudySpec> changed = List.of(
                with("seed: 42", "seed: 43"),
                with("dataset: fashion-mnist", "dataset: mnist"),
                with("trainSubset: 6000", "trainSubset: 6001"),
                with("trainSubset: 6000", "trainSubset: 6000\n  testSubset: 100"),
                with("trainSubset: 6000", "trainSubset: 6000\n  path: /elsewhere"),
                with("model: small-cnn", "model: medium-cnn"),
                with("epochs: 4", "epochs: 5"),
                with("batchSize: 128", "batchSize: 256"),
                with("lr: 0.05", "lr: 0.1"),
                with("momentum: 0.9", "momentum: 0.8"),
                with("weightDecay: 5e-4", "weightDecay: 0"),
                with("schedule: cosine", "schedule: constant"),
                with("optimizer: nesterov\n  lr: 0.05\n  momentum: 0.9", "optimizer: sgd\n  lr: 0.05"));
        for (StudySpec s : changed) {
            assertNotEquals(k, SpecHash.runKey(s, ENGINE), s.toString());
        }
        assertNotEquals(k, SpecHash.runKey(base(), "0.1.1"));
    }

    @Test
    void runKeyNeedsAnEngineVersion() {
        assertThrows(NullPointerException.class, () -> SpecHash.runKey(base(), null));
    }
}
