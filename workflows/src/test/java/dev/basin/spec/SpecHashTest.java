package dev.basin.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.analysis.AnalysesConfig;
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
        // (last changed when the normalised text gained model.width; run keys did not change)
        assertEquals("993d03ea410b40e97093e55452f86cdea432611a835832f5a1c400045de59f6f", h);
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

    static final String ANALYSES = """
            trajectory: {every: 2}
            similarity: {}
            tsne: {perplexity: 10}
            swa: {start: 3}
            subspace: {random: {}, diag-gaussian: {}}
            ensembles: {swa: true, subspace: true}
            plane: [{anchors: [final:0, checkpoint:1@2, swa:0]}]
            interpolation: {pairs: [[final:0, final:1]]}
            shift: {severities: [3]}
            curves: [{between: [final:0, final:1], epochs: 2}]
            fge: {cycle: 2}
            sse: {snapshots: 2}
            budget: {max: 2}
            """;

    @Test
    void runKeyIgnoresEveryAnalysisKey() {
        String k = SpecHash.runKey(base(), ENGINE);
        StudySpec with = SpecParser.parse(BASE + ANALYSES);
        assertNotEquals(AnalysesConfig.NONE, with.analyses());
        assertEquals(k, SpecHash.runKey(with, ENGINE));
        for (String[] change : new String[][] {{"every: 2", "every: 1"}, {"perplexity: 10", "perplexity: 20"},
                {"start: 3", "start: 4"}, {"random: {}, ", ""}, {"severities: [3]", "severities: [4]"},
                {"checkpoint:1@2", "origin"}, {"epochs: 2}]", "epochs: 3}]"}, {"cycle: 2", "cycle: 4"},
                {"snapshots: 2", "snapshots: 3"}, {"max: 2", "max: 3"}}) {
            StudySpec changed = SpecParser.parse(BASE + ANALYSES.replace(change[0], change[1]));
            assertNotEquals(with, changed, change[0]);
            assertEquals(k, SpecHash.runKey(changed, ENGINE), change[0]);
        }
        assertNotEquals(SpecHash.of(base()), SpecHash.of(with), "the spec hash sees them");
    }

    /** {@code data.augment: false} adds no line, so members trained before the key existed keep their key. */
    @Test
    void runKeyChangesWithAugmentButNotWhenItIsOff() {
        String k = SpecHash.runKey(base(), ENGINE);
        StudySpec off = with("trainSubset: 6000", "trainSubset: 6000\n  augment: false");
        assertEquals(k, SpecHash.runKey(off, ENGINE));
        assertEquals(SpecHash.of(base()), SpecHash.of(off));
        StudySpec on = with("trainSubset: 6000", "trainSubset: 6000\n  augment: true");
        assertTrue(on.data().augment());
        assertNotEquals(k, SpecHash.runKey(on, ENGINE));
        assertNotEquals(SpecHash.of(base()), SpecHash.of(on));
        assertTrue(SpecPrinter.print(on).contains("  augment: true\n"), SpecPrinter.print(on));
        assertEquals(on, SpecParser.parse(SpecPrinter.print(on)));
    }

    @Test
    void runKeyChangesWithWidthButNotForTheDefaultWidth() {
        String k = SpecHash.runKey(base(), ENGINE);
        assertEquals(k, SpecHash.runKey(with("model: small-cnn", "model: {name: small-cnn, width: 1}"), ENGINE));
        String wide = SpecHash.runKey(with("model: small-cnn", "model: {name: small-cnn, width: 2}"), ENGINE);
        assertNotEquals(k, wide);
        assertNotEquals(wide, SpecHash.runKey(with("model: small-cnn", "model: {name: small-cnn, width: 0.5}"), ENGINE));
        assertNotEquals(wide, SpecHash.runKey(with("model: small-cnn", "model: {name: medium-cnn, width: 2}"), ENGINE));
    }

    @Test
    void runKeyChangesWithInitAndDepthButNotForHe() {
        String k = SpecHash.runKey(base(), ENGINE);
        assertEquals(k, SpecHash.runKey(with("model: small-cnn", "model: {name: small-cnn, init: he}"), ENGINE));
        String glorot = SpecHash.runKey(with("model: small-cnn", "model: {name: small-cnn, init: glorot}"), ENGINE);
        assertNotEquals(k, glorot);
        assertNotEquals(glorot, SpecHash.runKey(with("model: small-cnn", "model: {name: small-cnn, init: pytorch}"),
                ENGINE));
        String deep = SpecHash.runKey(with("model: small-cnn", "model: {name: preresnet, depth: 20}"), ENGINE);
        assertNotEquals(deep, SpecHash.runKey(with("model: small-cnn", "model: {name: preresnet, depth: 26}"), ENGINE));
        assertEquals(SpecHash.runKey(with("model: small-cnn", "model: preresnet"), ENGINE),
                SpecHash.runKey(with("model: small-cnn", "model: {name: preresnet, depth: 110}"), ENGINE));
    }

    @Test
    void fragmentHashesOneKeysNormalisedText() {
        StudySpec a = SpecParser.parse(AnalysisParserGoodTest.FULL);
        String swa = SpecHash.fragment("swa", a.analyses().swa());
        assertTrue(swa.matches("[0-9a-f]{64}"), swa);
        // pinned: stage input keys are stored; only change on purpose
        assertEquals(sha256("basin-fragment/1\nswa:\n  start: 3\n  rank: 4\n"), swa);
        // the same value written otherwise
        StudySpec b = SpecParser.parse(AnalysisParserGoodTest.FULL.replace("swa: {start: 3, rank: 4}",
                "swa:\n  rank: 4  # deviations\n  start: 3"));
        assertEquals(swa, SpecHash.fragment("swa", b.analyses().swa()));
        assertEquals(SpecHash.fragment("plane", a.analyses().planes()), SpecHash.fragment("plane", b.analyses().planes()));
        // another value, another key, or nothing
        StudySpec c = SpecParser.parse(AnalysisParserGoodTest.FULL.replace("swa: {start: 3, rank: 4}",
                "swa: {start: 3, rank: 3}"));
        assertNotEquals(swa, SpecHash.fragment("swa", c.analyses().swa()));
        assertNotEquals(swa, SpecHash.fragment("swa2", a.analyses().swa()));
        assertNotEquals(swa, SpecHash.fragment("swa", null));
        assertNotEquals(SpecHash.fragment("plane", a.analyses().planes()),
                SpecHash.fragment("plane", a.analyses().planes().subList(0, 2)));
        assertNotEquals(SpecHash.fragment("plane[0]", a.analyses().planes().get(0)),
                SpecHash.fragment("plane[1]", a.analyses().planes().get(1)));
        assertThrows(IllegalArgumentException.class, () -> SpecHash.fragment("swa", 3));
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void runKeyNeedsAnEngineVersion() {
        assertThrows(NullPointerException.class, () -> SpecHash.runKey(base(), null));
    }
}
