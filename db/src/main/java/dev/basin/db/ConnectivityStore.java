package dev.basin.db;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The rows of mode connectivity and fast ensembles: the saved states of stages that train on their own
 * ({@code stage_checkpoint}), curves and their points, and the budget table. Every write is an upsert on the
 * natural key, so a retried stage writes the same rows again.
 */
public final class ConnectivityStore {

    private static final String CHECKPOINT_UPSERT = """
            insert into stage_checkpoint (study, stage, input_key, epoch, step, artifact_key, sha256, bytes)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (study, stage, input_key, step) do update set epoch = excluded.epoch,
                artifact_key = excluded.artifact_key, sha256 = excluded.sha256, bytes = excluded.bytes""";
    private static final String CHECKPOINTS = """
            select study, stage, input_key, epoch, step, artifact_key, sha256, bytes from stage_checkpoint
             where study = ? and stage = ? and input_key = ? order by step desc""";
    private static final String CHECKPOINTS_STALE =
            "delete from stage_checkpoint where study = ? and stage = ? and input_key <> ?";

    private static final String CURVE_UPSERT = """
            insert into curve as c (study, run_key, label, curve_index, type, endpoint_a, endpoint_b, input_key)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (study, run_key, label) do update set curve_index = excluded.curve_index,
                bend_id = case when c.input_key = excluded.input_key then c.bend_id end,
                length = case when c.input_key = excluded.input_key then c.length end,
                line_length = case when c.input_key = excluded.input_key then c.line_length end,
                input_key = excluded.input_key
            returning id""";
    private static final String CURVE_COLUMNS = "select id, study, run_key, label, curve_index, type, endpoint_a,"
            + " endpoint_b, bend_id, length, line_length, input_key from curve";
    private static final String CURVE = CURVE_COLUMNS + " where study = ? and run_key = ? and label = ?";
    private static final String CURVE_BEND = "update curve set bend_id = ?, line_length = ? where id = ?";
    private static final String CURVE_LENGTH = "update curve set length = ? where id = ?";

    private static final String POINT_UPSERT = """
            insert into curve_point (curve_id, path, i, t, segment, train_loss, train_error, test_nll, test_error,
                input_key)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (curve_id, path, i) do update set t = excluded.t, segment = excluded.segment,
                train_loss = excluded.train_loss, train_error = excluded.train_error,
                test_nll = excluded.test_nll, test_error = excluded.test_error, input_key = excluded.input_key""";
    private static final String POINTS = """
            select curve_id, path, i, t, segment, train_loss, train_error, test_nll, test_error, input_key
              from curve_point where curve_id = ? and input_key = ? order by path, i""";
    private static final String POINTS_STALE = "delete from curve_point where curve_id = ? and input_key <> ?";
    private static final String POINTS_OF_RETRAINED = """
            delete from curve_point where curve_id in
                (select id from curve where study = ? and run_key = ? and label = ? and input_key <> ?)""";

    private static final String BUDGET_UPSERT = """
            insert into budget_ensemble (study, run_key, method, budget, models, epochs, accuracy, nll, brier, ece,
                input_key)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (study, run_key, method, budget) do update set models = excluded.models,
                epochs = excluded.epochs, accuracy = excluded.accuracy, nll = excluded.nll, brier = excluded.brier,
                ece = excluded.ece, input_key = excluded.input_key""";
    private static final String BUDGET = """
            select study, run_key, method, budget, models, epochs, accuracy, nll, brier, ece, input_key
              from budget_ensemble where study = ? and run_key = ? order by method, budget""";
    private static final String BUDGET_CLEAR = "delete from budget_ensemble where study = ? and run_key = ?";

    private final Database db;

    public ConnectivityStore(Database db) {
        this.db = db;
    }

    // ---- a stage's own checkpoints ----------------------------------------------------------------------

    public void recordCheckpoint(StageCheckpointRow r) {
        Jdbc.update(db, CHECKPOINT_UPSERT, r.study(), r.stage(), r.inputKey(), r.epoch(), r.step(), r.artifactKey(),
                r.sha256(), r.bytes());
    }

