package dev.basin.db;

import static dev.basin.db.Jdbc.setDoubleOrNull;
import static dev.basin.db.Jdbc.setLongOrNull;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * The landscape analyses' numbers: similarity, t-SNE, subspace samples and dataset shift here; loss planes and
 * interpolation in {@link #planes()}. Every write is an upsert on the row's natural key, so an activity retried
 * after a crash writes the same rows again and leaves one of each. Rows carry the input key of the stage that
 * computed them; {@code retain...} deletes a study's rows computed under keys that no longer apply (the spec
 * changed), which the stages' upserts alone would leave behind.
 */
public final class LandscapeStore {

    private static final String SIMILARITY_UPSERT = """
            insert into similarity (study, scope, model_a, model_b, cosine, disagreement, input_key, cosine_kernels)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (study, scope, model_a, model_b) do update set cosine = excluded.cosine,
                disagreement = excluded.disagreement, input_key = excluded.input_key,
                cosine_kernels = excluded.cosine_kernels""";
    private static final String SIMILARITY_SELECT = """
            select study, scope, model_a, model_b, cosine, cosine_kernels, disagreement, input_key from similarity
             where study = ? order by scope, model_a, model_b""";
    private static final String SIMILARITY_COUNT = "select count(*) from similarity where study = ? and input_key = ?";
    private static final String SIMILARITY_RETAIN =
            "delete from similarity where study = ? and (input_key is null or not (input_key = any (?)))";

    private static final String TSNE_UPSERT = """
            insert into tsne_point (study, input_key, model_id, perplexity, seed, x, y) values (?, ?, ?, ?, ?, ?, ?)
            on conflict (study, input_key, model_id) do update set perplexity = excluded.perplexity,
                seed = excluded.seed, x = excluded.x, y = excluded.y""";
    private static final String TSNE_SELECT = """
            select study, input_key, model_id, perplexity, seed, x, y from tsne_point
             where study = ? order by input_key, model_id""";
    private static final String TSNE_RETAIN = "delete from tsne_point where study = ? and not (input_key = any (?))";

    private static final String SAMPLE_UPSERT = """
            insert into subspace_sample (study, model_id, baseline_id, method, scale, sample, accuracy, disagreement,
                diversity, kept, input_key)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (baseline_id, model_id) do update set study = excluded.study, method = excluded.method,
                scale = excluded.scale, sample = excluded.sample, accuracy = excluded.accuracy,
                disagreement = excluded.disagreement, diversity = excluded.diversity, kept = excluded.kept,
                input_key = excluded.input_key""";
    private static final String SAMPLE_SELECT = """
            select study, model_id, baseline_id, method, scale, sample, accuracy, disagreement, diversity, kept,
                   input_key
              from subspace_sample where study = ? order by baseline_id, method, scale, sample, model_id""";
    private static final String SAMPLE_RETAIN =
            "delete from subspace_sample where study = ? and (input_key is null or not (input_key = any (?)))";

    // Two statements for the two partial unique indexes, as for metric (StudyStore).
    private static final String SHIFT_MODEL_UPSERT = """
            insert into shift_metric (study, model_id, ensemble_id, corruption, severity, accuracy, nll, brier, ece,
                input_key)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (model_id, corruption, severity) where model_id is not null do update set
                accuracy = excluded.accuracy, nll = excluded.nll, brier = excluded.brier, ece = excluded.ece,
                input_key = excluded.input_key""";
    private static final String SHIFT_ENSEMBLE_UPSERT = """
            insert into shift_metric (study, model_id, ensemble_id, corruption, severity, accuracy, nll, brier, ece,
                input_key)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (ensemble_id, corruption, severity) where ensemble_id is not null do update set
                accuracy = excluded.accuracy, nll = excluded.nll, brier = excluded.brier, ece = excluded.ece,
                input_key = excluded.input_key""";
    private static final String SHIFT_SELECT = """
            select study, model_id, ensemble_id, corruption, severity, accuracy, nll, brier, ece, input_key
              from shift_metric where study = ?
             order by model_id nulls last, ensemble_id, corruption, severity""";
    private static final String SHIFT_RETAIN =
            "delete from shift_metric where study = ? and (input_key is null or not (input_key = any (?)))";

    private final Database db;
    private final PlaneStore planes;

    public LandscapeStore(Database db) {
        this.db = db;
        this.planes = new PlaneStore(db);
    }

    /** The plane and interpolation tables of the same database. */
    public PlaneStore planes() {
        return planes;
    }

    // ---- similarity ---------------------------------------------------------------------------------

    public void recordSimilarities(Collection<SimilarityRow> rows) {
        Jdbc.batch(db, SIMILARITY_UPSERT, rows, (ps, r) -> {
            ps.setString(1, r.study());
            ps.setString(2, r.scope());
            ps.setLong(3, r.modelA());
            ps.setLong(4, r.modelB());
            ps.setDouble(5, r.cosine());
            ps.setDouble(6, r.disagreement());
            ps.setString(7, r.inputKey());
            if (r.cosineKernels() == null) {
                ps.setNull(8, java.sql.Types.DOUBLE);
            } else {
                ps.setDouble(8, r.cosineKernels());
            }
        });
    }

