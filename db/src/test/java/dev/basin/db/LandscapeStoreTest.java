package dev.basin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every landscape write is an idempotent upsert; retain drops what other input keys computed. */
class LandscapeStoreTest {

    private static Database db;
    private static StudyStore store;
    private static LandscapeStore landscape;
    private static PlaneStore planes;

    @BeforeAll
    static void start() {
        db = TestPostgres.migratedDatabase();
        store = new StudyStore(db);
        landscape = new LandscapeStore(db);
        planes = landscape.planes();
    }

    private static long[] study(String name, int models) {
        store.upsertStudy(StudyRow.running(name, "study: " + name + "\n", "h", 1, "test", 1));
        long[] ids = new long[models];
        for (int m = 0; m < models; m++) {
            ids[m] = store.recordModel(ModelRow.of(name, "rk", ModelKind.FINAL, m, 2, 20, "f" + m, "x", 1));
        }
        return ids;
    }

    private static String count(String table, String study) {
        // table names come from this test's own constants
        return new TestSql(db).run("select count(*) from " + table + " where study = '" + study + "'").rows().get(0)
                .get(0);
    }

    @Test
    void similarityPairsAreStoredOnceInEitherOrder() {
        long[] m = study("l-sim", 3);
        landscape.recordSimilarities(List.of(new SimilarityRow("l-sim", "members", m[1], m[0], 0.2, 0.3, "k1"),
                new SimilarityRow("l-sim", "members", m[0], m[2], 0.1, 0.4, "k1")));
        landscape.recordSimilarities(List.of(new SimilarityRow("l-sim", "members", m[0], m[1], 0.25, 0.35, "k1")));
        assertEquals(List.of(new SimilarityRow("l-sim", "members", m[0], m[1], 0.25, 0.35, "k1"),
                        new SimilarityRow("l-sim", "members", m[0], m[2], 0.1, 0.4, "k1")),
                landscape.similarities("l-sim"));
        landscape.recordSimilarities(List.of(new SimilarityRow("l-sim", "all", m[0], m[1], 0.25, 0.35, "k2")));
        assertEquals(3, landscape.similarities("l-sim").size(), "another scope is another row");
        assertEquals(2, landscape.retainSimilarities("l-sim", List.of("k2", "unrelated")));
        assertEquals(List.of(new SimilarityRow("l-sim", "all", m[0], m[1], 0.25, 0.35, "k2")),
                landscape.similarities("l-sim"));
        // the kernels' cosine is stored beside it, and read back; null stays null
        landscape.recordSimilarities(List.of(new SimilarityRow("l-sim", "all", m[1], m[2], 0.75, 0.0625, 0.5, "k2")));
        assertEquals(List.of(new SimilarityRow("l-sim", "all", m[0], m[1], 0.25, null, 0.35, "k2"),
                        new SimilarityRow("l-sim", "all", m[1], m[2], 0.75, 0.0625, 0.5, "k2")),
                landscape.similarities("l-sim"));
        assertThrows(IllegalArgumentException.class, () -> new SimilarityRow("l-sim", "all", m[0], m[0], 1, 0, "k"));
        assertThrows(IllegalArgumentException.class, () -> new SimilarityRow("l-sim", "pairs", m[0], m[1], 1, 0, "k"));
        assertThrows(DbException.class, () -> landscape.recordSimilarities(
                List.of(new SimilarityRow("l-sim", "all", m[0], m[2], 0.5, 1.5, "k2"))), "disagreement above 1");
    }

    @Test
    void tsnePointsAreOnePerModelAndEmbedding() {
        long[] m = study("l-tsne", 2);
        List<TsneRow> rows = List.of(new TsneRow("l-tsne", "t1", m[0], 30, 7, 1.5, -2.0),
                new TsneRow("l-tsne", "t1", m[1], 30, 7, 0.5, 3.0));
        landscape.recordTsnePoints(rows);
        landscape.recordTsnePoints(rows);
        assertEquals(rows, landscape.tsnePoints("l-tsne"));
        landscape.recordTsnePoints(List.of(new TsneRow("l-tsne", "t2", m[0], 5, 7, 9, 9)));
        assertEquals(3, landscape.tsnePoints("l-tsne").size());
        assertEquals(2, landscape.retainTsne("l-tsne", List.of("t2")));
        assertEquals(List.of(new TsneRow("l-tsne", "t2", m[0], 5, 7, 9, 9)), landscape.tsnePoints("l-tsne"));
    }

