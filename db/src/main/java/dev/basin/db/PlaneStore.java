package dev.basin.db;

import static dev.basin.db.Jdbc.setDoubleOrNull;
import static dev.basin.db.Jdbc.setLongOrNull;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The loss planes (plane, plane_point, plane_projection) and the interpolation lines of a study. A plane's grid is
 * computed by many activities, a row or tile each, so points are upserted one batch at a time and an activity
 * resumes by asking which points exist.
 */
public final class PlaneStore {

    /** A plane's points and projections are stale once its input key changes: they go before the plane is updated. */
    private static final String PLANE_STALE_POINTS = """
            delete from plane_point where plane_id in
                (select id from plane where study = ? and plane_index = ? and input_key <> ?)""";
    private static final String PLANE_STALE_PROJECTIONS = """
            delete from plane_projection where plane_id in
                (select id from plane where study = ? and plane_index = ? and input_key <> ?)""";
    private static final String PLANE_UPSERT = """
            insert into plane as p (study, plane_index, anchors, grid, margin, train_subset, u_norm, input_key)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (study, plane_index) do update set anchors = excluded.anchors, grid = excluded.grid,
                margin = excluded.margin, train_subset = excluded.train_subset,
                u_norm = case when p.input_key = excluded.input_key then coalesce(excluded.u_norm, p.u_norm)
                              else excluded.u_norm end,
                input_key = excluded.input_key
            returning id""";
    private static final String PLANE_COLUMNS =
            "select id, study, plane_index, anchors, grid, margin, train_subset, u_norm, input_key from plane";
    private static final String PLANE_BY_INDEX = PLANE_COLUMNS + " where study = ? and plane_index = ?";
    private static final String PLANES = PLANE_COLUMNS + " where study = ? order by plane_index";
    private static final String PLANE_NORM = "update plane set u_norm = ? where id = ?";
    private static final String PLANE_RETAIN = "delete from plane where study = ? and not (input_key = any (?))";

    private static final String POINT_UPSERT = """
            insert into plane_point (plane_id, i, j, a, b, train_loss, train_accuracy, test_nll, test_error,
                similarity_to_first)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (plane_id, i, j) do update set a = excluded.a, b = excluded.b,
                train_loss = excluded.train_loss, train_accuracy = excluded.train_accuracy,
                test_nll = excluded.test_nll, test_error = excluded.test_error,
                similarity_to_first = excluded.similarity_to_first""";
    private static final String POINTS = """
            select plane_id, i, j, a, b, train_loss, train_accuracy, test_nll, test_error, similarity_to_first
              from plane_point where plane_id = ? order by i, j""";

    private static final String PROJECTION_UPSERT = """
            insert into plane_projection (plane_id, label, model_id, kind, a, b, input_key) values (?, ?, ?, ?, ?, ?, ?)
            on conflict (plane_id, label) do update set model_id = excluded.model_id, kind = excluded.kind,
                a = excluded.a, b = excluded.b, input_key = excluded.input_key""";
    private static final String PROJECTIONS_UNDER =
            "select count(*) as projections from plane_projection where plane_id = ? and input_key = ?";
    private static final String PROJECTIONS_STALE =
            "delete from plane_projection where plane_id = ? and kind <> 'anchor' and input_key is distinct from ?";
    private static final String PROJECTIONS = """
            select plane_id, label, model_id, kind, a, b from plane_projection
             where plane_id = ? order by kind, label""";

    private static final String LINE_UPSERT = """
            insert into interpolation_point (study, pair, i, t, train_loss, train_error, test_nll, test_error,
                input_key)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (study, pair, i) do update set t = excluded.t, train_loss = excluded.train_loss,
                train_error = excluded.train_error, test_nll = excluded.test_nll, test_error = excluded.test_error,
                input_key = excluded.input_key""";
    private static final String LINE = """
            select study, pair, i, t, train_loss, train_error, test_nll, test_error, input_key
              from interpolation_point where study = ? and pair = ? order by i""";
    private static final String LINE_RETAIN =
            "delete from interpolation_point where study = ? and not (input_key = any (?))";

    private final Database db;

    public PlaneStore(Database db) {
        this.db = db;
    }

    // ---- planes -------------------------------------------------------------------------------------

    /**
     * Stores a plane and returns its id; the same (study, planeIndex) returns the same id. When the input key
     * differs from the stored one, the plane's points and projections are deleted in the same transaction, and
     * {@code uNorm} is replaced; under the same key a null {@code uNorm} keeps the stored one.
     */
    public long upsertPlane(PlaneRow row) {
        return Jdbc.inTransaction(db, c -> {
            try (PreparedStatement points = c.prepareStatement(PLANE_STALE_POINTS);
                 PreparedStatement projections = c.prepareStatement(PLANE_STALE_PROJECTIONS)) {
                for (PreparedStatement ps : List.of(points, projections)) {
                    ps.setString(1, row.study());
                    ps.setInt(2, row.planeIndex());
                    ps.setString(3, row.inputKey());
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(PLANE_UPSERT)) {
                ps.setString(1, row.study());
                ps.setInt(2, row.planeIndex());
                ps.setArray(3, c.createArrayOf("text", row.anchors().toArray()));
                ps.setInt(4, row.grid());
                ps.setDouble(5, row.margin());
                ps.setInt(6, row.trainSubset());
                setDoubleOrNull(ps, 7, row.uNorm());
                ps.setString(8, row.inputKey());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong("id");
                }
            }
        });
    }

