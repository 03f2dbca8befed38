package dev.basin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every row record read back through JDBI, by column name: what a store writes reads back equal, with the stored
 * nulls, NaNs and arrays as they were; and a query whose columns do not name a record's components fails.
 */
class RowMappingTest {

    private static final String SHA = "0123456789abcdef".repeat(4);
    private static final String MODEL_COLUMNS_REVERSED = """
            select created_at, weights_sha256, bytes, sha256, artifact_key, variant, step, epoch, member, kind,
                   run_key, study, id from model where id = ?""";
    private static final String MODEL_RUN_KEY_RENAMED = """
            select id, study, run_key as run, kind, member, epoch, step, variant, artifact_key, sha256, bytes,
                   weights_sha256, created_at from model where id = ?""";

    private static Database db;
    private static StudyStore store;
    private static LandscapeStore landscape;

    @BeforeAll
    static void start() {
        db = TestPostgres.migratedDatabase();
        store = new StudyStore(db);
        landscape = new LandscapeStore(db);
    }

    private static StudyRow study(String name) {
        StudyRow row = new StudyRow(name, "name: " + name + "\n", "hash", 42, "running", "v1", 3, null,
                Instant.parse("2024-05-06T07:08:09.123456Z"), null, "rk-" + name);
        store.upsertStudy(row);
        return row;
    }

    private static ModelRow model(String study, String kind, int member, String variant) {
        ModelRow row = ModelRow.of(study, "rk", ModelKind.fromText(kind), member, 2, 20, "a/" + kind + member + variant, "s", 99, SHA)
                .withVariant(variant);
        return row.withId(store.recordModel(row));
    }

    @Test
    void studiesAndModelsReadBackEqual() {
        StudyRow written = study("m-study");
        StudyRow read = store.study("m-study").orElseThrow();
        assertNotNull(read.createdAt());
        assertEquals(new StudyRow(written.name(), written.spec(), written.specHash(), written.seed(), written.status(),
                written.codeVersion(), written.threads(), read.createdAt(), written.startedAt(), null, written.runKey()),
                read);

        ModelRow sample = model("m-study", "sample", 1, "random r=10 #3");
        ModelRow noHash = ModelRow.of("m-study", "rk", ModelKind.CHECKPOINT, 0, 1, 5, "c0", "s", 7);
        noHash = noHash.withId(store.recordModel(noHash));
        for (ModelRow written2 : List.of(sample, noHash)) {
            ModelRow got = store.model(written2.id()).orElseThrow();
            assertNotNull(got.createdAt());
            assertEquals(withCreatedAt(written2, got.createdAt()), got);
        }
        assertNull(store.model(noHash.id()).orElseThrow().weightsSha256());
        assertEquals(List.of(List.of("checkpoint"), List.of("sample")),
                new TestSql(db).run("select kind from model where study = 'm-study' order by kind").rows(),
                "stored as the lower-case text");
        for (ModelKind k : ModelKind.values()) {
            assertEquals(k, ModelKind.fromText(k.text()));
            assertEquals(k.text(), k.toString());
        }
        for (StageState st : StageState.values()) {
            assertEquals(st, StageState.fromText(st.text()));
        }
    }

    private static ModelRow withCreatedAt(ModelRow r, Instant at) {
        return new ModelRow(r.id(), r.study(), r.runKey(), r.kind(), r.member(), r.epoch(), r.step(), r.variant(),
                r.artifactKey(), r.sha256(), r.bytes(), r.weightsSha256(), at);
    }

    @Test
    void resumesPredictionsEnsemblesMetricsAndProgressReadBackEqual() {
        study("m-train");
        ModelRow from = model("m-train", "checkpoint", 1, "");
        long resume = store.recordResume(ResumeRow.of("m-train", "rk", 1, "run-a", 2, from));
        ResumeRow r = store.resumes("m-train").get(0);
        assertNotNull(r.resumedAt());
        assertEquals(new ResumeRow(resume, "m-train", "rk", 1, "run-a", 2, from.id(), 2, 20, r.resumedAt()), r);

        PredictionRow keyed = new PredictionRow(from.id(), "test", "p/t", "s", 12, 10000, 10, "k-eval");
        PredictionRow unkeyed = new PredictionRow(from.id(), "train", "p/r", "s", 13, 60000, 10);
        store.predictions().record(keyed);
        store.predictions().record(unkeyed);
        assertEquals(keyed, store.predictions().of(from.id(), "test").orElseThrow());
        assertEquals(unkeyed, store.predictions().of(from.id(), "train").orElseThrow());

        long e = store.recordEnsemble("m-train", "rk", "deep", 3, new int[] {0, 2, 1}, "k-ens");
        assertEquals(List.of(new EnsembleRow(e, "m-train", "rk", "deep", "", 3, List.of(0, 2, 1), "k-ens")),
                store.ensembles("m-train", "rk", "deep"));

        store.recordModelMetrics("m-train", from.id(), "test", Map.of("accuracy", 0.9, "nll", Double.NaN));
        assertEquals(Map.of("accuracy", 0.9, "nll", Double.NaN), store.modelMetrics(from.id(), "test"));

        store.progress().upsert(ProgressRow.of("m-train", 0, 0, 10, 5, 469, Double.NaN, Double.NaN, "training", null));
        store.progress().upsert(ProgressRow.of("m-train", 1, 3, 10, 1500, 469, 0.42, 3500.5, "resumed", 2));
        List<ProgressRow> progress = store.progress().of("m-train");
        assertEquals(ProgressRow.of("m-train", 0, 0, 10, 5, 469, Double.NaN, Double.NaN, "training", null),
                withoutUpdatedAt(progress.get(0)), "null loss and speed read back as NaN, not 0");
        assertEquals(ProgressRow.of("m-train", 1, 3, 10, 1500, 469, 0.42, 3500.5, "resumed", 2),
                withoutUpdatedAt(progress.get(1)));
        assertNotNull(progress.get(0).updatedAt());
    }

