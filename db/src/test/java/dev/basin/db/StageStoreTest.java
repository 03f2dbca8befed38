package dev.basin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StageStoreTest {

    private static StudyStore store;
    private static StageStore stages;

    @BeforeAll
    static void start() {
        store = new StudyStore(TestPostgres.migratedDatabase());
        stages = store.stages();
    }

    private static void study(String name) {
        store.upsertStudy(StudyRow.running(name, "name: " + name + "\n", "hash-" + name, 7, "test", 2));
    }

    private static int position;

    private static PlannedStageRow planned(String stage, String key) {
        return PlannedStageRow.of(stage, position++, key, "train", "member 0", List.of(), java.util.Map.of("run", "r"));
    }

    private static List<String> states(String study) {
        return stages.stages(study).stream().map(s -> s.stage() + " " + s.state() + " " + s.attempt()).toList();
    }

    @Test
    void aPlanResetsEveryStageToPendingAndDropsStagesNoLongerPlanned() {
        study("g-plan");
        stages.plan("g-plan", List.of(planned("train/member-000", "k0"),
                planned("train/member-001", "k1"), planned("evaluate/member-000", null),
                planned("ensembles/deep", null)));
        stages.mark("g-plan", "train/member-000", "k0", StageState.DONE, 1);
        stages.plan("g-plan", List.of(planned("train/member-000", "k0"),
                planned("evaluate/member-000", null), planned("ensembles/deep", null)));
        assertEquals(List.of("train/member-000 pending 0", "evaluate/member-000 pending 0", "ensembles/deep pending 0"),
                states("g-plan"));
        StageRow train = stages.stages("g-plan").get(0);
        assertEquals("k0", train.inputKey());
        assertNull(train.startedAt());
        assertNull(train.finishedAt());
    }

    @Test
    void aPlanRecordsTheGraphAndReadsItBackInPlanOrder() {
        study("g-graph");
        java.util.Map<String, String> inputs = java.util.Map.of("spec tsne", "tsne:\n  perplexity: 10.0\n", "parent a",
                "k1", "quote's \"odd\" \t text", "é");
        stages.plan("g-graph", List.of(PlannedStageRow.of("a", 0, "k1", "train", "member 0", List.of(), Map.of()),
                PlannedStageRow.of("b", 1, "k2", "tsne", "study", List.of("a"), inputs)));
        List<PlannedStageRow> graph = stages.graph("g-graph");
        assertEquals(List.of("a", "b"), graph.stream().map(PlannedStageRow::stage).toList());
        assertEquals(PlannedStageRow.of("b", 1, "k2", "tsne", "study", List.of("a"), inputs), graph.get(1));
        assertEquals(List.of("a", "b"), stages.stages("g-graph").stream().map(StageRow::stage).toList());
    }

    @Test
    void marksMoveAStageOnAndAnOlderAttemptCannotOverwriteANewerOne() {
        study("g-mark");
        stages.plan("g-mark", List.of(planned("evaluate/member-000", null)));
        stages.mark("g-mark", "evaluate/member-000", "key", StageState.RUNNING, 1);
        StageRow running = stages.stages("g-mark").get(0);
        assertEquals("key", running.inputKey());
        assertNotNull(running.startedAt());
        assertNull(running.finishedAt());

        stages.mark("g-mark", "evaluate/member-000", "key", StageState.RUNNING, 2);
        stages.mark("g-mark", "evaluate/member-000", "key", StageState.FAILED, 1); // a zombie first attempt
        assertEquals(List.of("evaluate/member-000 running 2"), states("g-mark"));
        stages.mark("g-mark", "evaluate/member-000", null, StageState.DONE, 2);
        StageRow done = stages.stages("g-mark").get(0);
        assertEquals("key", done.inputKey(), "a mark without a key keeps the known one");
        assertNotNull(done.finishedAt());

        stages.mark("g-mark", "train/member-000", "t", StageState.REUSED, 1);
        // planned stages come first, in plan order; a stage marked without a plan after them
        assertEquals(List.of("evaluate/member-000 done 2", "train/member-000 reused 1"), states("g-mark"));
        assertThrows(IllegalArgumentException.class, () -> StageState.fromText("exploded"));
        assertThrows(NullPointerException.class, () -> stages.mark("g-mark", "x", null, null, 1));
    }

    @Test
    void closeRunningEndsOnlyTheRunningStages() {
        study("g-close");
        stages.mark("g-close", "train/member-000", "a", StageState.RUNNING, 1);
        stages.mark("g-close", "train/member-001", "b", StageState.DONE, 1);
        assertEquals(1, stages.closeRunning("g-close", StageState.CANCELLED));
        assertEquals(List.of("train/member-000 cancelled 1", "train/member-001 done 1"), states("g-close"));
    }

    @Test
    void aDamagedArtifactIsRecordedAndEveryRowNamingItIsDeleted() {
        study("g-bad");
        store.recordModel(ModelRow.of("g-bad", "rk", ModelKind.CHECKPOINT, 0, 2, 20, "e2", "aa", 1));
        long fin = store.recordModel(ModelRow.of("g-bad", "rk", ModelKind.FINAL, 0, 2, 20, "e2", "aa", 1));
        long e1 = store.recordModel(ModelRow.of("g-bad", "rk", ModelKind.CHECKPOINT, 0, 1, 10, "e1", "bb", 1));
        long other = store.recordModel(ModelRow.of("g-bad", "other-run", ModelKind.CHECKPOINT, 0, 2, 20, "e2", "aa", 1));
        store.predictions().record(new PredictionRow(fin, "test", "p", "cc", 1, 10, 10, "in"));
        store.recordModelMetrics("g-bad", fin, "test", Map.of("accuracy", 0.5));

        // The checkpoint and the final row share the object; the other run's row is another object's.
        assertEquals(2, stages.reportDamage(DamagedArtifactRow.of("g-bad", "rk", "final", 0, "e2", "aa", "ff", "retrain")));
        assertEquals(List.of(e1, other), store.models("g-bad").stream().map(ModelRow::id).sorted().toList());
        assertEquals(Map.of(), store.modelMetrics(fin, "test"), "metrics go with their model");

        long fin2 = store.recordModel(ModelRow.of("g-bad", "rk", ModelKind.FINAL, 0, 1, 10, "e1", "bb", 1));
        store.predictions().record(new PredictionRow(fin2, "test", "p", "cc", 1, 10, 10, "in"));
        assertEquals(1, stages.reportDamage(DamagedArtifactRow.of("g-bad", "rk", "prediction", 0, "p", "cc", "00", "again")));
        assertEquals(Optional.empty(), store.predictions().of(fin2, "test"));
        assertEquals(3, store.models("g-bad").size(), "a corrupt prediction leaves its model alone");

        List<DamagedArtifactRow> found = stages.damagedArtifacts("g-bad");
        assertEquals(List.of("final e2 aa ff retrain", "prediction p cc 00 again"), found.stream()
                .map(c -> c.kind() + " " + c.artifactKey() + " " + c.recordedSha256() + " " + c.actualSha256() + " " + c.action())
                .toList());
        assertNotNull(found.get(0).detectedAt());
    }

    @Test
    void ensemblesCarryTheirInputKeyAndShrinkWithTheStudy() {
        study("g-ens");
        for (int size = 1; size <= 3; size++) {
            store.recordEnsemble("g-ens", "rk", "deep", size, java.util.stream.IntStream.range(0, size).toArray(), "key3");
        }
        assertEquals(1, store.deleteEnsemblesLargerThan("g-ens", "rk", "deep", 2));
        List<EnsembleRow> rows = store.ensembles("g-ens", "rk", "deep");
        assertEquals(List.of(1, 2), rows.stream().map(EnsembleRow::size).toList());
        assertEquals(List.of(0, 1), rows.get(1).members());
        assertEquals("key3", rows.get(0).inputKey());
    }
}