    /** A study's pairs, by scope, then model ids. */
    public List<SimilarityRow> similarities(String study) {
        return Jdbc.query(db, SIMILARITY_SELECT, Jdbc.byName(SimilarityRow.class), study);
    }

    /** How many of the study's pairs are stored under {@code inputKey}. */
    public long countSimilarities(String study, String inputKey) {
        return Jdbc.queryOne(db, SIMILARITY_COUNT, (rs, ctx) -> rs.getLong(1), study, inputKey).orElse(0L);
    }

    /** Deletes the study's pairs computed under any other input key; returns how many. */
    public int retainSimilarities(String study, Collection<String> inputKeys) {
        return Jdbc.update(db, SIMILARITY_RETAIN, study, inputKeys);
    }

    // ---- t-SNE --------------------------------------------------------------------------------------

    public void recordTsnePoints(Collection<TsneRow> rows) {
        Jdbc.batch(db, TSNE_UPSERT, rows, (ps, r) -> {
            ps.setString(1, r.study());
            ps.setString(2, r.inputKey());
            ps.setLong(3, r.modelId());
            ps.setDouble(4, r.perplexity());
            ps.setLong(5, r.seed());
            ps.setDouble(6, r.x());
            ps.setDouble(7, r.y());
        });
    }

    /** A study's points, by embedding (input key), then model id. */
    public List<TsneRow> tsnePoints(String study) {
        return Jdbc.query(db, TSNE_SELECT, Jdbc.byName(TsneRow.class), study);
    }

    /** Deletes the study's embeddings under any other input key; returns how many points. */
    public int retainTsne(String study, Collection<String> inputKeys) {
        return Jdbc.update(db, TSNE_RETAIN, study, inputKeys);
    }

    // ---- subspace samples ---------------------------------------------------------------------------

    public void recordSubspaceSamples(Collection<SubspaceSampleRow> rows) {
        Jdbc.batch(db, SAMPLE_UPSERT, rows, (ps, r) -> {
            ps.setString(1, r.study());
            ps.setLong(2, r.modelId());
            ps.setLong(3, r.baselineId());
            ps.setString(4, r.method());
            setDoubleOrNull(ps, 5, r.scale());
            ps.setInt(6, r.sample());
            ps.setDouble(7, r.accuracy());
            ps.setDouble(8, r.disagreement());
            setDoubleOrNull(ps, 9, r.diversity());
            ps.setBoolean(10, r.kept());
            ps.setString(11, r.inputKey());
        });
    }

    /** A study's samples, by baseline, method, scale and sample index. */
    public List<SubspaceSampleRow> subspaceSamples(String study) {
        return Jdbc.query(db, SAMPLE_SELECT, Jdbc.byName(SubspaceSampleRow.class), study);
    }

    /** Deletes the study's sample rows computed under any other input key (the sample models stay); returns how many. */
    public int retainSubspaceSamples(String study, Collection<String> inputKeys) {
        return Jdbc.update(db, SAMPLE_RETAIN, study, inputKeys);
    }

    // ---- dataset shift ------------------------------------------------------------------------------

    public void recordShiftMetrics(Collection<ShiftMetricRow> rows) {
        Jdbc.batch(db, SHIFT_MODEL_UPSERT, rows.stream().filter(r -> r.modelId() != null).toList(),
                LandscapeStore::bindShift);
        Jdbc.batch(db, SHIFT_ENSEMBLE_UPSERT, rows.stream().filter(r -> r.ensembleId() != null).toList(),
                LandscapeStore::bindShift);
    }

    private static void bindShift(PreparedStatement ps, ShiftMetricRow r) throws SQLException {
        ps.setString(1, r.study());
        setLongOrNull(ps, 2, r.modelId());
        setLongOrNull(ps, 3, r.ensembleId());
        ps.setString(4, r.corruption());
        ps.setInt(5, r.severity());
        ps.setDouble(6, r.accuracy());
        ps.setDouble(7, r.nll());
        ps.setDouble(8, r.brier());
        ps.setDouble(9, r.ece());
        ps.setString(10, r.inputKey());
    }

    /** A study's shift metrics: models first, then ensembles, each by corruption and severity. */
    public List<ShiftMetricRow> shiftMetrics(String study) {
        return Jdbc.query(db, SHIFT_SELECT, Jdbc.byName(ShiftMetricRow.class), study);
    }

    /** Deletes the study's shift metrics computed under any other input key; returns how many. */
    public int retainShiftMetrics(String study, Collection<String> inputKeys) {
        return Jdbc.update(db, SHIFT_RETAIN, study, inputKeys);
    }
}
