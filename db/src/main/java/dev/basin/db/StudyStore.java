package dev.basin.db;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Reads and writes Basin's tables. Every write is idempotent (an activity retried after a crash
 * writes the same rows again) and runs in one transaction.
 */
public final class StudyStore {

    public static final Set<String> SPLITS = Set.of("test", "train");

    private static final String MODEL_COLUMNS =
            "id, study, run_key, kind, member, epoch, step, variant, artifact_key, sha256, bytes, weights_sha256,"
                    + " created_at";

    // ON CONFLICT names the partial unique index by its columns and predicate. Two whole statements,
    // not one with the column spliced in: every SQL text in Basin is a constant (SqlParameterisationTest).
    private static final String MODEL_METRIC_UPSERT = """
            insert into metric (study, model_id, split, name, value) values (?, ?, ?, ?, ?)
            on conflict (model_id, split, name) where model_id is not null do update set value = excluded.value""";
    private static final String ENSEMBLE_METRIC_UPSERT = """
            insert into metric (study, ensemble_id, split, name, value) values (?, ?, ?, ?, ?)
            on conflict (ensemble_id, split, name) where ensemble_id is not null do update set value = excluded.value""";

    private final Database db;
    private final StageStore stages;
    private final ProgressStore progress;
    private final PredictionStore predictions;
    private final EnsembleSubsetStore ensembleSubsets;

    public StudyStore(Database db) {
        this.db = db;
        this.stages = new StageStore(db);
        this.progress = new ProgressStore(db);
        this.predictions = new PredictionStore(db);
        this.ensembleSubsets = new EnsembleSubsetStore(db);
    }

    public Database database() {
        return db;
    }

    /** The stage and corruption tables of the same database. */
    public StageStore stages() {
        return stages;
    }

    /** The members' live progress rows, in the same database. */
    public ProgressStore progress() {
        return progress;
    }

    /** The rows naming each model's stored prediction files, in the same database. */
    public PredictionStore predictions() {
        return predictions;
    }

    /** The ensembles' metrics over subsets of their members, in the same database. */
    public EnsembleSubsetStore ensembleSubsets() {
        return ensembleSubsets;
    }

