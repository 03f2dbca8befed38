package dev.basin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The view of each analysis, on a tiny study filled by hand: two members, each with checkpoints at epochs 1 and 2
 * and a final; member 0 also has an SWA solution and two random samples around its final. Each view is read as
 * {@code basin sql} (and pandas) read it: column names, and values as PostgreSQL's text.
 */
class LandscapeViewsTest {

    private static TestSql sql;
    private static final String S = "tiny";
    private static long fin0;
    private static long fin1;
    private static long ck01;
    private static long ck02;
    private static long swa0;
    private static long r0;
    private static long r1;
    private static long deep2;

    @BeforeAll
    static void fill() {
        Database db = TestPostgres.migratedDatabase();
        sql = new TestSql(db);
        StudyStore store = new StudyStore(db);
        LandscapeStore landscape = new LandscapeStore(db);
        store.upsertStudy(StudyRow.running(S, "study: tiny\n", "h", 1, "test", 1, "rk"));
        store.upsertStudy(StudyRow.running("other", "study: other\n", "h", 1, "test", 1, "rk"));
        // Planes and lines belong to the run of the stage that made them.
        store.stages().plan(S, List.of(PlannedStageRow.of("plane/0", 0, "p", "plane", "plane 0", List.of(),
                        Map.of("run", "rk")),
                PlannedStageRow.of("interpolation", 1, "i", "interpolation", "study", List.of(), Map.of("run", "rk"))));

        ck01 = model(store, "checkpoint", 0, 1, 10, "", 0.5);
        ck02 = model(store, "checkpoint", 0, 2, 20, "", 0.7);
        long ck11 = model(store, "checkpoint", 1, 1, 10, "", 0.55);
        long ck12 = model(store, "checkpoint", 1, 2, 20, "", 0.75);
        fin0 = model(store, "final", 0, 2, 20, "", 0.7);
        fin1 = model(store, "final", 1, 2, 20, "", 0.75);
        swa0 = model(store, "swa", 0, 2, 20, "", 0.8);
        r0 = model(store, "sample", 0, 2, 20, "random r=10 #0", 0.6);
        r1 = model(store, "sample", 0, 2, 20, "random r=10 #1", 0.4);
        long otherStudy = store.recordModel(ModelRow.of("other", "rk", ModelKind.CHECKPOINT, 0, 1, 10, "o", "x", 1));
        store.recordModelMetrics("other", otherStudy, "test", Map.of("accuracy", 0.1));

        long deep1 = store.recordEnsemble(S, "rk", "deep", 1, new int[] {0});
        deep2 = store.recordEnsemble(S, "rk", "deep", 2, new int[] {0, 1});
        store.recordEnsembleMetrics(S, deep1, "test", metrics(0.7));
        store.recordEnsembleMetrics(S, deep2, "test", metrics(0.8));
        store.recordEnsembleMetrics(S, deep2, "train", metrics(0.9));

        landscape.recordSimilarities(List.of(new SimilarityRow(S, "trajectory", ck02, ck01, 0.9, 0.1, "k"),
                new SimilarityRow(S, "members", fin0, fin1, 0.05, 0.02, 0.25, "k")));
        landscape.recordTsnePoints(List.of(new TsneRow(S, "t", ck01, 30, 7, 1, 2), new TsneRow(S, "t", ck11, 30, 7, 3, 4),
                new TsneRow(S, "t", r0, 30, 7, 5, 6)));
        landscape.recordSubspaceSamples(List.of(
                new SubspaceSampleRow(S, r0, fin0, "random", 10.0, 0, 0.6, 0.2, 0.2 / 0.3, true, "k"),
                new SubspaceSampleRow(S, r1, fin0, "random", 10.0, 1, 0.4, 0.5, 0.5 / 0.3, false, "k"),
                new SubspaceSampleRow(S, fin1, fin0, "member", null, 1, 0.75, 0.25, 0.25 / 0.3, true, "k")));
        PlaneStore planes = landscape.planes();
        long plane = planes.upsertPlane(PlaneRow.of(S, 0, List.of("final:0", "final:1", "origin"), 3, 0.5, 100, "p"));
        planes.setPlaneNorm(plane, 4.0);
        planes.recordPlanePoints(List.of(new PlanePointRow(plane, 0, 0, -0.5, -0.5, 2.0, 0.3, 2.2, 0.7, 0.35),
                new PlanePointRow(plane, 0, 1, -0.5, 0.25, 1.0, 0.6, 1.1, 0.4, 0.5)));
        planes.recordPlaneProjections(List.of(new PlaneProjectionRow(plane, "final:0", fin0, "anchor", 0, 0),
                new PlaneProjectionRow(plane, "origin", null, "anchor", -0.25, 0.5),
                new PlaneProjectionRow(plane, "checkpoint:1@2", ck12, "checkpoint", 0.75, 0.125)), "key");
        planes.recordInterpolationPoints(List.of(
                new InterpolationPointRow(S, "final:0-swa:0", 1, 0.5, 0.3, 0.1, 0.35, 0.12, "i"),
                new InterpolationPointRow(S, "final:0-swa:0", 0, -0.25, 0.4, 0.2, 0.45, 0.22, "i")));
        landscape.recordShiftMetrics(List.of(new ShiftMetricRow(S, fin0, null, "blur", 2, 0.6, 1.1, 0.5, 0.07, "k"),
                new ShiftMetricRow(S, null, deep2, "blur", 2, 0.65, 1.0, 0.45, 0.06, "k")));
    }

