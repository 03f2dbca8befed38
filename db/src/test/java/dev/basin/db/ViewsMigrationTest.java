package dev.basin.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;

/**
 * Every view lives in the repeatable migration R__views.sql, and moving them there from V1..V7 changed no
 * view: same columns, same definitions, same rows, on a new database and on one a version-7 Basin wrote to. Since
 * version 10 each view of version 7 is its {@code _all} view (every run, a run key added where it had none), and
 * the view of its name shows its study's current run of it.
 */
class ViewsMigrationTest {

    private static final String VIEWS_SCRIPT = "R__views.sql";
    private static final Pattern CREATE =
            Pattern.compile("(?im)^\\s*create\\s+(?:or\\s+replace\\s+)?view\\s+([a-z_][a-z0-9_]*)\\b");
    private static final Pattern DROP =
            Pattern.compile("(?im)^\\s*drop\\s+view\\s+if\\s+exists\\s+([a-z_][a-z0-9_]*)\\s+cascade\\s*;");

    /**
     * Each view's columns, in order, with their types, as V1..V7 of branch {@code graph} made them before the
     * views moved to R__views.sql (printed from a database migrated by those migrations alone).
     */
    private static final Map<String, String> COLUMNS_BEFORE_THE_MOVE = Map.ofEntries(
            Map.entry("ensemble_metrics", "study text, kind text, size integer, split text, accuracy double precision, "
                    + "nll double precision, brier double precision, ece double precision, run_key text, "
                    + "members ARRAY, ensemble_id bigint"),
            Map.entry("ensemble_size", "study text, kind text, size integer, accuracy double precision, "
                    + "nll double precision, brier double precision, ece double precision, "
                    + "members ARRAY, run_key text, ensemble_id bigint"),
            Map.entry("interpolation_curve", "study text, pair text, from_label text, to_label text, i integer, "
                    + "t double precision, train_loss double precision, train_error double precision, "
                    + "test_nll double precision, test_error double precision"),
            Map.entry("member_metrics", "study text, member integer, epoch integer, kind text, split text, "
                    + "accuracy double precision, nll double precision, brier double precision, "
                    + "ece double precision, run_key text, step bigint, model_id bigint, variant text, "
                    + "label text"),
            Map.entry("plane_points_projected", "study text, plane integer, label text, kind text, a double precision, "
                    + "b double precision, member integer, epoch integer, step bigint, model_id bigint, "
                    + "plane_id bigint"),
            Map.entry("plane_surface", "study text, plane integer, anchors ARRAY, i integer, j integer, "
                    + "a double precision, b double precision, train_loss double precision, "
                    + "train_accuracy double precision, test_nll double precision, "
                    + "test_error double precision, similarity_to_first double precision, grid integer, "
                    + "margin double precision, u_norm double precision, plane_id bigint"),
            Map.entry("shift_metrics", "study text, owner text, label text, kind text, member integer, size integer, "
                    + "corruption text, severity integer, accuracy double precision, "
                    + "nll double precision, brier double precision, ece double precision, "
                    + "model_id bigint, ensemble_id bigint"),
            Map.entry("similarity_pairs", "study text, scope text, label_a text, member_a integer, epoch_a integer, "
                    + "step_a bigint, label_b text, member_b integer, epoch_b integer, step_b bigint, "
                    + "cosine double precision, disagreement double precision, model_a bigint, "
                    + "model_b bigint"),
            Map.entry("subspace_diversity", "study text, method text, scale double precision, sample integer, "
                    + "accuracy double precision, disagreement double precision, "
                    + "diversity double precision, kept boolean, label text, baseline text, "
                    + "baseline_member integer, member integer, model_id bigint, baseline_id bigint"),
            Map.entry("swa_metrics", "study text, member integer, final_accuracy double precision, "
                    + "swa_accuracy double precision, final_nll double precision, "
                    + "swa_nll double precision, final_brier double precision, "
                    + "swa_brier double precision, final_ece double precision, swa_ece double precision, "
                    + "swa_variant text, run_key text, final_model_id bigint, swa_model_id bigint, "
                    + "bn_recomputed boolean, swa_epochs integer, swag_rank integer"),
            Map.entry("trajectory_metrics", "study text, member integer, epoch integer, step bigint, "
                    + "accuracy double precision, nll double precision, brier double precision, "
                    + "ece double precision, label text, run_key text, model_id bigint"),
            Map.entry("tsne_points", "study text, label text, member integer, epoch integer, step bigint, method text, "
                    + "x double precision, y double precision, perplexity double precision, seed bigint, "
                    + "input_key text, model_id bigint"));