    @Test
    void subspaceSamplesAreOnePerSampleAndBaseline() {
        long[] m = study("l-sub", 2);
        long s0 = store.recordModel(ModelRow.of("l-sub", "rk", ModelKind.SAMPLE, 0, 2, 20, "s0", "x", 1)
                .withVariant("random r=10 #0"));
        SubspaceSampleRow sample = new SubspaceSampleRow("l-sub", s0, m[0], "random", 10.0, 0, 0.8, 0.25, 2.5, true,
                "k1");
        SubspaceSampleRow member = new SubspaceSampleRow("l-sub", m[1], m[0], "member", null, 1, 0.85, 0.3, null,
                true, "k1");
        landscape.recordSubspaceSamples(List.of(sample, member));
        SubspaceSampleRow below = new SubspaceSampleRow("l-sub", s0, m[0], "random", 10.0, 0, 0.1, 0.9, 9.0, false,
                "k1");
        landscape.recordSubspaceSamples(List.of(below));
        assertEquals(List.of(member, below), landscape.subspaceSamples("l-sub"));
        assertEquals(0, landscape.retainSubspaceSamples("l-sub", List.of("k1")));
        assertEquals(2, landscape.retainSubspaceSamples("l-sub", List.of()));
        assertEquals(List.of(), landscape.subspaceSamples("l-sub"));
        assertThrows(IllegalArgumentException.class,
                () -> new SubspaceSampleRow("l-sub", s0, m[0], "swag", 1.0, 0, 0.8, 0.2, 1.0, true, "k"));
    }

    @Test
    void shiftMetricsAreOnePerOwnerCorruptionAndSeverity() {
        long[] m = study("l-shift", 1);
        long e = store.recordEnsemble("l-shift", "rk", "deep", 1, new int[] {0}, "ek");
        ShiftMetricRow model = new ShiftMetricRow("l-shift", m[0], null, "blur", 3, 0.7, 0.9, 0.4, 0.05, "k1");
        ShiftMetricRow ensemble = new ShiftMetricRow("l-shift", null, e, "blur", 3, 0.72, 0.85, 0.38, 0.04, "k1");
        landscape.recordShiftMetrics(List.of(model, ensemble));
        ShiftMetricRow model2 = new ShiftMetricRow("l-shift", m[0], null, "blur", 3, 0.71, 0.8, 0.39, 0.03, "k2");
        landscape.recordShiftMetrics(List.of(model2, ensemble));
        assertEquals(List.of(model2, ensemble), landscape.shiftMetrics("l-shift"));
        assertEquals("2", count("shift_metric", "l-shift"));
        assertEquals(1, landscape.retainShiftMetrics("l-shift", List.of("k2")));
        assertEquals(List.of(model2), landscape.shiftMetrics("l-shift"));
        assertThrows(IllegalArgumentException.class,
                () -> new ShiftMetricRow("l-shift", m[0], e, "blur", 3, 0, 0, 0, 0, "k"));
        assertThrows(IllegalArgumentException.class,
                () -> new ShiftMetricRow("l-shift", m[0], null, "fog", 3, 0, 0, 0, 0, "k"));
        assertThrows(IllegalArgumentException.class,
                () -> new ShiftMetricRow("l-shift", m[0], null, "blur", 6, 0, 0, 0, 0, "k"));
    }

