package dev.basin.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.basin.artifacts.ArtifactRef;
import dev.basin.engine.metrics.Scores;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StagesTest {
    private static MemberScore scored(int member, String predictionsSha) {
        return new MemberScore(member, 10 + member, new ArtifactRef("k" + member, predictionsSha, 1),
                new Scores(0.9, 0.3, 0.1, 0.01), 1.0);
    }

    @Test
    void stagesAreNamedAfterTheirVerbAndMember() {
        assertEquals("train/member-003", Stages.train(3));
        assertEquals("evaluate/member-012", Stages.evaluate(12));
        assertEquals(List.of(new PlannedStage("train/member-000", Stages.trainKey("rk", 0)),
                new PlannedStage("train/member-001", Stages.trainKey("rk", 1)), new PlannedStage("evaluate/member-000", null),
                new PlannedStage("evaluate/member-001", null), new PlannedStage("ensembles/deep", null)), Stages.plan("rk", 2));
        assertNull(Stages.plan("rk", 1).get(1).inputKey(), "an evaluation's key needs its weights");
    }

    @Test
    void inputKeysChangeWithEveryInputAndOnlyWithThem() {
        assertEquals(Stages.trainKey("rk", 0), Stages.trainKey("rk", 0));
        assertEquals(64, Stages.trainKey("rk", 0).length());
        Set<String> distinct = Set.of(Stages.trainKey("rk", 0), Stages.trainKey("rk", 1), Stages.trainKey("rk2", 0),
                Stages.evaluateKey("rk", 0, "test", "w"), Stages.evaluateKey("rk", 0, "test", "w2"),
                Stages.evaluateKey("rk", 1, "test", "w"), Stages.evaluateKey("rk", 0, "train", "w"),
                Stages.evaluateKey("rk2", 0, "test", "w"));
        assertEquals(8, distinct.size());

        String two = Stages.ensemblesKey("rk", "test", List.of(scored(0, "a"), scored(1, "b")));
        assertEquals(two, Stages.ensemblesKey("rk", "test", List.of(scored(0, "a"), scored(1, "b"))));
        assertNotEquals(two, Stages.ensemblesKey("rk", "test", List.of(scored(0, "a"), scored(1, "c"))));
        assertNotEquals(two, Stages.ensemblesKey("rk", "test", List.of(scored(0, "a"), scored(1, "b"), scored(2, "c"))));
        assertNotEquals(two, Stages.ensemblesKey("rk2", "test", List.of(scored(0, "a"), scored(1, "b"))));
    }
}