    /** The views of version 7 that had no run key: since version 10 they end with one. */
    private static final Set<String> RUN_KEY_ADDED = Set.of("interpolation_curve", "plane_points_projected",
            "plane_surface", "shift_metrics", "similarity_pairs", "subspace_diversity", "tsne_points");

    /**
     * Each view's columns now: version 7's, with the ensemble's variant (V8), the connectivity and single-basin
     * views, and a run key (V10); each view twice, {@code <name>} and {@code <name>_all}, with the same columns.
     */
    private static final Map<String, String> COLUMNS = columnsNow();

    private static Map<String, String> columnsNow() {
        Map<String, String> out = new TreeMap<>(COLUMNS_BEFORE_THE_MOVE);
        RUN_KEY_ADDED.forEach(view -> out.put(view, out.get(view) + ", run_key text"));
        out.put("ensemble_metrics", out.get("ensemble_metrics") + ", variant text");
        out.put("similarity_pairs", out.get("similarity_pairs") + ", cosine_kernels double precision");
        out.put("subspace_diversity", out.get("subspace_diversity") + ", diversity_own double precision");
        out.put("ensemble_size", out.get("ensemble_size") + ", variant text");
        out.put("curve_profile", "study text, curve text, type text, endpoint_a text, endpoint_b text, i integer, "
                + "t double precision, train_loss double precision, train_error double precision, "
                + "test_nll double precision, test_error double precision, line_train_loss double precision, "
                + "line_train_error double precision, line_test_nll double precision, "
                + "line_test_error double precision, run_key text, curve_id bigint");
        out.put("curve_summary", "study text, curve text, type text, path text, metric text, "
                + "start_value double precision, end_value double precision, min_value double precision, "
                + "max_value double precision, mean_value double precision, integral double precision, "
                + "length double precision, barrier double precision, points bigint, run_key text, curve_id bigint");
        out.put("budget_ensembles", "study text, method text, budget integer, error double precision, "
                + "accuracy double precision, nll double precision, brier double precision, ece double precision, "
                + "models integer, epochs double precision, run_key text");
        out.put("barriers", "study text, kind text, variant text, a text, b text, train_loss_barrier double precision, "
                + "test_error_barrier double precision, disagreement double precision, train_loss_t double precision, "
                + "test_error_t double precision, position_a integer, position_b integer, points integer, "
                + "run_key text, barrier_id bigint");
        out.put("barrier_profile", "study text, kind text, variant text, a text, b text, i integer, "
                + "t double precision, train_loss double precision, train_error double precision, "
                + "test_nll double precision, test_error double precision, run_key text, barrier_id bigint");
        out.put("ensemble_connectivity", "study text, kind text, variant text, size integer, "
                + "accuracy double precision, nll double precision, ece double precision, "
                + "mean_disagreement double precision, mean_barrier double precision, "
                + "mean_error_barrier double precision, mean_member_accuracy double precision, "
                + "mean_barrier_to_anchor double precision, mean_error_barrier_to_anchor double precision, "
                + "brier double precision, pairs bigint, run_key text, ensemble_id bigint");
        out.put("alignment_summary", "study text, member integer, reference integer, distance_before double precision, "
                + "distance_after double precision, barrier_before double precision, barrier_after double precision, "
                + "error_barrier_before double precision, error_barrier_after double precision, "
                + "merged_accuracy double precision, merged_nll double precision, sweeps integer, run_key text");
        out.put("training_curve", "study text, member integer, epoch integer, step bigint, "
                + "train_loss double precision, test_accuracy double precision, test_nll double precision, "
                + "test_points integer, images_per_sec double precision, seconds double precision, run_key text");
        out.put("ensemble_size_subsets", "study text, kind text, variant text, size integer, subsets integer, "
                + "exhaustive boolean, accuracy_mean double precision, accuracy_sd double precision, "
                + "nll_mean double precision, nll_sd double precision, brier_mean double precision, "
                + "brier_sd double precision, ece_mean double precision, ece_sd double precision, run_key text");
        new TreeMap<>(out).forEach((view, columns) -> out.put(view + "_all", columns));
        return out;
    }