    /** Sets {@code ‖u‖}, the unit of a plane's coordinates, once its anchors are loaded. */
    public void setPlaneNorm(long planeId, double uNorm) {
        if (Jdbc.update(db, PLANE_NORM, uNorm, planeId) != 1) {
            throw new DbException("no plane with id " + planeId);
        }
    }

    public Optional<PlaneRow> plane(String study, int planeIndex) {
        return Jdbc.queryOne(db, PLANE_BY_INDEX, Jdbc.byName(PlaneRow.class), study, planeIndex);
    }

    /** A study's planes, by index. */
    public List<PlaneRow> planes(String study) {
        return Jdbc.query(db, PLANES, Jdbc.byName(PlaneRow.class), study);
    }

    /** Deletes the study's planes (with their points and projections) under any other input key; returns how many. */
    public int retainPlanes(String study, Collection<String> inputKeys) {
        return Jdbc.update(db, PLANE_RETAIN, study, inputKeys);
    }

    public void recordPlanePoints(Collection<PlanePointRow> rows) {
        Jdbc.batch(db, POINT_UPSERT, rows, (ps, r) -> {
            ps.setLong(1, r.planeId());
            ps.setInt(2, r.i());
            ps.setInt(3, r.j());
            ps.setDouble(4, r.a());
            ps.setDouble(5, r.b());
            ps.setDouble(6, r.trainLoss());
            ps.setDouble(7, r.trainAccuracy());
            ps.setDouble(8, r.testNll());
            ps.setDouble(9, r.testError());
            ps.setDouble(10, r.similarityToFirst());
        });
    }

    /** The points of a plane computed so far, by i then j. */
    public List<PlanePointRow> planePoints(long planeId) {
        return Jdbc.query(db, POINTS, Jdbc.byName(PlanePointRow.class), planeId);
    }

    /**
     * Stores projections computed under {@code inputKey}: the anchors' under the plane's own key, the other
     * models' under the key of the stage that projects them ({@code plane/P/projections}).
     */
    public void recordPlaneProjections(Collection<PlaneProjectionRow> rows, String inputKey) {
        Jdbc.batch(db, PROJECTION_UPSERT, rows, (ps, r) -> {
            ps.setString(7, inputKey);
            ps.setLong(1, r.planeId());
            ps.setString(2, r.label());
            setLongOrNull(ps, 3, r.modelId());
            ps.setString(4, r.kind());
            ps.setDouble(5, r.a());
            ps.setDouble(6, r.b());
        });
    }

    /** How many of a plane's projections were computed under {@code inputKey}. */
    public int projectionsUnder(long planeId, String inputKey) {
        return Jdbc.query(db, PROJECTIONS_UNDER, (rs, ctx) -> rs.getInt("projections"), planeId, inputKey).get(0);
    }

    /** Deletes a plane's projections of checkpoints and samples computed under any key but {@code inputKey}. */
    public int forgetProjectionsNotUnder(long planeId, String inputKey) {
        return Jdbc.update(db, PROJECTIONS_STALE, planeId, inputKey);
    }

    /** A plane's projected models, by kind then label. */
    public List<PlaneProjectionRow> planeProjections(long planeId) {
        return Jdbc.query(db, PROJECTIONS, Jdbc.byName(PlaneProjectionRow.class), planeId);
    }

    // ---- interpolation ------------------------------------------------------------------------------

    public void recordInterpolationPoints(Collection<InterpolationPointRow> rows) {
        Jdbc.batch(db, LINE_UPSERT, rows, (ps, r) -> {
            ps.setString(1, r.study());
            ps.setString(2, r.pair());
            ps.setInt(3, r.i());
            ps.setDouble(4, r.t());
            ps.setDouble(5, r.trainLoss());
            ps.setDouble(6, r.trainError());
            ps.setDouble(7, r.testNll());
            ps.setDouble(8, r.testError());
            ps.setString(9, r.inputKey());
        });
    }

    /** The points of one line, by index. */
    public List<InterpolationPointRow> interpolation(String study, String pair) {
        return Jdbc.query(db, LINE, Jdbc.byName(InterpolationPointRow.class), study, pair);
    }

    /** Deletes the study's interpolation points under any other input key (one key per line); returns how many. */
    public int retainInterpolation(String study, Collection<String> inputKeys) {
        return Jdbc.update(db, LINE_RETAIN, study, inputKeys);
    }
}