    /**
     * Creates the study or, when it exists (a re-submission), replaces its spec, seed, status,
     * code version, threads and run key (the submission's run becomes the current one). {@code started_at} becomes {@code row.startedAt()} or now;
     * {@code finished_at} becomes {@code row.finishedAt()}; {@code created_at} is kept.
     */
    public void upsertStudy(StudyRow row) {
        Jdbc.inTransaction(db, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into study (name, spec, spec_hash, seed, status, code_version, threads, started_at, finished_at,
                        run_key)
                    values (?, ?, ?, ?, ?, ?, ?, coalesce(?, now()), ?, ?)
                    on conflict (name) do update set spec = excluded.spec, spec_hash = excluded.spec_hash,
                        seed = excluded.seed, status = excluded.status, code_version = excluded.code_version,
                        threads = excluded.threads, started_at = excluded.started_at, finished_at = excluded.finished_at,
                        run_key = coalesce(excluded.run_key, study.run_key)
                    """)) {
                ps.setString(1, row.name());
                ps.setString(2, row.spec());
                ps.setString(3, row.specHash());
                ps.setLong(4, row.seed());
                ps.setString(5, row.status());
                ps.setString(6, row.codeVersion());
                ps.setInt(7, row.threads());
                ps.setTimestamp(8, row.startedAt() == null ? null : Timestamp.from(row.startedAt()));
                ps.setTimestamp(9, row.finishedAt() == null ? null : Timestamp.from(row.finishedAt()));
                ps.setString(10, row.runKey());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Sets the status; a terminal status stamps {@code finished_at}, {@code running} clears it. */
    public void setStatus(String study, String status) {
        StudyRow.checkStatus(status);
        int updated = Jdbc.inTransaction(db, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update study set status = ?, finished_at = case when ? then now() end where name = ?")) {
                ps.setString(1, status);
                ps.setBoolean(2, StudyRow.TERMINAL.contains(status));
                ps.setString(3, study);
                return ps.executeUpdate();
            }
        });
        if (updated == 0) {
            throw new DbException("no study named '" + study + "'");
        }
    }

    public Optional<StudyRow> study(String name) {
        return Jdbc.queryOne(db, "select * from study where name = ?", Jdbc.byName(StudyRow.class), name);
    }

    /** All studies, newest first. */
    public List<StudyRow> studies() {
        return Jdbc.query(db, "select * from study order by created_at desc, name", Jdbc.byName(StudyRow.class));
    }

    /**
     * Stores a model and returns its id. Writing the same natural key again returns the same id
     * and replaces the artifact key, hashes and size (a retried upload may have written a new key;
     * checkpoint bytes differ between attempts even when the weights do not).
     */
    public long recordModel(ModelRow row) {
        return Jdbc.inTransaction(db, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into model (study, run_key, kind, member, epoch, step, variant, artifact_key, sha256,
                        bytes, weights_sha256)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (study, run_key, kind, member, epoch, step, variant) do update set
                        artifact_key = excluded.artifact_key, sha256 = excluded.sha256, bytes = excluded.bytes,
                        weights_sha256 = excluded.weights_sha256
                    returning id
                    """)) {
                ps.setString(1, row.study());
                ps.setString(2, row.runKey());
                ps.setString(3, row.kind().text());
                ps.setInt(4, row.member());
                ps.setInt(5, row.epoch());
                ps.setLong(6, row.step());
                ps.setString(7, row.variant());
                ps.setString(8, row.artifactKey());
                ps.setString(9, row.sha256());
                ps.setLong(10, row.bytes());
                ps.setString(11, row.weightsSha256());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong("id");
                }
            }
        });
    }

    /** The checkpoint of a member with the highest epoch, then the highest step. */
    public Optional<ModelRow> latestCheckpoint(String study, String runKey, int member) {
        return model(study, runKey, ModelKind.CHECKPOINT, member);
    }

    /** Every checkpoint of a member, newest (highest epoch, then step) first. */
    public List<ModelRow> checkpoints(String study, String runKey, int member) {
        return Jdbc.query(db, "select " + MODEL_COLUMNS + " from model where study = ? and run_key = ? and kind = ?"
                        + " and member = ? order by epoch desc, step desc",
                Jdbc.byName(ModelRow.class), study, runKey, ModelKind.CHECKPOINT.text(), member);
    }

    /** The model of that kind without a variant with the highest epoch, then the highest step. */
    public Optional<ModelRow> model(String study, String runKey, ModelKind kind, int member) {
        return model(study, runKey, kind, member, "");
    }

    /** The model of that kind and variant with the highest epoch, then the highest step. */
    public Optional<ModelRow> model(String study, String runKey, ModelKind kind, int member, String variant) {
        return Jdbc.queryOne(db, "select " + MODEL_COLUMNS + " from model where study = ? and run_key = ? and kind = ?"
                        + " and member = ? and variant = ? order by epoch desc, step desc limit 1",
                Jdbc.byName(ModelRow.class), study, runKey, kind.text(), member, variant);
    }

    /**
     * Deletes the models of that kind, member and variant other than {@code keep}: rows a stage stored at another
     * epoch or step under an earlier spec, which {@link #model} would otherwise prefer (their metrics, predictions
     * and the rows that name them go with them).
     */
    public int deleteOtherModels(String study, String runKey, ModelKind kind, int member, String variant, long keep) {
        return Jdbc.update(db, "delete from model where study = ? and run_key = ? and kind = ? and member = ?"
                + " and variant = ? and id <> ?", study, runKey, kind.text(), member, variant, keep);
    }

    /** Every model of one kind in a run (every subspace sample, say), by member, epoch, step and variant. */
    public List<ModelRow> models(String study, String runKey, ModelKind kind) {
        return Jdbc.query(db, "select " + MODEL_COLUMNS + " from model where study = ? and run_key = ? and kind = ?"
                        + " order by member, epoch, step, variant",
                Jdbc.byName(ModelRow.class), study, runKey, kind.text());
    }

    public Optional<ModelRow> model(long id) {
        return Jdbc.queryOne(db, "select " + MODEL_COLUMNS + " from model where id = ?", Jdbc.byName(ModelRow.class), id);
    }

    /** Every model of a study, in (run_key, member, kind, epoch, step, variant) order. */
    public List<ModelRow> models(String study) {
        return Jdbc.query(db, "select " + MODEL_COLUMNS + " from model where study = ?"
                        + " order by run_key, member, kind, epoch, step, variant",
                Jdbc.byName(ModelRow.class), study);
    }

    /**
     * Records that a training attempt resumed from a checkpoint and returns the row's id; recording
     * the same attempt again returns the same id and changes nothing.
     */
    public long recordResume(ResumeRow row) {
        return Jdbc.inTransaction(db, c -> {
            // "do update" with a no-op assignment, so that RETURNING yields the existing row's id too.
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into resume (study, run_key, member, workflow_run, attempt, from_model_id, from_epoch,
                        from_step)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (study, run_key, member, workflow_run, attempt) do update set study = excluded.study
                    returning id
                    """)) {
                ps.setString(1, row.study());
                ps.setString(2, row.runKey());
                ps.setInt(3, row.member());
                ps.setString(4, row.workflowRun());
                ps.setInt(5, row.attempt());
                ps.setLong(6, row.fromModelId());
                ps.setInt(7, row.fromEpoch());
                ps.setLong(8, row.fromStep());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong("id");
                }
            }
        });
    }

    /** Every resume of a study, in the order they happened. */
    public List<ResumeRow> resumes(String study) {
        return Jdbc.query(db, "select id, study, run_key, member, workflow_run, attempt, from_model_id, from_epoch,"
                        + " from_step, resumed_at from resume where study = ? order by id",
                Jdbc.byName(ResumeRow.class), study);
    }

    /** Stores an ensemble without an input key or variant; see {@link #recordEnsemble(EnsembleRow)}. */
    public long recordEnsemble(String study, String runKey, String kind, int size, int[] members) {
        return recordEnsemble(study, runKey, kind, size, members, null);
    }

    /** Stores an ensemble of variant ''; see {@link #recordEnsemble(EnsembleRow)}. */
    public long recordEnsemble(String study, String runKey, String kind, int size, int[] members, String inputKey) {
        return recordEnsemble(new EnsembleRow(0, study, runKey, kind, "", size,
                java.util.Arrays.stream(members).boxed().toList(), inputKey));
    }

    /**
     * Stores an ensemble and returns its id; the same (study, runKey, kind, variant, size) returns the same id
     * and replaces its members and input key. The row's id is ignored.
     */
    public long recordEnsemble(EnsembleRow e) {
        return Jdbc.inTransaction(db, c -> {
            Array array = c.createArrayOf("integer", e.members().toArray());
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into ensemble (study, run_key, kind, variant, size, members, input_key)
                    values (?, ?, ?, ?, ?, ?, ?)
                    on conflict (study, run_key, kind, variant, size) do update set members = excluded.members,
                        input_key = excluded.input_key
                    returning id
                    """)) {
                ps.setString(1, e.study());
                ps.setString(2, e.runKey());
                ps.setString(3, e.kind());
                ps.setString(4, e.variant());
                ps.setInt(5, e.size());
                ps.setArray(6, array);
                ps.setString(7, e.inputKey());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong("id");
                }
            }
        });
    }

    /** The ensembles of one kind (variant '') in a run, by size. */
    public List<EnsembleRow> ensembles(String study, String runKey, String kind) {
        return ensembles(study, runKey, kind, "");
    }

    /** The ensembles of one kind and variant in a run, by size. */
    public List<EnsembleRow> ensembles(String study, String runKey, String kind, String variant) {
        return Jdbc.query(db, "select id, study, run_key, kind, variant, size, members, input_key from ensemble"
                        + " where study = ? and run_key = ? and kind = ? and variant = ? order by size",
                Jdbc.byName(EnsembleRow.class), study, runKey, kind, variant);
    }

    /** Deletes the ensembles of one kind (variant '') in a run that are larger than {@code size}. */
    public int deleteEnsemblesLargerThan(String study, String runKey, String kind, int size) {
        return deleteEnsemblesLargerThan(study, runKey, kind, "", size);
    }

    /** Deletes the ensembles of one kind and variant in a run that are larger than {@code size} (the study shrank). */
    public int deleteEnsemblesLargerThan(String study, String runKey, String kind, String variant, int size) {
        return Jdbc.update(db, "delete from ensemble where study = ? and run_key = ? and kind = ? and variant = ?"
                + " and size > ?", study, runKey, kind, variant, size);
    }

    private static final String MODEL_METRICS = "select name, value from metric where model_id = ? and split = ?";
    private static final String ENSEMBLE_METRICS = "select name, value from metric where ensemble_id = ? and split = ?";

    /** A model's metrics on a split, by name (empty when none are stored). */
    public Map<String, Double> modelMetrics(long modelId, String split) {
        return byName(Jdbc.query(db, MODEL_METRICS, StudyStore::nameValue, modelId, split));
    }

    /** An ensemble's metrics on a split, by name (empty when none are stored). */
    public Map<String, Double> ensembleMetrics(long ensembleId, String split) {
        return byName(Jdbc.query(db, ENSEMBLE_METRICS, StudyStore::nameValue, ensembleId, split));
    }

    private static Map.Entry<String, Double> nameValue(ResultSet rs, StatementContext ctx) throws SQLException {
        return Map.entry(rs.getString("name"), rs.getDouble("value"));
    }

    private static Map<String, Double> byName(List<Map.Entry<String, Double>> rows) {
        Map<String, Double> out = new TreeMap<>();
        rows.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Stores (or overwrites) metrics of a model; names are {@code accuracy, nll, brier, ece}. */
    public void recordModelMetrics(String study, long modelId, String split, Map<String, Double> metrics) {
        recordMetrics(MODEL_METRIC_UPSERT, study, modelId, split, metrics);
    }

    /** Stores (or overwrites) metrics of an ensemble; names are {@code accuracy, nll, brier, ece}. */
    public void recordEnsembleMetrics(String study, long ensembleId, String split, Map<String, Double> metrics) {
        recordMetrics(ENSEMBLE_METRIC_UPSERT, study, ensembleId, split, metrics);
    }

    /** @param upsert {@link #MODEL_METRIC_UPSERT} or {@link #ENSEMBLE_METRIC_UPSERT} */
    private void recordMetrics(String upsert, String study, long ownerId, String split, Map<String, Double> metrics) {
        checkSplit(split);
        Jdbc.inTransaction(db, c -> {
            try (PreparedStatement ps = c.prepareStatement(upsert)) {
                for (Map.Entry<String, Double> m : metrics.entrySet()) {
                    ps.setString(1, study);
                    ps.setLong(2, ownerId);
                    ps.setString(3, split);
                    ps.setString(4, m.getKey());
                    ps.setDouble(5, m.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    static void checkSplit(String split) {
        if (!SPLITS.contains(split)) {
            throw new IllegalArgumentException("unknown split '" + split + "', expected test or train");
        }
    }
}
