package dev.basin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One study name, two runs: study {@code twice} ran under run key {@code seed-1}, then was submitted again under
 * {@code seed-2} (another seed: another run key). Every view shows the second run's rows only, its {@code _all}
 * twin both runs' rows. Study {@code other}, whose current run is {@code seed-1}, keeps showing its rows: the
 * filter is each study's own current run. Rows are written as the stores' SQL would write them, one row (or a
 * few) under every view.
 */
class CurrentRunViewsTest {

    private static final String OLD = "seed-1";
    private static final String NEW = "seed-2";

    /** Every analysis view; each has an {@code _all} twin. */
    private static final List<String> VIEWS = List.of("alignment_summary", "barrier_profile", "barriers",
            "budget_ensembles", "curve_profile", "curve_summary", "ensemble_connectivity", "ensemble_metrics",
            "ensemble_size", "ensemble_size_subsets", "interpolation_curve", "member_metrics", "plane_points_projected", "plane_surface",
            "shift_metrics", "similarity_pairs", "subspace_diversity", "swa_metrics", "trajectory_metrics",
            "tsne_points");

    /** Stored per study, not per run: a run's rows replace the previous run's, or outlive its plan run-less. */
    private static final List<String> PER_STUDY = List.of("interpolation_curve", "plane_points_projected",
            "plane_surface");

    private static TestSql sql;

    @BeforeAll
    static void twoRunsUnderOneName() throws SQLException {
        Database db = TestPostgres.migratedDatabase();
        sql = new TestSql(db);
        StudyStore store = new StudyStore(db);
        store.upsertStudy(StudyRow.running("other", "study: other\n", "h0", 1, "test", 1, OLD));
        fill(db, store, "other", OLD, 0);

        store.upsertStudy(StudyRow.running("twice", "study: twice\nseed: 1\n", "h1", 1, "test", 1, OLD));
        fill(db, store, "twice", OLD, 0);
        assertEquals(OLD, store.study("twice").orElseThrow().runKey());

        store.upsertStudy(StudyRow.running("twice", "study: twice\nseed: 2\n", "h2", 2, "test", 1, NEW));
        fill(db, store, "twice", NEW, 1);
        assertEquals(NEW, store.study("twice").orElseThrow().runKey(), "the latest submission's run is current");
    }

