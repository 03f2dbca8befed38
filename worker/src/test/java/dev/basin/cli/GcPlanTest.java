package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.artifacts.StoredObject;
import dev.basin.db.CheckpointCandidate;
import dev.basin.db.StageCheckpointRow;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sorting of a study's objects into what gc deletes and what it keeps. */
class GcPlanTest {
    private static final String P = "studies/s/";

    private static StoredObject o(String key, long bytes) {
        return new StoredObject(P + key, bytes);
    }

    @Test
    void everyObjectFallsInOneCategoryAndOnlyUnneededCheckpointsOfKeptRunsGo() {
        List<StoredObject> listed = List.of(o("old/member-000/final.ckpt", 5), o("old/member-000/x.npy", 1),
                o("new/member-000/checkpoint-e0001.ckpt", 10), o("new/member-000/checkpoint-e0002.ckpt", 10),
                o("new/member-000/checkpoint-e0003.ckpt", 10), o("new/stages/sse/k/state-s1.bin", 7),
                o("new/member-000/left-over.npy", 3), o("new/member-000/predictions-test.npy", 2),
                o("README", 4));
        Set<String> named = Set.of(P + "old/member-000/final.ckpt", P + "new/member-000/checkpoint-e0001.ckpt",
                P + "new/member-000/checkpoint-e0002.ckpt", P + "new/member-000/checkpoint-e0003.ckpt",
                P + "new/stages/sse/k/state-s1.bin", P + "new/member-000/predictions-test.npy");
        List<CheckpointCandidate> candidates = List.of(
                new CheckpointCandidate(1, "new", 0, 1, 10, P + "new/member-000/checkpoint-e0001.ckpt", 10, 30),
                new CheckpointCandidate(2, "new", 0, 2, 20, P + "new/member-000/checkpoint-e0002.ckpt", 10, 30),
                new CheckpointCandidate(9, "old", 0, 1, 10, P + "old/member-000/final.ckpt", 5, 10));
        List<StageCheckpointRow> states = List.of(
                new StageCheckpointRow("s", "sse", "k", 1, 1, P + "new/stages/sse/k/state-s1.bin", "sha", 7),
                new StageCheckpointRow("s", "sse", "k", 1, 1, P + "old/stages/sse/k/state-s1.bin", "sha", 7));
        GcPlan plan = GcPlan.of("s", List.of("new"), listed, named, candidates,
                new CheckpointNeeds(2, 0, Map.of()), states);

        assertEquals(new Storage(2, 6), plan.storage(GcPlan.Category.SUPERSEDED));
        assertEquals(List.of(P + "new/member-000/checkpoint-e0001.ckpt"),
                plan.deleted().get(GcPlan.Category.CHECKPOINTS).stream().map(StoredObject::key).toList());
        assertEquals(List.of(1L), plan.checkpointIds(), "epoch 2 is on the cadence; the old run's goes whole");
        assertEquals(List.of(P + "new/stages/sse/k/state-s1.bin"), plan.stateKeys());
        assertEquals(new Storage(1, 7), plan.storage(GcPlan.Category.STAGE_STATES));
        assertEquals(List.of(P + "new/member-000/left-over.npy"),
                plan.deleted().get(GcPlan.Category.UNRECORDED).stream().map(StoredObject::key).toList());
        assertEquals(new Storage(4, 26), plan.kept(), "epochs 2 and 3, the predictions, and a key outside any run");
        assertEquals(new Storage(5, 26), plan.total());
        assertEquals(Map.of("old", new Storage(2, 6)), plan.supersededRuns());
    }

    @Test
    void sizesReadInBinaryUnits() {
        assertEquals("1 object, 512 B", new Storage(1, 512).text());
        assertEquals("3 objects, 1.5 KiB", new Storage(3, 1536).text());
        assertEquals("2.0 MiB", Storage.size(2L << 20));
    }
}
