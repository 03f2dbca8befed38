package dev.basin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code basin gc} may delete, on real PostgreSQL: a study with a superseded run ({@code old}) and a current one
 * ({@code new}) whose member 0 is trained (checkpoints at epochs 1, 2 and 3, the last one its final weights, epoch 2
 * evaluated) and whose member 1 is not (one checkpoint); one finished and one running stage with saved states.
 */
class RetentionStoreTest {
    private static final String STUDY = "r-gc";
    private static StudyStore store;
    private static RetentionStore retention;
    private static ConnectivityStore states;

    @BeforeAll
    static void start() {
        Database db = TestPostgres.migratedDatabase();
        store = new StudyStore(db);
        retention = new RetentionStore(db);
        states = new ConnectivityStore(db);
        store.upsertStudy(StudyRow.running(STUDY, "study: " + STUDY + "\n", "hash", 7, "test", 1));
        store.stages().plan(STUDY, List.of(
                PlannedStageRow.of("train/member-000", 0, "k0", "train", "member 0", List.of(), Map.of("run", "new")),
                PlannedStageRow.of("curves/a", 1, "kc", "curve", "curve 0", List.of(), Map.of("run", "new")),
                PlannedStageRow.of("fge", 2, "kf", "fge", "study", List.of(), Map.of("run", "new"))));
        store.stages().mark(STUDY, "curves/a", "kc", StageState.DONE, 1);
        store.stages().mark(STUDY, "fge", "kf", StageState.RUNNING, 1);

        model("old", ModelKind.CHECKPOINT, 0, 1);
        store.recordModel(row("old", ModelKind.FINAL, 0, 1, key("old", 0, 1)));
        store.recordEnsemble(STUDY, "old", "deep", 1, new int[] {0});
        store.recordEnsemble(STUDY, "new", "deep", 1, new int[] {0});
        model("new", ModelKind.CHECKPOINT, 0, 1);
        long evaluated = model("new", ModelKind.CHECKPOINT, 0, 2);
        store.recordModelMetrics(STUDY, evaluated, "test", Map.of("accuracy", 0.5));
        model("new", ModelKind.CHECKPOINT, 0, 3);
        store.recordModel(row("new", ModelKind.FINAL, 0, 3, key("new", 0, 3)));
        model("new", ModelKind.CHECKPOINT, 1, 1);
        state("curves/a", "kc", "new", 10);
        state("fge", "kf", "new", 10);
        state("curves/a", "ko", "old", 10);
    }

    private static String key(String run, int member, int epoch) {
        return "studies/" + STUDY + "/" + run + "/member-00" + member + "/checkpoint-e000" + epoch + ".ckpt";
    }

    private static ModelRow row(String run, ModelKind kind, int member, int epoch, String key) {
        return ModelRow.of(STUDY, run, kind, member, epoch, epoch * 10L, key, "sha", 100);
    }

    private static long model(String run, ModelKind kind, int member, int epoch) {
        return store.recordModel(row(run, kind, member, epoch, key(run, member, epoch)));
    }

    private static void state(String stage, String inputKey, String run, long step) {
        states.recordCheckpoint(new StageCheckpointRow(STUDY, stage, inputKey, 1, step,
                "studies/" + STUDY + "/" + run + "/stages/" + stage.replace('/', '_') + "/" + inputKey + "/state.bin",
                "sha", 50));
    }

    @Test
    void candidatesAreUnusedCheckpointsOfTrainedMembersAndCollectingDeletesTheirRowsOnly() {
        assertEquals(List.of("new"), retention.plannedRunKeys(STUDY));
        List<CheckpointCandidate> candidates = retention.checkpointCandidates(STUDY, List.of("new"));
        assertEquals(List.of(key("new", 0, 1)), candidates.stream().map(CheckpointCandidate::artifactKey).toList());
        assertEquals(30, candidates.get(0).finalStep());
        List<StageCheckpointRow> finished = retention.finishedStageStates(STUDY);
        assertEquals(List.of("curves/a kc", "curves/a ko"), finished.stream().map(r -> r.stage() + " " + r.inputKey())
                .toList());
        Set<String> before = retention.namedKeys(STUDY);
        assertTrue(before.contains(key("old", 0, 1)) && before.contains(key("new", 0, 1)), before.toString());

        RetentionStore.Collected c = retention.collect(STUDY, List.of("new"), List.of(candidates.get(0).id()),
                List.of(finished.get(0).artifactKey()));
        assertEquals(4, c.supersededRows(), "the old run's checkpoint, final, ensemble and stage state");
        assertEquals(List.of(), store.ensembles(STUDY, "old", "deep"));
        assertEquals(1, store.ensembles(STUDY, "new", "deep").size());
        assertEquals(1, c.checkpointRows());
        assertEquals(1, c.stateRows());
        assertFalse(c.namedKeys().contains(key("old", 0, 1)));
        assertFalse(c.namedKeys().contains(key("new", 0, 1)));
        assertTrue(c.namedKeys().containsAll(List.of(key("new", 0, 2), key("new", 0, 3), key("new", 1, 1))));
        assertEquals(List.of("fge"), retention.namedKeys(STUDY).stream().filter(k -> k.contains("/stages/"))
                .map(k -> k.split("/")[4]).toList());
        assertEquals(List.of(), store.models(STUDY).stream().filter(m -> m.runKey().equals("old")).toList());
        assertEquals(Map.of("accuracy", 0.5), store.modelMetrics(store.checkpoints(STUDY, "new", 0).get(1).id(), "test"));
    }

    @Test
    void everyTableThatNamesObjectsIsKnown() {
        assertEquals(new java.util.TreeSet<>(RetentionStore.KNOWN_OBJECT_TABLES), new java.util.TreeSet<>(
                retention.objectTables()), "a new table naming objects needs a place in gc");
        assertEquals(List.of(), retention.unknownObjectTables());
    }

    @Test
    void collectingRefusesToKeepNoRunAndNamesAMissingStudy() {
        assertThrows(IllegalArgumentException.class, () -> retention.collect(STUDY, List.of(), List.of(), List.of()));
        DbException e = assertThrows(DbException.class,
                () -> retention.collect("no-such", List.of("new"), List.of(), List.of()));
        assertTrue(e.getMessage().contains("no study named 'no-such'"), e.getMessage());
    }
}
