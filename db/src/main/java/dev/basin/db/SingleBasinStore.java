package dev.basin.db;

import java.util.List;
import java.util.Optional;

/**
 * The rows of the single-basin analyses: which models an ensemble's positions hold, the barriers between them
 * with their points, the alignments, and the teachers' stored predictions. Every write is an upsert on the
 * natural key, so a retried stage writes the same rows again.
 */
public final class SingleBasinStore {

    private static final String MEMBERS_CLEAR =
            "delete from ensemble_member where study = ? and run_key = ? and kind = ? and variant = ?";
    private static final String MEMBER_INSERT = """
            insert into ensemble_member (study, run_key, kind, variant, position, model_id, input_key)
            values (?, ?, ?, ?, ?, ?, ?)""";

    private static final String BARRIER_UPSERT = """
            insert into barrier (study, run_key, kind, variant, position_a, position_b, model_a, model_b, points,
                train_loss_barrier, train_loss_t, test_error_barrier, test_error_t, disagreement, input_key)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (study, run_key, kind, variant, position_a, position_b) do update set
                model_a = excluded.model_a, model_b = excluded.model_b, points = excluded.points,
                train_loss_barrier = excluded.train_loss_barrier, train_loss_t = excluded.train_loss_t,
                test_error_barrier = excluded.test_error_barrier, test_error_t = excluded.test_error_t,
                disagreement = excluded.disagreement, input_key = excluded.input_key
            returning id""";
    private static final String POINTS_CLEAR = "delete from barrier_point where barrier_id = ?";
    private static final String POINT_INSERT = """
            insert into barrier_point (barrier_id, i, t, train_loss, train_error, test_nll, test_error)
            values (?, ?, ?, ?, ?, ?, ?)""";
    private static final String BARRIERS = """
            select study, run_key, kind, variant, position_a, position_b, model_a, model_b, points,
                   train_loss_barrier, train_loss_t, test_error_barrier, test_error_t, disagreement, input_key
              from barrier where study = ? and run_key = ? and kind = ? and variant = ?
             order by position_a, position_b""";
    private static final String BARRIERS_STALE =
            "delete from barrier where study = ? and run_key = ? and kind = ? and variant = ? and input_key <> ?";

    private static final String ALIGNMENT_UPSERT = """
            insert into alignment (study, run_key, member, reference, sweeps, distance_before, distance_after,
                input_key)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (study, run_key, member) do update set reference = excluded.reference,
                sweeps = excluded.sweeps, distance_before = excluded.distance_before,
                distance_after = excluded.distance_after, input_key = excluded.input_key""";
    private static final String ALIGNMENTS = """
            select study, run_key, member, reference, sweeps, distance_before, distance_after, input_key
              from alignment where study = ? and run_key = ? order by member""";

    private static final String TEACHER_UPSERT = """
            insert into teacher (study, run_key, teacher, models, artifact_key, sha256, bytes, input_key)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (study, run_key, teacher) do update set models = excluded.models,
                artifact_key = excluded.artifact_key, sha256 = excluded.sha256, bytes = excluded.bytes,
                input_key = excluded.input_key""";
    private static final String TEACHER = """
            select study, run_key, teacher, models, artifact_key, sha256, bytes, input_key
              from teacher where study = ? and run_key = ? and teacher = ?""";

    private final Database db;

    public SingleBasinStore(Database db) {
        this.db = db;
    }

    /** Replaces the models of an ensemble's positions with {@code models} (position i holds models[i]). */
    public void replaceMembers(String study, String runKey, String kind, String variant, List<Long> models,
                               String inputKey) {
        Jdbc.inTransaction(db, c -> {
            try (var clear = c.prepareStatement(MEMBERS_CLEAR); var ps = c.prepareStatement(MEMBER_INSERT)) {
                clear.setString(1, study);
                clear.setString(2, runKey);
                clear.setString(3, kind);
                clear.setString(4, variant);
                clear.executeUpdate();
                for (int i = 0; i < models.size(); i++) {
                    ps.setString(1, study);
                    ps.setString(2, runKey);
                    ps.setString(3, kind);
                    ps.setString(4, variant);
                    ps.setInt(5, i);
                    ps.setLong(6, models.get(i));
                    ps.setString(7, inputKey);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Stores a barrier and its points (replacing any earlier ones of the same pair), in one transaction. */
    public void recordBarrier(BarrierRow r, List<BarrierPointRow> points) {
        Jdbc.inTransaction(db, c -> {
            long id;
            try (var ps = c.prepareStatement(BARRIER_UPSERT)) {
                Object[] values = {r.study(), r.runKey(), r.kind(), r.variant(), r.positionA(), r.positionB(),
                    r.modelA(), r.modelB(), r.points(), r.trainLossBarrier(), r.trainLossT(), r.testErrorBarrier(),
                    r.testErrorT(), r.disagreement(), r.inputKey()};
                for (int i = 0; i < values.length; i++) {
                    ps.setObject(i + 1, values[i]);
                }
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (var clear = c.prepareStatement(POINTS_CLEAR); var ps = c.prepareStatement(POINT_INSERT)) {
                clear.setLong(1, id);
                clear.executeUpdate();
                for (BarrierPointRow p : points) {
                    ps.setLong(1, id);
                    ps.setInt(2, p.i());
                    ps.setDouble(3, p.t());
                    ps.setDouble(4, p.trainLoss());
                    ps.setDouble(5, p.trainError());
                    ps.setDouble(6, p.testNll());
                    ps.setDouble(7, p.testError());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** The ensemble's barriers, by positions. */
    public List<BarrierRow> barriers(String study, String runKey, String kind, String variant) {
        return Jdbc.query(db, BARRIERS, Jdbc.byName(BarrierRow.class), study, runKey, kind, variant);
    }

    /** Forgets the ensemble's barriers measured under another key (with their points). */
    public int deleteStaleBarriers(String study, String runKey, String kind, String variant, String inputKey) {
        return Jdbc.update(db, BARRIERS_STALE, study, runKey, kind, variant, inputKey);
    }

    public void recordAlignment(AlignmentRow r) {
        Jdbc.update(db, ALIGNMENT_UPSERT, r.study(), r.runKey(), r.member(), r.reference(), r.sweeps(),
                r.distanceBefore(), r.distanceAfter(), r.inputKey());
    }

    /** Forgets the alignments made under another key (another reference member, other members). */
    public int deleteStaleAlignments(String study, String runKey, String inputKey) {
        return Jdbc.update(db, "delete from alignment where study = ? and run_key = ? and input_key <> ?", study, runKey,
                inputKey);
    }

    public List<AlignmentRow> alignments(String study, String runKey) {
        return Jdbc.query(db, ALIGNMENTS, Jdbc.byName(AlignmentRow.class), study, runKey);
    }

    public void recordTeacher(TeacherRow r) {
        Jdbc.update(db, TEACHER_UPSERT, r.study(), r.runKey(), r.teacher(), r.models(), r.artifactKey(), r.sha256(),
                r.bytes(), r.inputKey());
    }

    public Optional<TeacherRow> teacher(String study, String runKey, String teacher) {
        return Jdbc.queryOne(db, TEACHER, Jdbc.byName(TeacherRow.class), study, runKey, teacher);
    }
}