    @Test
    void everyViewOfTheSchemaIsCreatedByRViewsAndOnlyThere() throws SQLException, IOException {
        Database db = TestPostgres.migratedDatabase();
        String script = viewsScript();
        List<String> created = matches(CREATE, script);
        assertEquals(created.size(), new TreeSet<>(created).size(), "a view is created twice in R__views.sql: " + created);
        assertEquals(new TreeSet<>(created), new TreeSet<>(matches(DROP, script)),
                "R__views.sql drops every view it creates, and only those");
        assertEquals(new TreeSet<>(created), views(db),
                "the schema's views (left) and those R__views.sql creates (right) differ: a view created by a V"
                        + " migration belongs in R__views.sql");
        assertEquals(COLUMNS.keySet(), views(db));

        assertEquals(List.of(MigrationState.SUCCESS), viewsStates(db), "flyway info: R__views.sql is applied");
        assertEquals(List.of("null 1 true"), history(db), "R__views.sql is applied once, after V7 and V8");
    }

    @Test
    void everyViewHasItsColumns() throws SQLException {
        assertEquals(COLUMNS, columns(TestPostgres.migratedDatabase()));
    }

    @Test
    void aDatabaseMigratedBeforeRViewsExistedGetsThemWithItsRowsUnchanged() throws SQLException {
        Database db = TestPostgres.migratedTo("7");
        assertEquals(new TreeMap<>(COLUMNS_BEFORE_THE_MOVE), columns(db), "version 7 alone made these columns");
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String sql : ROWS_OF_A_VERSION_7_BASIN) {
                st.execute(sql);
            }
        }
        Map<String, String> before = snapshot(db, "");
        for (String view : COLUMNS_BEFORE_THE_MOVE.keySet()) {
            assertTrue(before.get(view + " rows").length() > 2, "the test data reach " + view + ": " + before);
        }

        db.migrate();
        assertEquals(List.of("null 1 true"), history(db));
        assertEquals(List.of(MigrationState.SUCCESS), viewsStates(db));
        assertEquals(before, snapshot(db, "_all"), "same definitions and rows after R__views.sql, in the _all views");
        // V10 made the run of the study's newest model its current run, and so its only run. Planes and lines
        // take their run from their stage, which a version-7 Basin did not record: only the _all views show them.
        Set<String> runless = Set.of("interpolation_curve", "plane_points_projected", "plane_surface");
        Map<String, String> current = snapshot(db, "");
        for (String view : COLUMNS_BEFORE_THE_MOVE.keySet()) {
            assertEquals(runless.contains(view) ? "[]" : before.get(view + " rows"), current.get(view + " rows"), view);
        }
        db.checkSchema();
        db.migrate();
        assertEquals(List.of("null 1 true"), history(db), "an unchanged R__views.sql is not applied again");

        // R__views.sql as a later Basin changes it: Flyway reruns it over the views it made itself
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("update flyway_schema_history set checksum = checksum + 1 where script = '" + VIEWS_SCRIPT + "'");
        }
        assertEquals(List.of(MigrationState.OUTDATED, MigrationState.PENDING), viewsStates(db));
        db.migrate();
        assertEquals(List.of("null 1 true", "null 1 true"), history(db));
        assertEquals(List.of(MigrationState.SUPERSEDED, MigrationState.SUCCESS), viewsStates(db));
        assertEquals(before, snapshot(db, "_all"), "same definitions and rows after R__views.sql ran again");
    }

    @Test
    void aNewerSchemaIsStillRefusedBesideTheRepeatableMigration() throws SQLException {
        Database db = TestPostgres.migratedDatabase();
        db.checkSchema();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("""
                insert into flyway_schema_history (installed_rank, version, description, type, script, checksum,
                    installed_by, execution_time, success)
                values (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0, current_user, 1, true)""")) {
            ps.executeUpdate();
        }
        for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
                db::checkSchema, db::migrate)) {
            DbException e = assertThrows(DbException.class, call);
            assertEquals("database schema version 99 is newer than this Basin (14); upgrade Basin", e.getMessage());
        }
    }

    /** What a version-7 Basin writes: a row under every view. */
    private static final List<String> ROWS_OF_A_VERSION_7_BASIN = List.of(
            "insert into study (name, spec, spec_hash, seed, status, code_version, threads)"
                    + " values ('s', 'study: s', 'h', 1, 'completed', 'v7', 1)",
            "insert into model (study, run_key, kind, member, epoch, step, artifact_key, sha256, bytes, variant) values"
                    + " ('s', 'rk', 'checkpoint', 0, 1, 10, 'c0', 'x', 1, ''), ('s', 'rk', 'final', 0, 2, 20, 'f0', 'x', 1, ''),"
                    + " ('s', 'rk', 'swa', 0, 2, 20, 'w0', 'x', 1, ''), ('s', 'rk', 'final', 1, 2, 20, 'f1', 'x', 1, ''),"
                    + " ('s', 'rk', 'sample', 0, 2, 20, 'r0', 'x', 1, 'random r=10 #0')",
            "insert into metric (study, model_id, split, name, value) select 's', id, split, n, id / 100.0 + length(n)"
                    + " from model, unnest(array['accuracy', 'nll', 'brier', 'ece']) n, unnest(array['test', 'train']) split",
            "insert into ensemble (study, run_key, kind, size, members) values ('s', 'rk', 'deep', 2, '{0,1}')",
            "insert into metric (study, ensemble_id, split, name, value) select 's', id, 'test', n, length(n) / 10.0"
                    + " from ensemble, unnest(array['accuracy', 'nll', 'brier', 'ece']) n",
            "insert into swag_moments (study, run_key, member, swa_model_id, artifact_key, sha256, bytes, averaged,"
                    + " rank, bn_recomputed, input_key) select 's', 'rk', 0, id, 'm0', 'x', 1, 3, 2, true, 'ik'"
                    + " from model where kind = 'swa'",
            "insert into similarity (study, scope, model_a, model_b, cosine, disagreement) select 's', 'members',"
                    + " a.id, b.id, 0.9, 0.1 from model a, model b where a.kind = 'final' and b.kind = 'final' and a.id < b.id",
            "insert into tsne_point (study, input_key, model_id, perplexity, seed, x, y)"
                    + " select 's', 'ik', id, 10, 1, id, -id from model",
            "insert into subspace_sample (study, model_id, baseline_id, method, scale, sample, accuracy, disagreement,"
                    + " diversity, input_key) select 's', m.id, b.id, 'random', 10, 0, 0.7, 0.2, 0.6, 'ik'"
                    + " from model m, model b where m.kind = 'sample' and b.kind = 'final' and b.member = 0",
            "insert into plane (study, plane_index, anchors, grid, margin, train_subset, u_norm, input_key)"
                    + " values ('s', 0, '{final:0,final:1,swa:0}', 3, 0.2, 100, 1.5, 'ik')",
            "insert into plane_point (plane_id, i, j, a, b, train_loss, train_accuracy, test_nll, test_error,"
                    + " similarity_to_first) select id, 1, 2, 0.5, 1.0, 0.3, 0.9, 0.4, 0.1, 0.8 from plane",
            "insert into plane_projection (plane_id, label, model_id, kind, a, b, input_key)"
                    + " select p.id, 'checkpoint:0@1', m.id, 'checkpoint', 0.1, 0.2, 'ik' from plane p, model m"
                    + " where m.kind = 'checkpoint'",
            "insert into plane_projection (plane_id, label, model_id, kind, a, b)"
                    + " select id, 'final:0', null, 'anchor', 0, 0 from plane",
            "insert into interpolation_point (study, pair, i, t, train_loss, train_error, test_nll, test_error, input_key)"
                    + " values ('s', 'final:0-final:1', 0, 0.0, 1.0, 0.1, 1.1, 0.2, 'ik')",
            "insert into shift_metric (study, model_id, corruption, severity, accuracy, nll, brier, ece)"
                    + " select 's', id, 'blur', 3, 0.6, 1.2, 0.5, 0.1 from model where kind = 'final'",
            "insert into shift_metric (study, ensemble_id, corruption, severity, accuracy, nll, brier, ece)"
                    + " select 's', id, 'rotation', 2, 0.7, 1.0, 0.4, 0.05 from ensemble");

    /**
     * Each version-7 view's rows as JSON over its version-7 columns, sorted, and its definition as PostgreSQL
     * holds it where the view still has those columns alone (V8 gave the ensemble views a variant, V10 some a run
     * key), read from the view of that name and {@code suffix}; the suffix is dropped from the definition's text.
     */
    private static Map<String, String> snapshot(Database db, String suffix) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (var view : COLUMNS_BEFORE_THE_MOVE.entrySet()) {
                String name = view.getKey();
                if (view.getValue().equals(COLUMNS.get(name))) {
                    try (ResultSet rs = st.executeQuery("select pg_get_viewdef('" + name + suffix + "'::regclass, true)")) {
                        rs.next();
                        out.put(name + " definition", rs.getString(1).replace(suffix, ""));
                    }
                }
                String[] columns = view.getValue().replaceAll(" [a-zA-Z ]+(, |$)", ",").split(",");
                List<String> rows = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("select (select jsonb_object_agg(key, value) from"
                        + " jsonb_each(to_jsonb(v)) where key = any (?))::text from " + name + suffix + " v")) {
                    ps.setArray(1, c.createArrayOf("text", columns));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(rs.getString(1));
                        }
                    }
                }
                rows.sort(null);
                out.put(name + " rows", rows.toString());
            }
        }
        return out;
    }

    private static Set<String> views(Database db) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select table_name from information_schema.views where table_schema = current_schema()")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static Map<String, String> columns(Database db) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select c.table_name, string_agg(c.column_name || ' ' || c.data_type, ', ' order by c.ordinal_position)"
                        + " from information_schema.columns c join information_schema.views v"
                        + " on v.table_schema = c.table_schema and v.table_name = c.table_name"
                        + " where c.table_schema = current_schema() group by c.table_name")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    /** R__views.sql's rows in flyway_schema_history: version, how many versioned rows come before it, success. */
    private static List<String> history(Database db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select h.version, (select count(*) from flyway_schema_history v where v.version = '7'"
                        + " and v.installed_rank < h.installed_rank), h.success from flyway_schema_history h"
                        + " where h.script = '" + VIEWS_SCRIPT + "' order by h.installed_rank")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getInt(2) + " " + rs.getBoolean(3));
            }
        }
        return out;
    }

    /** What {@code flyway info} says of R__views.sql, oldest first; a repeatable migration has no version. */
    private static List<MigrationState> viewsStates(Database db) {
        List<MigrationState> out = new ArrayList<>();
        for (MigrationInfo m : Flyway.configure().dataSource(db.config().url(), db.config().user(),
                db.config().password()).locations(Database.MIGRATIONS).load().info().all()) {
            if (VIEWS_SCRIPT.equals(m.getScript())) {
                assertNull(m.getVersion(), "R__views.sql is repeatable");
                out.add(m.getState());
            }
        }
        return out;
    }

    private static String viewsScript() throws IOException {
        try (InputStream in = ViewsMigrationTest.class.getClassLoader()
                .getResourceAsStream("db/migration/" + VIEWS_SCRIPT)) {
            assertNotNull(in, "db/migration/" + VIEWS_SCRIPT + " is on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> matches(Pattern pattern, String sql) {
        // comments may name views freely
        String code = sql.replaceAll("--[^\\n]*", "");
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(code);
        while (m.find()) {
            out.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }
}