    @Test
    void planesKeepTheirIdAndLoseStalePointsWhenTheirKeyChanges() {
        long[] m = study("l-plane", 2);
        PlaneRow row = PlaneRow.of("l-plane", 0, List.of("final:0", "final:1", "origin"), 3, 0.2, 100, "p1");
        long id = planes.upsertPlane(row);
        assertEquals(id, planes.upsertPlane(row));
        assertNull(planes.plane("l-plane", 0).orElseThrow().uNorm());
        planes.setPlaneNorm(id, 12.5);
        assertEquals(id, planes.upsertPlane(row), "a retry under the same key keeps the norm");
        assertEquals(12.5, planes.plane("l-plane", 0).orElseThrow().uNorm());

        PlanePointRow p00 = new PlanePointRow(id, 0, 0, -0.2, -0.2, 2.5, 0.3, 2.6, 0.7, 0.4);
        PlanePointRow p01 = new PlanePointRow(id, 0, 1, -0.2, 0.5, Double.POSITIVE_INFINITY, 0.1, Double.NaN, 0.9, 0.1);
        planes.recordPlanePoints(List.of(p00, p01));
        planes.recordPlanePoints(List.of(p01));
        assertEquals(List.of(p00, p01), planes.planePoints(id), "infinite and NaN losses are stored as they are");
        PlaneProjectionRow a0 = new PlaneProjectionRow(id, "final:0", m[0], "anchor", 0, 0);
        PlaneProjectionRow origin = new PlaneProjectionRow(id, "origin", null, "anchor", -1.2, 0.4);
        planes.recordPlaneProjections(List.of(a0, origin), "key");
        planes.recordPlaneProjections(List.of(a0, origin), "key");
        assertEquals(List.of(a0, origin), planes.planeProjections(id));

        PlaneRow changed = PlaneRow.of("l-plane", 0, List.of("final:0", "final:1", "origin"), 5, 0.2, 100, "p2");
        assertEquals(id, planes.upsertPlane(changed));
        assertEquals(List.of(), planes.planePoints(id), "points of the old key are gone");
        assertEquals(List.of(), planes.planeProjections(id));
        assertEquals(new PlaneRow(id, "l-plane", 0, List.of("final:0", "final:1", "origin"), 5, 0.2, 100, null, "p2"),
                planes.plane("l-plane", 0).orElseThrow());

        long second = planes.upsertPlane(PlaneRow.of("l-plane", 1, List.of("final:1", "final:0", "origin"), 3, 0, 100,
                "q1"));
        planes.recordPlanePoints(List.of(new PlanePointRow(second, 0, 0, 0, 0, 1, 1, 1, 0, 1)));
        assertEquals(List.of(0, 1), planes.planes("l-plane").stream().map(PlaneRow::planeIndex).toList());
        assertEquals(1, planes.retainPlanes("l-plane", List.of("p2")));
        assertEquals(List.of(id), planes.planes("l-plane").stream().map(PlaneRow::id).toList());
        assertEquals(List.of(), planes.planePoints(second));
        assertThrows(DbException.class, () -> planes.setPlaneNorm(second, 1.0));
        assertThrows(IllegalArgumentException.class, () -> PlaneRow.of("l-plane", 2, List.of("final:0"), 3, 0, 100, "k"));
    }

    @Test
    void interpolationPointsAreOnePerLineAndIndex() {
        study("l-line", 2);
        List<InterpolationPointRow> line = List.of(
                new InterpolationPointRow("l-line", "final:0-final:1", 0, -0.2, 0.5, 0.1, 0.6, 0.12, "i1"),
                new InterpolationPointRow("l-line", "final:0-final:1", 1, 0.5, 2.0, 0.6, 2.1, 0.61, "i1"),
                new InterpolationPointRow("l-line", "final:0-final:1", 2, 1.2, 0.5, 0.1, 0.6, 0.12, "i1"));
        planes.recordInterpolationPoints(line);
        planes.recordInterpolationPoints(line);
        assertEquals(line, planes.interpolation("l-line", "final:0-final:1"));
        assertEquals("3", count("interpolation_point", "l-line"));
        planes.recordInterpolationPoints(List.of(
                new InterpolationPointRow("l-line", "final:0-origin", 0, 0, 1, 1, 1, 1, "i2")));
        assertEquals(1, planes.retainInterpolation("l-line", List.of("i1")));
        assertEquals(List.of(), planes.interpolation("l-line", "final:0-origin"));
        assertEquals(line, planes.interpolation("l-line", "final:0-final:1"));
    }

    @Test
    void deletingAModelTakesItsAnalysisRowsWithIt() {
        long[] m = study("l-cascade", 2);
        landscape.recordSimilarities(List.of(new SimilarityRow("l-cascade", "members", m[0], m[1], 0.2, 0.3, "k")));
        landscape.recordTsnePoints(List.of(new TsneRow("l-cascade", "t", m[1], 30, 1, 0, 0)));
        landscape.recordShiftMetrics(List.of(new ShiftMetricRow("l-cascade", m[1], null, "contrast", 1, 0.5, 1, 0.6,
                0.1, "k")));
        store.recordModelMetrics("l-cascade", m[1], "test", Map.of("accuracy", 0.5));
        // what a damaged final does (StageStore.reportDamage deletes the model row by its artifact key)
        store.stages().reportDamage(DamagedArtifactRow.of("l-cascade", "rk", "final", 1, "f1", "x", "y", "deleted"));
        assertEquals(List.of(), landscape.similarities("l-cascade"));
        assertEquals(List.of(), landscape.tsnePoints("l-cascade"));
        assertEquals(List.of(), landscape.shiftMetrics("l-cascade"));
    }
}