    /**
     * A run's rows under every view. Planes and interpolation lines are keyed by study, so the second run writes
     * plane 1 and another pair, and plans only its own stages: the first run's plane and line are left over.
     */
    private static void fill(Database db, StudyStore store, String study, String run, int plane) throws SQLException {
        String planeKey = study + run + "-plane";
        String lineKey = study + run + "-line";
        store.stages().plan(study, List.of(
                PlannedStageRow.of("plane/" + plane, 0, planeKey, "plane", "plane " + plane, List.of(),
                        Map.of("run", run)),
                PlannedStageRow.of("interpolation", 1, lineKey, "interpolation", "study", List.of(), Map.of("run", run))));
        String pair = plane == 0 ? "final:0-final:1" : "final:0-swa:0";
        List<String> rows = List.of(
                "insert into model (study, run_key, kind, member, epoch, step, artifact_key, sha256, bytes, variant)"
                        + " values (:s, :r, 'checkpoint', 0, 1, 10, :r || 'c0', 'x', 1, ''),"
                        + " (:s, :r, 'final', 0, 2, 20, :r || 'f0', 'x', 1, ''), (:s, :r, 'swa', 0, 2, 20, :r || 'w0', 'x', 1, ''),"
                        + " (:s, :r, 'final', 1, 2, 20, :r || 'f1', 'x', 1, ''),"
                        + " (:s, :r, 'sample', 0, 2, 20, :r || 'r0', 'x', 1, 'random r=10 #0'),"
                        + " (:s, :r, 'aligned', 1, 2, 20, :r || 'a1', 'x', 1, ''),"
                        + " (:s, :r, 'merged', 1, 2, 20, :r || 'm1', 'x', 1, '')",
                "insert into metric (study, model_id, split, name, value) select :s, id, split, n, id / 100.0 + length(n)"
                        + " from model, unnest(array['accuracy', 'nll', 'brier', 'ece']) n,"
                        + " unnest(array['test', 'train']) split where study = :s and run_key = :r",
                "insert into ensemble (study, run_key, kind, size, members) values (:s, :r, 'deep', 2, '{0,1}')",
                "insert into metric (study, ensemble_id, split, name, value) select :s, id, 'test', n, length(n) / 10.0"
                        + " from ensemble, unnest(array['accuracy', 'nll', 'brier', 'ece']) n where study = :s and run_key = :r",
                "insert into swag_moments (study, run_key, member, swa_model_id, artifact_key, sha256, bytes, averaged,"
                        + " rank, bn_recomputed, input_key) select :s, :r, 0, id, :r || 'm0', 'x', 1, 3, 2, true, 'ik'"
                        + " from model where study = :s and run_key = :r and kind = 'swa'",
                "insert into similarity (study, scope, model_a, model_b, cosine, disagreement) select :s, 'members',"
                        + " a.id, b.id, 0.9, 0.1 from model a, model b where a.study = :s and a.run_key = :r"
                        + " and b.study = :s and b.run_key = :r and a.kind = 'final' and b.kind = 'final' and a.id < b.id",
                "insert into tsne_point (study, input_key, model_id, perplexity, seed, x, y)"
                        + " select :s, :r, id, 10, 1, id, -id from model where study = :s and run_key = :r",
                "insert into subspace_sample (study, model_id, baseline_id, method, scale, sample, accuracy, disagreement,"
                        + " diversity, input_key) select :s, m.id, b.id, 'random', 10, 0, 0.7, 0.2, 0.6, 'ik'"
                        + " from model m, model b where m.study = :s and m.run_key = :r and b.study = :s"
                        + " and b.run_key = :r and m.kind = 'sample' and b.kind = 'final' and b.member = 0",
                "insert into plane (study, plane_index, anchors, grid, margin, train_subset, u_norm, input_key)"
                        + " values (:s, " + plane + ", '{final:0,final:1,swa:0}', 3, 0.2, 100, 1.5, '" + planeKey + "')",
                "insert into plane_point (plane_id, i, j, a, b, train_loss, train_accuracy, test_nll, test_error,"
                        + " similarity_to_first) select id, 1, 2, 0.5, 1.0, 0.3, 0.9, 0.4, 0.1, 0.8 from plane"
                        + " where study = :s and plane_index = " + plane,
                "insert into plane_projection (plane_id, label, model_id, kind, a, b, input_key)"
                        + " select p.id, 'final:0', m.id, 'anchor', 0, 0, 'ik' from plane p, model m"
                        + " where p.study = :s and p.plane_index = " + plane
                        + " and m.study = :s and m.run_key = :r and m.kind = 'final' and m.member = 0",
                "insert into interpolation_point (study, pair, i, t, train_loss, train_error, test_nll, test_error,"
                        + " input_key) values (:s, '" + pair + "', 0, 0.0, 1.0, 0.1, 1.1, 0.2, '" + lineKey + "')",
                "insert into shift_metric (study, model_id, corruption, severity, accuracy, nll, brier, ece)"
                        + " select :s, id, 'blur', 3, 0.6, 1.2, 0.5, 0.1 from model"
                        + " where study = :s and run_key = :r and kind = 'final'",
                "insert into shift_metric (study, ensemble_id, corruption, severity, accuracy, nll, brier, ece)"
                        + " select :s, id, 'rotation', 2, 0.7, 1.0, 0.4, 0.05 from ensemble where study = :s and run_key = :r",
                "insert into curve (study, run_key, label, curve_index, type, endpoint_a, endpoint_b, input_key)"
                        + " values (:s, :r, 'bezier final:0-final:1', 0, 'bezier', 'final:0', 'final:1', 'ik')",
                "insert into curve_point (curve_id, path, i, t, segment, train_loss, train_error, test_nll, test_error,"
                        + " input_key) select id, path, i, i / 2.0, i, 1 + i, 0.1, 1.1, 0.2, 'ik' from curve,"
                        + " unnest(array['curve', 'line']) path, generate_series(0, 2) i where study = :s and run_key = :r",
                "insert into budget_ensemble (study, run_key, method, budget, models, epochs, accuracy, nll, brier, ece,"
                        + " input_key) values (:s, :r, 'ind', 1, 1, 2, 0.7, 0.9, 0.4, 0.05, 'ik')",
                "insert into ensemble_subset (study, run_key, kind, size, subsets, exhaustive, accuracy_mean,"
                        + " accuracy_sd, nll_mean, nll_sd, brier_mean, brier_sd, ece_mean, ece_sd, input_key)"
                        + " values (:s, :r, 'deep', 1, 2, true, 0.8, 0.01, 0.6, 0.02, 0.3, 0.01, 0.05, null, 'ik')",
                "insert into ensemble_member (study, run_key, kind, variant, position, model_id, input_key)"
                        + " select :s, :r, 'deep', '', member, id, 'ik' from model"
                        + " where study = :s and run_key = :r and kind = 'final'",
                "insert into barrier (study, run_key, kind, variant, position_a, position_b, model_a, model_b, points,"
                        + " train_loss_barrier, train_loss_t, test_error_barrier, test_error_t, disagreement, input_key)"
                        + " select :s, :r, k, '', 0, 1, a.id, b.id, 3, 0.5, 0.5, 0.1, 0.5, 0.2, 'ik'"
                        + " from model a, model b, unnest(array['deep', 'aligned']) k"
                        + " where a.study = :s and a.run_key = :r and a.kind = 'final' and a.member = 0"
                        + " and b.study = :s and b.run_key = :r and b.member = 1"
                        + " and b.kind = case k when 'deep' then 'final' else 'aligned' end",
                "insert into barrier_point (barrier_id, i, t, train_loss, train_error, test_nll, test_error)"
                        + " select id, i, i / 2.0, 1, 0.1, 1.1, 0.2 from barrier, generate_series(0, 2) i"
                        + " where study = :s and run_key = :r",
                "insert into alignment (study, run_key, member, reference, sweeps, distance_before, distance_after,"
                        + " input_key) values (:s, :r, 1, 0, 2, 3.0, 2.0, 'ik')");
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String row : rows) {
                // test data of two fixed names: plain text, no bind parameters needed
                st.execute(row.replace(":s", "'" + study + "'").replace(":r", "'" + run + "'"));
            }
        }
    }

    @Test
    void eachViewShowsItsStudysCurrentRunOnly() {
        for (String view : VIEWS) {
            assertEquals(List.of(NEW), column("select distinct run_key from " + view + " where study = 'twice'"), view);
            assertEquals(rows("select * from " + view + "_all where study = 'twice' and run_key = '" + NEW + "'"),
                    rows("select * from " + view + " where study = 'twice'"), view + ": the current run's rows, whole");
            assertEquals(List.of(OLD), column("select distinct run_key from " + view + " where study = 'other'"),
                    view + ": another study's current run is its own");
        }
    }

    @Test
    void eachAllViewShowsEveryRun() {
        for (String view : VIEWS) {
            List<String> runs = column("select distinct coalesce(run_key, 'none') from " + view + "_all"
                    + " where study = 'twice' order by 1");
            // A per-study row left over from the first run's plan has no run any more.
            assertEquals(PER_STUDY.contains(view) ? List.of("none", NEW) : List.of(OLD, NEW), runs, view + "_all");
            String first = PER_STUDY.contains(view) ? "run_key is null" : "run_key = '" + OLD + "'";
            assertEquals(column("select count(*) from " + view + "_all where study = 'twice' and run_key = '" + NEW + "'"),
                    column("select count(*) from " + view + "_all where study = 'twice' and " + first),
                    view + "_all: each run wrote the same rows");
        }
    }

    @Test
    void eachAllViewHasItsViewsColumns() {
        for (String view : VIEWS) {
            assertEquals(sql.run("select * from " + view + " limit 0").columns(),
                    sql.run("select * from " + view + "_all limit 0").columns(), view);
        }
    }

    @Test
    void viewsThatReadOtherViewsAgreeWithThem() {
        assertEquals(column("select model_id from member_metrics where study = 'twice' and kind = 'checkpoint'"
                        + " and split = 'test' order by model_id"),
                column("select model_id from trajectory_metrics where study = 'twice' order by model_id"));
        assertEquals(column("select ensemble_id from ensemble_metrics where study = 'twice' and split = 'test'"
                        + " order by 1"),
                column("select ensemble_id from ensemble_size where study = 'twice' order by 1"));
        assertEquals(column("select barrier_id from barriers where study = 'twice' order by 1"),
                column("select distinct barrier_id from barrier_profile where study = 'twice' order by 1"));
        // The connectivity and alignment rows read the current run's barriers and members, not the first run's.
        assertEquals(List.of("1 0.5"), column("select pairs || ' ' || mean_barrier from ensemble_connectivity"
                + " where study = 'twice'"));
        assertEquals(column("select avg(accuracy) from member_metrics where study = 'twice' and kind = 'final'"
                        + " and split = 'test'"),
                column("select mean_member_accuracy from ensemble_connectivity where study = 'twice'"));
        assertEquals(List.of("0.5 0.5"), column("select barrier_before || ' ' || barrier_after from alignment_summary"
                + " where study = 'twice'"));
        assertEquals(column("select accuracy from member_metrics where study = 'twice' and kind = 'merged'"
                        + " and split = 'test'"),
                column("select merged_accuracy from alignment_summary where study = 'twice'"));
    }

    private static List<String> column(String query) {
        return sql.run(query).rows().stream().map(r -> r.get(0)).toList();
    }

    /** The rows of a query as text, sorted: equal for the same rows in any order. */
    private static List<String> rows(String query) {
        QueryResult r = sql.run(query);
        List<String> out = new ArrayList<>();
        r.rows().forEach(row -> out.add(Arrays.toString(row.toArray())));
        out.sort(null);
        assertTrue(!out.isEmpty(), "rows under " + query);
        return out;
    }
}
