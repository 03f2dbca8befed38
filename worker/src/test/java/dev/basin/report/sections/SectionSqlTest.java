package dev.basin.report.sections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.basin.db.Database;
import dev.basin.db.DbConfig;
import dev.basin.db.PlannedStageRow;
import dev.basin.db.QueryResult;
import dev.basin.db.StudyRow;
import dev.basin.db.StudyStore;
import dev.basin.infra.Credentials;
import dev.basin.infra.LocalPostgres;
import dev.basin.report.Figure;
import dev.basin.report.ReportContext;
import dev.basin.report.Section;
import dev.basin.spec.SpecParser;
import dev.basin.spec.StudySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every query of every section runs against the migrated schema of a real PostgreSQL: the
 * views' columns the sections read exist, and each union's types agree. The examples' specs ask for every
 * section; with every stage done and no rows, each figure comes back empty rather than failing.
 */
class SectionSqlTest {
    @TempDir
    static Path dir;
    private static LocalPostgres postgres;
    private static Database db;

    /** Stage names that make every figure of these sections wait for nothing: all done. */
    private static final List<String> STAGES = List.of("train/member-000", "similarity", "tsne", "shift/blur",
            "plane/0", "plane/0/row-00", "subspace/random",
            "ensembles/deep", "fge", "sse", "swa/member-000", "evaluate/member-000", "interpolation/final:0-final:1",
            "curves/final:0-final:1/bezier", "budget", "barriers/deep", "spawn/e1/ensembles");

    private static final List<Section> SECTIONS = List.of(new TrainingSection(), new SimilaritySection(),
            new TsneSection(), new ReliabilitySection(), new ShiftSection(), new PlaneSection(), new DiversitySection(),
            new EnsembleSizeSection(), new SwaSection(), new InterpolationSection(), new CurvesSection(),
            new BudgetSection(), new SingleBasinSection());