    /** The stage's saved states under its current key, newest first. */
    public List<StageCheckpointRow> checkpoints(String study, String stage, String inputKey) {
        return Jdbc.query(db, CHECKPOINTS, Jdbc.byName(StageCheckpointRow.class), study, stage, inputKey);
    }

    /** Forgets the stage's saved states under other keys (the objects stay in S3, as every artifact does). */
    public int deleteStaleCheckpoints(String study, String stage, String inputKey) {
        return Jdbc.update(db, CHECKPOINTS_STALE, study, stage, inputKey);
    }

    // ---- curves -----------------------------------------------------------------------------------------

    /**
     * Stores a curve (without its bend) and returns its id; under a new input key (a bend trained anew) its bend
     * and lengths are forgotten and its points deleted, in the same transaction.
     */
    public long upsertCurve(CurveRow r) {
        return Jdbc.inTransaction(db, c -> {
            try (var stale = c.prepareStatement(POINTS_OF_RETRAINED)) {
                stale.setString(1, r.study());
                stale.setString(2, r.runKey());
                stale.setString(3, r.label());
                stale.setString(4, r.inputKey());
                stale.executeUpdate();
            }
            try (var ps = c.prepareStatement(CURVE_UPSERT)) {
                ps.setString(1, r.study());
                ps.setString(2, r.runKey());
                ps.setString(3, r.label());
                ps.setInt(4, r.curveIndex());
                ps.setString(5, r.type());
                ps.setString(6, r.endpointA());
                ps.setString(7, r.endpointB());
                ps.setString(8, r.inputKey());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong("id");
                }
            }
        });
    }

    /** Deletes the curve's points computed under another key than {@code inputKey} (the profile's). */
    public int deleteStalePoints(long curveId, String inputKey) {
        return Jdbc.update(db, POINTS_STALE, curveId, inputKey);
    }

    public Optional<CurveRow> curve(String study, String runKey, String label) {
        return Jdbc.queryOne(db, CURVE, Jdbc.byName(CurveRow.class), study, runKey, label);
    }

    /** Records the trained bend's model and the straight line's length ‖w2 − w1‖. */
    public void recordBend(long curveId, long bendModelId, double lineLength) {
        Jdbc.update(db, CURVE_BEND, bendModelId, lineLength, curveId);
    }

    public void recordLength(long curveId, double length) {
        Jdbc.update(db, CURVE_LENGTH, length, curveId);
    }

    public void recordPoint(CurvePointRow p) {
        Jdbc.update(db, POINT_UPSERT, p.curveId(), p.path(), p.i(), p.t(), p.segment(), p.trainLoss(),
                p.trainError(), p.testNll(), p.testError(), p.inputKey());
    }

    /** The curve's points under {@code inputKey}, the curve's path first, by index. */
    public List<CurvePointRow> points(long curveId, String inputKey) {
        return Jdbc.query(db, POINTS, Jdbc.byName(CurvePointRow.class), curveId, inputKey);
    }

    // ---- the budget table ---------------------------------------------------------------------------------

    /** Replaces the run's budget table with {@code rows}, in one transaction. */
    public void replaceBudget(String study, String runKey, Collection<BudgetRow> rows) {
        Jdbc.inTransaction(db, c -> {
            try (var clear = c.prepareStatement(BUDGET_CLEAR); var ps = c.prepareStatement(BUDGET_UPSERT)) {
                clear.setString(1, study);
                clear.setString(2, runKey);
                clear.executeUpdate();
                for (BudgetRow r : rows) {
                    ps.setString(1, r.study());
                    ps.setString(2, r.runKey());
                    ps.setString(3, r.method());
                    ps.setInt(4, r.budget());
                    ps.setInt(5, r.models());
                    ps.setDouble(6, r.epochs());
                    ps.setDouble(7, r.accuracy());
                    ps.setDouble(8, r.nll());
                    ps.setDouble(9, r.brier());
                    ps.setDouble(10, r.ece());
                    ps.setString(11, r.inputKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    public List<BudgetRow> budget(String study, String runKey) {
        return Jdbc.query(db, BUDGET, Jdbc.byName(BudgetRow.class), study, runKey);
    }
}