    private static long model(StudyStore store, String kind, int member, int epoch, long step, String variant,
                              double accuracy) {
        long id = store.recordModel(ModelRow.of(S, "rk", ModelKind.fromText(kind), member, epoch, step, kind + member + epoch + variant, "x",
                1).withVariant(variant));
        store.recordModelMetrics(S, id, "test", metrics(accuracy));
        return id;
    }

    /** accuracy a, nll 1 - a, brier (1 - a) / 2, ece (1 - a) / 10: easy to tell apart. */
    private static Map<String, Double> metrics(double a) {
        return Map.of("accuracy", a, "nll", round(1 - a), "brier", round((1 - a) / 2), "ece", round((1 - a) / 10));
    }

    private static double round(double x) {
        return Math.round(x * 1e6) / 1e6;
    }

    private static void view(String query, List<String> columns, List<List<String>> rows) {
        QueryResult r = sql.run(query);
        assertEquals(columns, r.columns(), query);
        assertEquals(rows, r.rows(), query);
    }

    private static void columns(String view, List<String> columns) {
        assertEquals(columns, sql.run("select * from " + view + " limit 0").columns(), view);
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    @Test
    void trajectoryMetrics() {
        columns("trajectory_metrics", List.of("study", "member", "epoch", "step", "accuracy", "nll", "brier", "ece",
                "label", "run_key", "model_id"));
        view("select member, epoch, step, accuracy, nll, brier, ece, label from trajectory_metrics where study = 'tiny'"
                        + " order by member, epoch",
                List.of("member", "epoch", "step", "accuracy", "nll", "brier", "ece", "label"),
                List.of(row("0", "1", "10", "0.5", "0.5", "0.25", "0.05", "checkpoint:0@1"),
                        row("0", "2", "20", "0.7", "0.3", "0.15", "0.03", "checkpoint:0@2"),
                        row("1", "1", "10", "0.55", "0.45", "0.225", "0.045", "checkpoint:1@1"),
                        row("1", "2", "20", "0.75", "0.25", "0.125", "0.025", "checkpoint:1@2")));
    }

    @Test
    void similarityPairs() {
        columns("similarity_pairs", List.of("study", "scope", "label_a", "member_a", "epoch_a", "step_a", "label_b",
                "member_b", "epoch_b", "step_b", "cosine", "disagreement", "model_a", "model_b", "run_key",
                "cosine_kernels"));
        view("select scope, label_a, member_a, epoch_a, label_b, member_b, epoch_b, cosine, disagreement, cosine_kernels"
                        + " from similarity_pairs where study = 'tiny' order by scope",
                List.of("scope", "label_a", "member_a", "epoch_a", "label_b", "member_b", "epoch_b", "cosine",
                        "disagreement", "cosine_kernels"),
                List.of(row("members", "final:0", "0", "2", "final:1", "1", "2", "0.05", "0.25", "0.02"),
                        row("trajectory", "checkpoint:0@1", "0", "1", "checkpoint:0@2", "0", "2", "0.9", "0.1",
                                null)));
    }

    @Test
    void tsnePoints() {
        columns("tsne_points", List.of("study", "label", "member", "epoch", "step", "method", "x", "y", "perplexity",
                "seed", "input_key", "model_id", "run_key"));
        view("select label, member, epoch, method, x, y from tsne_points where study = 'tiny' order by x",
                List.of("label", "member", "epoch", "method", "x", "y"),
                List.of(row("checkpoint:0@1", "0", "1", "trajectory", "1", "2"),
                        row("checkpoint:1@1", "1", "1", "trajectory", "3", "4"),
                        row("sample:0 random r=10 #0", "0", "2", "random", "5", "6")));
    }

    @Test
    void swaMetrics() {
        columns("swa_metrics", List.of("study", "member", "final_accuracy", "swa_accuracy", "final_nll", "swa_nll",
                "final_brier", "swa_brier", "final_ece", "swa_ece", "swa_variant", "run_key", "final_model_id",
                "swa_model_id", "bn_recomputed", "swa_epochs", "swag_rank"));
        view("select member, final_accuracy, swa_accuracy, final_nll, swa_nll, final_brier, swa_brier, final_ece,"
                        + " swa_ece, swa_model_id = " + swa0 + " from swa_metrics where study = 'tiny'",
                List.of("member", "final_accuracy", "swa_accuracy", "final_nll", "swa_nll", "final_brier", "swa_brier",
                        "final_ece", "swa_ece", "?column?"),
                List.of(row("0", "0.7", "0.8", "0.3", "0.2", "0.15", "0.1", "0.03", "0.02", "t")));
    }

    @Test
    void subspaceDiversity() {
        columns("subspace_diversity", List.of("study", "method", "scale", "sample", "accuracy", "disagreement",
                "diversity", "kept", "label", "baseline", "baseline_member", "member", "model_id", "baseline_id", "run_key",
                "diversity_own"));
        // diversity over the baseline's error (1 - 0.7), diversity_own over the sample's: 0.25/0.25, 0.2/0.4, 0.5/0.6
        view("select method, scale, sample, accuracy, disagreement, round(diversity::numeric, 4), kept, label,"
                        + " baseline, member, round(diversity_own::numeric, 4) as own from subspace_diversity"
                        + " where study = 'tiny' order by method, sample",
                List.of("method", "scale", "sample", "accuracy", "disagreement", "round", "kept", "label", "baseline",
                        "member", "own"),
                List.of(row("member", null, "1", "0.75", "0.25", "0.8333", "t", "final:1", "final:0", "1", "1.0000"),
                        row("random", "10", "0", "0.6", "0.2", "0.6667", "t", "sample:0 random r=10 #0", "final:0", "0",
                                "0.5000"),
                        row("random", "10", "1", "0.4", "0.5", "1.6667", "f", "sample:0 random r=10 #1", "final:0",
                                "0", "0.8333")));
    }

    @Test
    void ensembleSize() {
        columns("ensemble_size", List.of("study", "kind", "size", "accuracy", "nll", "brier", "ece", "members",
                "run_key", "ensemble_id", "variant"));
        view("select kind, size, accuracy, nll, brier, ece, members from ensemble_size where study = 'tiny'"
                        + " order by size",
                List.of("kind", "size", "accuracy", "nll", "brier", "ece", "members"),
                List.of(row("deep", "1", "0.7", "0.3", "0.15", "0.03", "{0}"),
                        row("deep", "2", "0.8", "0.2", "0.1", "0.02", "{0,1}")));
    }

    @Test
    void planeSurface() {
        columns("plane_surface", List.of("study", "plane", "anchors", "i", "j", "a", "b", "train_loss",
                "train_accuracy", "test_nll", "test_error", "similarity_to_first", "grid", "margin", "u_norm",
                "plane_id", "run_key"));
        view("select plane, anchors, i, j, a, b, train_loss, train_accuracy, test_nll, test_error, similarity_to_first,"
                        + " grid, margin, u_norm from plane_surface where study = 'tiny' order by i, j",
                List.of("plane", "anchors", "i", "j", "a", "b", "train_loss", "train_accuracy", "test_nll",
                        "test_error", "similarity_to_first", "grid", "margin", "u_norm"),
                List.of(row("0", "{final:0,final:1,origin}", "0", "0", "-0.5", "-0.5", "2", "0.3", "2.2", "0.7",
                                "0.35", "3", "0.5", "4"),
                        row("0", "{final:0,final:1,origin}", "0", "1", "-0.5", "0.25", "1", "0.6", "1.1", "0.4",
                                "0.5", "3", "0.5", "4")));
    }

    @Test
    void planePointsProjected() {
        columns("plane_points_projected", List.of("study", "plane", "label", "kind", "a", "b", "member", "epoch",
                "step", "model_id", "plane_id", "run_key"));
        view("select plane, label, kind, a, b, member, epoch from plane_points_projected where study = 'tiny'"
                        + " order by a",
                List.of("plane", "label", "kind", "a", "b", "member", "epoch"),
                List.of(row("0", "origin", "anchor", "-0.25", "0.5", null, null),
                        row("0", "final:0", "anchor", "0", "0", "0", "2"),
                        row("0", "checkpoint:1@2", "checkpoint", "0.75", "0.125", "1", "2")));
    }

    @Test
    void interpolationCurve() {
        columns("interpolation_curve", List.of("study", "pair", "from_label", "to_label", "i", "t", "train_loss",
                "train_error", "test_nll", "test_error", "run_key"));
        view("select pair, from_label, to_label, i, t, train_loss, train_error, test_nll, test_error"
                        + " from interpolation_curve where study = 'tiny' order by i",
                List.of("pair", "from_label", "to_label", "i", "t", "train_loss", "train_error", "test_nll",
                        "test_error"),
                List.of(row("final:0-swa:0", "final:0", "swa:0", "0", "-0.25", "0.4", "0.2", "0.45", "0.22"),
                        row("final:0-swa:0", "final:0", "swa:0", "1", "0.5", "0.3", "0.1", "0.35", "0.12")));
    }

    @Test
    void shiftMetrics() {
        columns("shift_metrics", List.of("study", "owner", "label", "kind", "member", "size", "corruption", "severity",
                "accuracy", "nll", "brier", "ece", "model_id", "ensemble_id", "run_key"));
        view("select owner, label, kind, member, size, corruption, severity, accuracy, nll, brier, ece"
                        + " from shift_metrics where study = 'tiny' order by owner",
                List.of("owner", "label", "kind", "member", "size", "corruption", "severity", "accuracy", "nll",
                        "brier", "ece"),
                List.of(row("ensemble", "deep x2", "deep", null, "2", "blur", "2", "0.65", "1", "0.45", "0.06"),
                        row("model", "final:0", "final", "0", null, "blur", "2", "0.6", "1.1", "0.5", "0.07")));
    }

    @Test
    void memberMetricsKeepsItsColumnsAndGainsVariantAndLabel() {
        columns("member_metrics", List.of("study", "member", "epoch", "kind", "split", "accuracy", "nll", "brier",
                "ece", "run_key", "step", "model_id", "variant", "label"));
        view("select kind, variant, label, accuracy from member_metrics where study = 'tiny' and member = 0"
                        + " and kind in ('swa', 'sample') order by accuracy",
                List.of("kind", "variant", "label", "accuracy"),
                List.of(row("sample", "random r=10 #1", "sample:0 random r=10 #1", "0.4"),
                        row("sample", "random r=10 #0", "sample:0 random r=10 #0", "0.6"),
                        row("swa", "", "swa:0", "0.8")));
    }
}