    private static ProgressRow withoutUpdatedAt(ProgressRow p) {
        return ProgressRow.of(p.study(), p.member(), p.epoch(), p.epochs(), p.step(), p.stepsPerEpoch(), p.loss(),
                p.imagesPerSec(), p.state(), p.resumedFromEpoch());
    }

    @Test
    void stagesGraphsAndDamagedArtifactsReadBackEqual() {
        study("m-stage");
        StageStore stages = store.stages();
        PlannedStageRow a = PlannedStageRow.of("train/member-000", 0, "k0", "train", "member 0", List.of(), Map.of());
        PlannedStageRow b = PlannedStageRow.of("plane/0", 1, null, "plane", "plane 0",
                List.of("train/member-000", "x"), Map.of("spec", "plane: {}\n", "parent", "k0"));
        stages.plan("m-stage", List.of(a, b));
        assertEquals(List.of(a, b), stages.graph("m-stage"));
        assertEquals(List.of(StageRow.pending("m-stage", "train/member-000", "k0"),
                StageRow.pending("m-stage", "plane/0", null)), stages.stages("m-stage").stream()
                .map(s -> new StageRow(s.study(), s.stage(), s.inputKey(), s.state(), s.attempt(), null, null, null))
                .toList());
        stages.mark("m-stage", "train/member-000", "k0", StageState.RUNNING, 2);
        StageRow running = stages.stages("m-stage").get(0);
        assertEquals(StageState.RUNNING, running.state());
        assertEquals(2, running.attempt());
        assertNotNull(running.startedAt());
        assertNull(running.finishedAt());
        assertNotNull(running.updatedAt());
        assertEquals(List.of(List.of("running")), new TestSql(db).run(
                "select state from stage where study = 'm-stage' and stage = 'train/member-000'").rows(),
                "stored as the lower-case text");

        ModelRow fin = model("m-stage", "final", 0, "");
        stages.reportDamage(DamagedArtifactRow.of("m-stage", "rk", "swag", null, "sw", "aa", "bb", "recompute"));
        stages.reportDamage(DamagedArtifactRow.of("m-stage", "rk", "final", 0, fin.artifactKey(), "cc", "dd", "retrain"));
        List<DamagedArtifactRow> damaged = stages.damagedArtifacts("m-stage");
        assertEquals(2, damaged.size());
        for (DamagedArtifactRow d : damaged) {
            assertTrue(d.id() > 0);
            assertNotNull(d.detectedAt());
        }
        assertEquals(DamagedArtifactRow.of("m-stage", "rk", "swag", null, "sw", "aa", "bb", "recompute"),
                stored(damaged.get(0)));
        assertEquals(DamagedArtifactRow.of("m-stage", "rk", "final", 0, fin.artifactKey(), "cc", "dd", "retrain"),
                stored(damaged.get(1)));
    }

    private static DamagedArtifactRow stored(DamagedArtifactRow d) {
        return DamagedArtifactRow.of(d.study(), d.runKey(), d.kind(), d.member(), d.artifactKey(), d.recordedSha256(),
                d.actualSha256(), d.action());
    }