    @BeforeAll
    static void start() throws IOException {
        Path stack = Files.createDirectories(dir.resolve("stack"));
        Credentials credentials = Credentials.loadOrCreate(stack);
        postgres = LocalPostgres.start(stack, credentials);
        db = new Database(new DbConfig(postgres.jdbcUrl(), LocalPostgres.USER, credentials.dbPassword()));
        db.migrate();
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"landscape.yaml", "connectivity.yaml", "single-basin.yaml"})
    void everyQueryRunsOnTheViews(String example) throws IOException {
        StudySpec spec = SpecParser.parse(Files.readString(Path.of("..", "examples", example)));
        ReportContext context = new Jdbc(spec, spec.study());
        int figures = 0;
        for (Section s : SECTIONS) {
            for (Figure f : s.figures(context)) {
                assertEquals(Figure.Status.EMPTY, f.status(), f.id() + ": " + f.caption());
                figures++;
            }
        }
        assertFalse(figures == 0, "the example asks for some of these figures");
    }

    /**
     * Rows of two runs of one study: the figures draw the current run's only, exactly as stored. The budget
     * table is stored per run, interpolation lines per study under the run of the stage that computed them.
     */
    @Test
    void drawsTheCurrentRunsRowsExactly() throws Exception {
        StudyStore store = new StudyStore(db);
        String study = "rows";
        store.upsertStudy(StudyRow.running(study, "study: rows\n", "h1", 1, "test", 1, "r1"));
        store.upsertStudy(StudyRow.running(study, "study: rows\n", "h2", 2, "test", 1, "r2"));
        store.stages().plan(study, List.of(PlannedStageRow.of("interpolation/final:0-final:1", 0, "line-key",
                "interpolation", "study", List.of(), Map.of("run", "r2")),
                PlannedStageRow.of("plane/0", 1, "plane-key", "plane", "plane 0", List.of(), Map.of("run", "r2"))));
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("insert into budget_ensemble (study, run_key, method, budget, models, epochs, accuracy, nll,"
                    + " brier, ece, input_key) values ('rows', 'r1', 'ind', 1, 1, 8, 0.5, 1, 0.5, 0.1, 'old'),"
                    + " ('rows', 'r2', 'ind', 1, 1, 8, 0.875, 0.4, 0.2, 0.03, 'k'),"
                    + " ('rows', 'r2', 'ind', 2, 2, 16, 0.9, 0.3, 0.15, 0.02, 'k'),"
                    + " ('rows', 'r2', 'fge', 1, 3, 8.5, 0.89, 0.33, 0.16, 0.025, 'k')");
            st.execute("insert into interpolation_point (study, pair, i, t, train_loss, train_error, test_nll,"
                    + " test_error, input_key) values ('rows', 'final:0-final:1', 0, -0.25, 0.5, 0.1, 0.6, 0.12,"
                    + " 'line-key'), ('rows', 'final:0-final:1', 1, 0.5, 2.5, 0.6, 2.75, 0.625, 'line-key'),"
                    + " ('rows', 'final:0-final:1', 2, 1.25, 0.375, 0.0625, 0.5, 0.125, 'line-key')");
            st.execute("insert into train_epoch (study, run_key, member, epoch, step, train_loss, test_accuracy,"
                    + " test_nll, test_points) values ('rows', 'r1', 0, 1, 10, 9, 0.1, 9, 10),"
                    + " ('rows', 'r2', 0, 1, 10, 1.5, 0.625, 1.25, 10), ('rows', 'r2', 0, 2, 20, 0.75, 0.8, 0.5, 10),"
                    + " ('rows', 'r2', 1, 1, 10, 1.25, 0.7, 1.125, 10)");
            st.execute("insert into plane (study, plane_index, anchors, grid, margin, train_subset, u_norm, input_key)"
                    + " values ('rows', 0, '{final:0,bend:0,final:1}', 3, 0.2, 100, 1.5, 'plane-key')");
            // a 4 × 3 grid (one more a than b, so that a swapped axis shows): a = -0.2 .. 1.3, b = -0.25 .. 1.05
            st.execute("insert into plane_point (plane_id, i, j, a, b, train_loss, train_accuracy, test_nll,"
                    + " test_error, similarity_to_first) select p.id, i, j, -0.2 + 0.5 * i, -0.25 + 0.65 * j,"
                    + " 1 + i + 4 * j, 0.9, 1, 0.1 * (i + j), 1 - 0.05 * (i + j) from plane p, generate_series(0, 3) i,"
                    + " generate_series(0, 2) j where p.study = 'rows'");
            st.execute("insert into plane_projection (plane_id, label, model_id, kind, a, b, input_key) select p.id,"
                    + " l, null, 'anchor', a, b, 'pk' from plane p, (values ('final:0', 0.0, 0.0),"
                    + " ('final:1', 1.0, 0.0), ('bend:0', 0.5, 0.8)) x(l, a, b) where p.study = 'rows'");
        }
        StudySpec spec = SpecParser.parse(Files.readString(Path.of("..", "examples", "connectivity.yaml")));
        ReportContext context = new Jdbc(spec, study);

        Figure budget = new BudgetSection().figures(context).get(0);
        assertEquals(Figure.Status.DRAWN, budget.status());
        assertEquals(3, budget.data().rows().size(), "the old run's row is not drawn");
        Svg svg = Svg.parse(budget.svg());
        assertEquals(List.of("fge", "ind"), svg.series());
        assertArrayEquals(new double[] {1, 2}, svg.lines("ind").get(0)[0], 1e-12);
        assertArrayEquals(new double[] {0.875, 0.9}, svg.lines("ind").get(0)[1], 1e-12);

        List<Figure> training = new TrainingSection().figures(context);
        assertEquals(3, training.get(0).data().rows().size(), "the old run's epoch is not drawn");
        Svg curve = Svg.parse(training.get(0).svg());
        assertEquals(List.of("member 0", "member 1"), curve.series());
        assertArrayEquals(new double[] {1, 2}, curve.lines("member 0").get(0)[0], 1e-12);
        assertArrayEquals(new double[] {1.5, 0.75}, curve.lines("member 0").get(0)[1], 1e-12);
        assertArrayEquals(new double[] {0.7}, Svg.parse(training.get(1).svg()).lines("member 1").get(0)[1], 1e-12);

        Figure loss = new InterpolationSection().figures(context).get(0);
        assertEquals("interpolation-loss", loss.id());
        double[][] train = Svg.parse(loss.svg()).lines("final:0-final:1 train").get(0);
        assertArrayEquals(new double[] {-0.25, 0.5, 1.25}, train[0], 1e-12);
        assertArrayEquals(new double[] {0.5, 2.5, 0.375}, train[1], 1e-12);

        List<Figure> plane = new PlaneSection().figures(context);
        assertEquals(3, plane.size());
        for (Figure f : plane) {
            assertEquals(Figure.Status.DRAWN, f.status(), f.id());
            assertEquals(15, f.data().rows().size(), "12 grid points and 3 anchors");
            Svg p = Svg.parse(f.svg());
            assertArrayEquals(new double[] {-0.2, 1.3, -0.25, 1.05}, new double[] {p.number("data-x-min"),
                    p.number("data-x-max"), p.number("data-y-min"), p.number("data-y-max")}, 1e-12, f.id());
            assertEquals(4, (int) p.number("data-grid-nx"));
            assertEquals(3, (int) p.number("data-grid-ny"));
            assertEquals(3, p.points("anchors").size());
        }
        assertEquals(1, Svg.parse(plane.get(0).svg()).number("data-value-min"), 1e-12, "the lowest train loss");
    }

    /** A context over the real database, every stage done. */
    private record Jdbc(StudySpec spec, String study) implements ReportContext {

        @Override
        public Map<String, String> stages() {
            Map<String, String> out = new LinkedHashMap<>();
            STAGES.forEach(s -> out.put(s, "done"));
            return out;
        }

        @Override
        public QueryResult query(String sql) {
            try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                List<String> columns = new ArrayList<>();
                for (int k = 1; k <= n; k++) {
                    columns.add(rs.getMetaData().getColumnLabel(k));
                }
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int k = 1; k <= n; k++) {
                        row.add(rs.getString(k));
                    }
                    rows.add(row);
                }
                return new QueryResult(columns, rows);
            } catch (SQLException e) {
                throw new AssertionError("the view rejects: " + sql + "\n" + e.getMessage(), e);
            }
        }

        @Override
        public float[][] testPredictions(long modelId) {
            return null;
        }

        @Override
        public int[] testLabels() {
            return new int[0];
        }
    }
}
