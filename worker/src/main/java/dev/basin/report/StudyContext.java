package dev.basin.report;

import dev.basin.activities.DatasetCache;
import dev.basin.artifacts.ArtifactRef;
import dev.basin.artifacts.ArtifactStore;
import dev.basin.db.Database;
import dev.basin.db.PlannedStageRow;
import dev.basin.db.PredictionRow;
import dev.basin.db.QueryResult;
import dev.basin.db.SqlQuery;
import dev.basin.db.StageRow;
import dev.basin.db.StudyRow;
import dev.basin.db.StudyStore;
import dev.basin.engine.io.Npy;
import dev.basin.spec.SpecParser;
import dev.basin.spec.StudySpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link ReportContext} of one study, read from PostgreSQL and S3: a snapshot taken when it is opened (the
 * spec and the stages' states) plus queries that are each run once and remembered, so that a comparison, which
 * builds every report twice, asks the database once. Open a new one to see newer rows.
 *
 * <p>Queries run exactly as {@code basin sql} runs them ({@link SqlQuery}: the read-only role, one statement, a
 * read-only transaction, a timeout), with at most {@value #MAX_ROWS} rows: a figure of more rows than that fails
 * clearly rather than draw part of its data.
 */
public final class StudyContext implements ReportContext {
    /** The most rows one figure's query may return. */
    public static final int MAX_ROWS = 1_000_000;
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final StudyStore owner;
    private final ArtifactStore artifacts;
    private final SqlQuery reader;
    private final StudySpec spec;
    private final Map<String, String> stages;
    private final Path dataFolder;
    private final Map<String, QueryResult> queries = new HashMap<>();
    private int[] labels;

    private StudyContext(StudyStore owner, ArtifactStore artifacts, SqlQuery reader, StudySpec spec,
                         Map<String, String> stages, Path dataFolder) {
        this.owner = owner;
        this.artifacts = artifacts;
        this.reader = reader;
        this.spec = spec;
        this.stages = stages;
        this.dataFolder = dataFolder;
    }

    /**
     * The context of {@code study}; fails with a message naming the study when it does not exist.
     *
     * @param reader    a database connection as the read-only role (as {@code basin sql} uses)
     * @param owner     a connection as the tables' owner, used only where the reader cannot (may be the same)
     * @param artifacts the study's artifact store (predictions)
     * @throws NoSuchStudyException when the database has no such study
     * @throws SqlQuery.RefusedRole when {@code reader} may do more than read
     */
    public static ReportContext open(Database reader, Database owner, ArtifactStore artifacts, String study) {
        return open(reader, owner, artifacts, study, null);
    }

    /**
     * As {@link #open(Database, Database, ArtifactStore, String)}, reading the test labels from {@code dataFolder}
     * when the spec names no dataset path (as {@code basin run --data} does); null for the dataset's default folder.
     */
    public static ReportContext open(Database reader, Database owner, ArtifactStore artifacts, String study,
                                     Path dataFolder) {
        StudyStore store = new StudyStore(owner);
        Optional<StudyRow> row = store.study(study);
        if (row.isEmpty()) {
            throw new NoSuchStudyException(study, store.studies().stream().map(StudyRow::name).toList());
        }
        SqlQuery query = new SqlQuery(reader, TIMEOUT, MAX_ROWS);
        query.run("select 1"); // a role that may do more than read is refused here, before any figure asks
        return new StudyContext(store, artifacts, query, SpecParser.parse(row.get().spec()),
                stages(store, study), dataFolder);
    }

    /** Every stage of the study's plan by name, in plan order; a planned stage with no state yet is pending. */
    private static Map<String, String> stages(StudyStore store, String study) {
        Map<String, String> out = new LinkedHashMap<>();
        for (PlannedStageRow p : store.stages().graph(study)) {
            out.put(p.stage(), "pending");
        }
        for (StageRow s : store.stages().stages(study)) {
            out.put(s.stage(), s.state().text());
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String study() {
        return spec.study();
    }

    @Override
    public StudySpec spec() {
        return spec;
    }

    @Override
    public Map<String, String> stages() {
        return stages;
    }

    @Override
    public synchronized QueryResult query(String sql) {
        QueryResult known = queries.get(sql);
        if (known != null) {
            return known;
        }
        QueryResult result = reader.run(sql);
        if (result.leftOut() > 0) {
            throw new IllegalStateException("the query returned more than " + MAX_ROWS + " rows, more than a figure"
                    + " draws: " + oneLine(sql));
        }
        queries.put(sql, result);
        return result;
    }

    @Override
    public float[][] testPredictions(long modelId) {
        Optional<PredictionRow> p = owner.predictions().of(modelId, "test");
        if (p.isEmpty()) {
            return null;
        }
        // ArtifactStore.get checks the bytes against the recorded SHA-256: a damaged file fails, it is not drawn.
        byte[] bytes = artifacts.get(new ArtifactRef(p.get().artifactKey(), p.get().sha256(), p.get().bytes()));
        return Npy.read(bytes).toFloatMatrix();
    }

    /** The test split's labels, loaded as evaluation loads them (same dataset, folder and subset), once. */
    @Override
    public synchronized int[] testLabels() {
        if (labels == null) {
            // The worker's own cache: the --data folder for a spec without a path, and s3:// paths through S3.
            labels = new DatasetCache(dataFolder).useS3(artifacts).get(spec.data()).test().labels();
        }
        return labels.clone();
    }

    private static String oneLine(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ");
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