    @Test
    void landscapeRowsReadBackEqual() {
        study("m-land");
        ModelRow m0 = model("m-land", "final", 0, "");
        ModelRow m1 = model("m-land", "final", 1, "");
        ModelRow s0 = model("m-land", "sample", 0, "random r=1 #0");

        SimilarityRow sim = new SimilarityRow("m-land", "members", m0.id(), m1.id(), 0.5, 0.25, null);
        landscape.recordSimilarities(List.of(sim));
        assertEquals(List.of(sim), landscape.similarities("m-land"));

        TsneRow t = new TsneRow("m-land", "k-tsne", m1.id(), 10, 7, -1.5, 2.5);
        landscape.recordTsnePoints(List.of(t));
        assertEquals(List.of(t), landscape.tsnePoints("m-land"));

        SubspaceSampleRow member = new SubspaceSampleRow("m-land", m1.id(), m0.id(), "member", null, 1, 0.9, 0.1, null,
                true, "k-sub");
        SubspaceSampleRow random = new SubspaceSampleRow("m-land", s0.id(), m0.id(), "random", 1.0, 0, 0.8, 0.2, 2.0,
                false, "k-sub");
        landscape.recordSubspaceSamples(List.of(member, random));
        assertEquals(List.of(member, random), landscape.subspaceSamples("m-land"));

        long e = store.recordEnsemble("m-land", "rk", "deep", 2, new int[] {0, 1});
        ShiftMetricRow ofModel = new ShiftMetricRow("m-land", m0.id(), null, "blur", 3, 0.7, 0.9, 0.4, 0.05, "k-s");
        ShiftMetricRow ofEnsemble = new ShiftMetricRow("m-land", null, e, "rotation", 5, 0.6, 1.1, 0.5, 0.07, "k-s");
        landscape.recordShiftMetrics(List.of(ofEnsemble, ofModel));
        assertEquals(List.of(ofModel, ofEnsemble), landscape.shiftMetrics("m-land"));

        PlaneStore planes = landscape.planes();
        PlaneRow plane = PlaneRow.of("m-land", 0, List.of("final:0", "final:1", "origin"), 5, 0.2, 1000, "k-plane");
        long planeId = planes.upsertPlane(plane);
        assertEquals(new PlaneRow(planeId, "m-land", 0, plane.anchors(), 5, 0.2, 1000, null, "k-plane"),
                planes.plane("m-land", 0).orElseThrow(), "u_norm null until known");
        planes.setPlaneNorm(planeId, 3.25);
        assertEquals(List.of(new PlaneRow(planeId, "m-land", 0, plane.anchors(), 5, 0.2, 1000, 3.25, "k-plane")),
                planes.planes("m-land"));

        PlanePointRow far = new PlanePointRow(planeId, 0, 1, -1, 2, Double.POSITIVE_INFINITY, 0.1, Double.NaN, 0.9, 0);
        PlanePointRow near = new PlanePointRow(planeId, 0, 0, 0, 0, 0.01, 1, 0.2, 0.05, 1);
        planes.recordPlanePoints(List.of(far, near));
        assertEquals(List.of(near, far), planes.planePoints(planeId), "infinite and NaN losses as they were");

        PlaneProjectionRow origin = new PlaneProjectionRow(planeId, "origin", null, "anchor", 0, 0);
        PlaneProjectionRow sample = new PlaneProjectionRow(planeId, "sample:0", s0.id(), "sample", 0.3, -0.4);
        planes.recordPlaneProjections(List.of(origin), "k-plane");
        planes.recordPlaneProjections(List.of(sample), "k-proj");
        assertEquals(List.of(origin, sample), planes.planeProjections(planeId));
        assertEquals(1, planes.projectionsUnder(planeId, "k-proj"));

        InterpolationPointRow p = new InterpolationPointRow("m-land", "final:0-final:1", 4, 0.5, 0.3, 0.1, 0.4, 0.12,
                "k-line");
        planes.recordInterpolationPoints(List.of(p));
        assertEquals(List.of(p), planes.interpolation("m-land", "final:0-final:1"));

        SwagStore swag = new SwagStore(db);
        ModelRow swa = model("m-land", "swa", 0, "");
        SwagRow moments = new SwagRow("m-land", "rk", 0, swa.id(), "sw/0", "s", 1234, 5, 3, true, "k-swa");
        swag.record(moments);
        assertEquals(moments, swag.swag("m-land", "rk", 0).orElseThrow());
    }

    @Test
    void columnsAreMatchedByNameNotByPosition() {
        study("m-names");
        ModelRow m = model("m-names", "final", 0, "");
        ModelRow stored = store.model(m.id()).orElseThrow();
        assertEquals(List.of(stored), Jdbc.query(db, MODEL_COLUMNS_REVERSED, Jdbc.byName(ModelRow.class), m.id()),
                "the same row whatever the order of the columns");
    }

    @Test
    void aComponentWithoutItsColumnFailsTheRead() {
        study("m-renamed");
        ModelRow m = model("m-renamed", "final", 0, "");
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> Jdbc.query(db, MODEL_RUN_KEY_RENAMED, Jdbc.byName(ModelRow.class), m.id()));
        assertTrue(String.valueOf(e.getMessage()).contains("runKey"), e.toString());
    }
}
