package dev.basin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StudyStoreTest {

    private static Database db;
    private static StudyStore store;

    @BeforeAll
    static void start() {
        db = TestPostgres.migratedDatabase();
        store = new StudyStore(db);
    }

    /** A study whose current run is "rk", the run these tests write. */
    private static void study(String name) {
        store.upsertStudy(StudyRow.running(name, "name: " + name + "\n", "hash-" + name, 7, "test", 2, "rk"));
    }

    @Test
    void studyUpsertAndStatus() {
        study("s-status");
        StudyRow row = store.study("s-status").orElseThrow();
        assertEquals("running", row.status());
        assertNotNull(row.createdAt());
        assertNotNull(row.startedAt());
        assertNull(row.finishedAt());

        store.setStatus("s-status", "completed");
        StudyRow done = store.study("s-status").orElseThrow();
        assertEquals("completed", done.status());
        assertNotNull(done.finishedAt());

        store.upsertStudy(StudyRow.running("s-status", "name: changed\n", "hash-2", 8, "test", 2));
        StudyRow again = store.study("s-status").orElseThrow();
        assertEquals("running", again.status());
        assertEquals("hash-2", again.specHash());
        assertNull(again.finishedAt());
        assertEquals(row.createdAt(), again.createdAt());

        assertTrue(store.studies().stream().anyMatch(s -> s.name().equals("s-status")));
        assertEquals(Optional.empty(), store.study("no-such-study"));
        assertThrows(DbException.class, () -> store.setStatus("no-such-study", "failed"));
        assertThrows(IllegalArgumentException.class, () -> store.setStatus("s-status", "exploded"));
    }

    @Test
    void recordModelIsIdempotentAndUpdatesTheArtifact() {
        study("s-model");
        long id = store.recordModel(ModelRow.of("s-model", "rk", ModelKind.FINAL, 0, 3, 300, "k1", "aa", 10));
        long again = store.recordModel(ModelRow.of("s-model", "rk", ModelKind.FINAL, 0, 3, 300, "k2", "bb", 20));
        assertEquals(id, again);
        List<ModelRow> models = store.models("s-model");
        assertEquals(1, models.size());
        assertEquals("k2", models.get(0).artifactKey());
        assertEquals("bb", models.get(0).sha256());
        assertEquals(20, models.get(0).bytes());
        assertEquals(id, store.model("s-model", "rk", ModelKind.FINAL, 0).orElseThrow().id());
    }

    @Test
    void weightsHashIsStoredReadAndReplacedOnRetry() {
        study("s-weights");
        String w1 = "0".repeat(63) + "1";
        String w2 = "f".repeat(64);
        long id = store.recordModel(ModelRow.of("s-weights", "rk", ModelKind.CHECKPOINT, 0, 1, 10, "k", "aa", 10, w1));
        assertEquals(w1, store.model(id).orElseThrow().weightsSha256());
        assertEquals(id, store.recordModel(ModelRow.of("s-weights", "rk", ModelKind.CHECKPOINT, 0, 1, 10, "k", "bb", 10, w2)));
        assertEquals(w2, store.model(id).orElseThrow().weightsSha256());
        long old = store.recordModel(ModelRow.of("s-weights", "rk", ModelKind.CHECKPOINT, 0, 0, 5, "k0", "cc", 10));
        assertNull(store.model(old).orElseThrow().weightsSha256(), "rows from before V2 have no weights hash");
        assertThrows(IllegalArgumentException.class,
                () -> ModelRow.of("s-weights", "rk", ModelKind.FINAL, 0, 1, 10, "k", "aa", 10, "ABC"));
        assertThrows(NullPointerException.class,
                () -> ModelRow.of("s-weights", "rk", ModelKind.FINAL, 0, 1, 10, "k", "aa", 10, (String) null));
    }

    @Test
    void resumesAreRecordedOncePerAttempt() {
        study("s-resume");
        long ckpt = store.recordModel(ModelRow.of("s-resume", "rk", ModelKind.CHECKPOINT, 1, 2, 250, "k", "aa", 10,
                "a".repeat(64)));
        ModelRow from = store.model(ckpt).orElseThrow();
        long first = store.recordResume(ResumeRow.of("s-resume", "rk", 1, "run-a", 2, from));
        assertEquals(first, store.recordResume(ResumeRow.of("s-resume", "rk", 1, "run-a", 2, from)));
        long rerun = store.recordResume(ResumeRow.of("s-resume", "rk", 1, "run-b", 1, from));
        assertNotEquals(first, rerun);
        List<ResumeRow> rows = store.resumes("s-resume");
        assertEquals(2, rows.size());
        ResumeRow r = rows.get(0);
        assertEquals(List.of(first, 1, "run-a", 2, ckpt, 2, 250L),
                List.of(r.id(), r.member(), r.workflowRun(), r.attempt(), r.fromModelId(), r.fromEpoch(), r.fromStep()));
        assertNotNull(r.resumedAt());
        assertEquals(List.of(), store.resumes("s-model"));
        assertThrows(IllegalArgumentException.class, () -> ResumeRow.of("s-resume", "rk", 1, "run-a", 0, from));
    }

    @Test
    void latestCheckpointOrdersByEpochThenStep() {
        study("s-ckpt");
        store.recordModel(ModelRow.of("s-ckpt", "rk", ModelKind.CHECKPOINT, 1, 2, 200, "e2", "x", 1));
        store.recordModel(ModelRow.of("s-ckpt", "rk", ModelKind.CHECKPOINT, 1, 10, 50, "e10s50", "x", 1));
        store.recordModel(ModelRow.of("s-ckpt", "rk", ModelKind.CHECKPOINT, 1, 10, 40, "e10s40", "x", 1));
        store.recordModel(ModelRow.of("s-ckpt", "rk", ModelKind.CHECKPOINT, 2, 99, 9999, "other member", "x", 1));
        store.recordModel(ModelRow.of("s-ckpt", "rk", ModelKind.FINAL, 1, 99, 9999, "final", "x", 1));
        store.recordModel(ModelRow.of("s-ckpt", "other-run", ModelKind.CHECKPOINT, 1, 50, 1, "other run", "x", 1));
        assertEquals("e10s50", store.latestCheckpoint("s-ckpt", "rk", 1).orElseThrow().artifactKey());
        assertEquals(Optional.empty(), store.latestCheckpoint("s-ckpt", "rk", 3));
    }

    @Test
    void predictionsAreUpserted() {
        study("s-pred");
        long id = store.recordModel(ModelRow.of("s-pred", "rk", ModelKind.FINAL, 0, 1, 1, "m", "x", 1));
        store.predictions().record(new PredictionRow(id, "test", "p1", "h1", 100, 10000, 10));
        store.predictions().record(new PredictionRow(id, "test", "p2", "h2", 200, 10000, 10));
        assertEquals(new PredictionRow(id, "test", "p2", "h2", 200, 10000, 10), store.predictions().of(id, "test").orElseThrow());
        assertEquals(Optional.empty(), store.predictions().of(id, "train"));
    }

    @Test
    void metricsAreIdempotentAndPivotedByTheViews() {
        study("s-metric");
        long m0 = store.recordModel(ModelRow.of("s-metric", "rk", ModelKind.FINAL, 0, 5, 500, "m0", "x", 1));
        Map<String, Double> first = Map.of("accuracy", 0.5, "nll", 1.5, "brier", 0.6, "ece", 0.1);
        Map<String, Double> second = Map.of("accuracy", 0.9, "nll", 0.3, "brier", 0.15, "ece", 0.02);
        store.recordModelMetrics("s-metric", m0, "test", first);
        store.recordModelMetrics("s-metric", m0, "test", second);
        store.recordModelMetrics("s-metric", m0, "train", Map.of("accuracy", 0.95));

        long e2 = store.recordEnsemble("s-metric", "rk", "deep", 2, new int[] {0, 1});
        assertEquals(e2, store.recordEnsemble("s-metric", "rk", "deep", 2, new int[] {0, 1}));
        assertNotEquals(e2, store.recordEnsemble("s-metric", "rk", "deep", 3, new int[] {0, 1, 2}));
        store.recordEnsembleMetrics("s-metric", e2, "test", first);
        store.recordEnsembleMetrics("s-metric", e2, "test", second);

        TestSql sql = new TestSql(db);
        assertEquals("5", sql.run("select count(*) from metric where model_id = " + m0).rows().get(0).get(0));
        assertEquals("4", sql.run("select count(*) from metric where ensemble_id = " + e2).rows().get(0).get(0));

        QueryResult members = sql.run("select study, member, epoch, kind, split, accuracy, nll, brier, ece"
                + " from member_metrics where study = 's-metric' order by split");
        assertEquals(List.of(
                List.of("s-metric", "0", "5", "final", "test", "0.9", "0.3", "0.15", "0.02"),
                java.util.Arrays.asList("s-metric", "0", "5", "final", "train", "0.95", null, null, null)),
                members.rows());

        QueryResult ensembles = sql.run("select study, kind, size, split, accuracy, nll, brier, ece, members"
                + " from ensemble_metrics where study = 's-metric'");
        assertEquals(List.of(List.of("s-metric", "deep", "2", "test", "0.9", "0.3", "0.15", "0.02", "{0,1}")),
                ensembles.rows());
    }

    @Test
    void unknownMetricNamesAndSplitsAreRejected() {
        study("s-bad");
        long id = store.recordModel(ModelRow.of("s-bad", "rk", ModelKind.FINAL, 0, 1, 1, "m", "x", 1));
        assertThrows(DbException.class, () -> store.recordModelMetrics("s-bad", id, "test", Map.of("Top 5", 0.3)));
        assertThrows(IllegalArgumentException.class,
                () -> store.recordModelMetrics("s-bad", id, "validation", Map.of("nll", 0.3)));
        // The failed batch left nothing behind.
        assertEquals("0", new TestSql(db).run("select count(*) from metric where model_id = " + id).rows().get(0).get(0));
    }

    @Test
    void metricNamesAreAnOpenSetOfLowerCaseWords() {
        study("s-names");
        long id = store.recordModel(ModelRow.of("s-names", "rk", ModelKind.FINAL, 0, 1, 1, "m", "x", 1));
        store.recordModelMetrics("s-names", id, "train", Map.of("loss", 0.4, "error", 0.1, "top_5", 0.99));
        assertEquals(Map.of("error", 0.1, "loss", 0.4, "top_5", 0.99), store.modelMetrics(id, "train"));
        assertThrows(DbException.class, () -> store.recordModelMetrics("s-names", id, "test", Map.of("5top", 0.3)));
        assertThrows(DbException.class, () -> store.recordModelMetrics("s-names", id, "test", Map.of("", 0.3)));
    }

    @Test
    void swaSolutionsAndSamplesAreModelsToldApartByTheirVariant() {
        study("s-variant");
        long fin = store.recordModel(ModelRow.of("s-variant", "rk", ModelKind.FINAL, 0, 4, 400, "f", "x", 1));
        long swa = store.recordModel(ModelRow.of("s-variant", "rk", ModelKind.SWA, 0, 4, 400, "s", "x", 1));
        long r0 = store.recordModel(ModelRow.of("s-variant", "rk", ModelKind.SAMPLE, 0, 4, 400, "r0", "x", 1)
                .withVariant("random r=10 #0"));
        long r1 = store.recordModel(ModelRow.of("s-variant", "rk", ModelKind.SAMPLE, 0, 4, 400, "r1", "x", 1)
                .withVariant("random r=10 #1"));
        assertEquals(4, java.util.Set.of(fin, swa, r0, r1).size(), "same member, epoch and step: four models");
        // the same natural key again, variant included: the same row, its artifact replaced
        assertEquals(r1, store.recordModel(ModelRow.of("s-variant", "rk", ModelKind.SAMPLE, 0, 4, 400, "r1b", "x", 1)
                .withVariant("random r=10 #1")));
        assertEquals("r1b", store.model(r1).orElseThrow().artifactKey());
        assertEquals("random r=10 #1", store.model(r1).orElseThrow().variant());
        assertEquals(List.of(r0, r1), store.models("s-variant", "rk", ModelKind.SAMPLE).stream().map(ModelRow::id).toList());
        assertEquals(swa, store.model("s-variant", "rk", ModelKind.SWA, 0).orElseThrow().id());
        assertEquals(r0, store.model("s-variant", "rk", ModelKind.SAMPLE, 0, "random r=10 #0").orElseThrow().id());
        assertEquals(Optional.empty(), store.model("s-variant", "rk", ModelKind.SAMPLE, 0), "no sample without a variant");
        assertEquals(fin, store.model("s-variant", "rk", ModelKind.FINAL, 0).orElseThrow().id());
        assertEquals(4, store.models("s-variant").size());
        assertThrows(IllegalArgumentException.class, () -> ModelKind.fromText("plane"));
        assertThrows(NullPointerException.class, () -> ModelRow.of("s-variant", "rk", ModelKind.SAMPLE, 0, 4, 400, "p", "x", 1)
                .withVariant(null));
    }

    @Test
    void progressIsOneRowPerMember() {
        study("s-progress");
        store.progress().upsert(ProgressRow.of("s-progress", 1, 0, 10, 5, 469, Double.NaN, Double.NaN, "training", null));
        store.progress().upsert(ProgressRow.of("s-progress", 0, 3, 10, 1500, 469, 0.42, 3500.5, "resumed", 2));
        store.progress().upsert(ProgressRow.of("s-progress", 1, 1, 10, 600, 469, 0.8, 3000, "training", null));
        List<ProgressRow> rows = store.progress().of("s-progress");
        assertEquals(2, rows.size());
        ProgressRow m0 = rows.get(0);
        assertEquals(0, m0.member());
        assertEquals("resumed", m0.state());
        assertEquals(2, m0.resumedFromEpoch());
        assertEquals(0.42, m0.loss());
        assertNotNull(m0.updatedAt());
        ProgressRow m1 = rows.get(1);
        assertEquals(600, m1.step());
        assertEquals(0.8, m1.loss());
        assertNull(m1.resumedFromEpoch());

        store.progress().upsert(ProgressRow.of("s-progress", 2, 0, 10, 0, 469, Double.NaN, Double.NaN, "training", null));
        assertTrue(Double.isNaN(store.progress().of("s-progress").get(2).loss()));
    }

    @Test
    void metricsMapOrderDoesNotMatter() {
        study("s-order");
        long id = store.recordModel(ModelRow.of("s-order", "rk", ModelKind.FINAL, 0, 1, 1, "m", "x", 1));
        store.recordModelMetrics("s-order", id, "test", new TreeMap<>(Map.of("ece", 0.1, "accuracy", 0.7)));
        QueryResult r = new TestSql(db).run("select accuracy, ece from member_metrics where model_id = " + id);
        assertEquals(List.of(List.of("0.7", "0.1")), r.rows());
    }

    @Test
    void trainEpochRowsAreUpsertedPerMemberAndEpochAndShownForTheCurrentRunOnly() {
        study("s-epochs");
        store.progress().upsertEpoch(new TrainEpochRow("s-epochs", "rk", 0, 1, 469, 0.9, 0.7, 0.8, 500, 3000, 20));
        store.progress().upsertEpoch(new TrainEpochRow("s-epochs", "rk", 0, 2, 938, 0.6, 0.8, 0.55, 500, 3100, 19));
        store.progress().upsertEpoch(new TrainEpochRow("s-epochs", "rk", 1, 1, 469, 1.0, Double.NaN, Double.NaN, 500, 2900, 21));
        // a resumed run trains epoch 2 of member 0 again: its row replaces the first
        store.progress().upsertEpoch(new TrainEpochRow("s-epochs", "rk", 0, 2, 938, 0.61, 0.79, 0.56, 400, 1500, 9.5));
        // another run of the same study: kept, but not current
        store.progress().upsertEpoch(new TrainEpochRow("s-epochs", "old", 0, 1, 469, 2.0, 0.1, 2.3, 500, 10, 1));

        List<TrainEpochRow> rows = store.progress().epochs("s-epochs", "rk");
        assertEquals(List.of("0/1", "0/2", "1/1"), rows.stream().map(r -> r.member() + "/" + r.epoch()).toList());
        assertEquals(0.61, rows.get(1).trainLoss());
        assertEquals(0.79, rows.get(1).testAccuracy());
        assertEquals(9.5, rows.get(1).seconds());
        assertEquals(400, rows.get(1).testPoints());
        assertTrue(Double.isNaN(rows.get(2).testAccuracy()));

        QueryResult current = new TestSql(db).run("select member, epoch, train_loss, test_accuracy, test_nll"
                + " from training_curve where study = 's-epochs' order by member, epoch");
        assertEquals(List.of(List.of("0", "1", "0.9", "0.7", "0.8"), List.of("0", "2", "0.61", "0.79", "0.56"),
                Arrays.asList("1", "1", "1", null, null)), current.rows());
        assertEquals("4", new TestSql(db).run("select count(*) from training_curve_all where study = 's-epochs'")
                .rows().get(0).get(0));
    }
}
