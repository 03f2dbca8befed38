package dev.basin.db;

import static dev.basin.db.Jdbc.setDoubleOrNull;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.List;

/**
 * The {@code progress} table: one row per member with where its training stands, overwritten as it goes, so
 * that {@code basin run} can draw bars and {@code basin status} can say how far a study got. A view of the
 * training, not a record of it: the checkpoints and models are that.
 */
public final class ProgressStore {
    private final Database db;

    ProgressStore(Database db) {
        this.db = db;
    }

    /** Writes a member's current progress over its previous row. */
    public void upsert(ProgressRow row) {
        Jdbc.inTransaction(db, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into progress (study, member, epoch, epochs, step, steps_per_epoch, loss, images_per_sec,
                        state, resumed_from_epoch, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                    on conflict (study, member) do update set epoch = excluded.epoch, epochs = excluded.epochs,
                        step = excluded.step, steps_per_epoch = excluded.steps_per_epoch, loss = excluded.loss,
                        images_per_sec = excluded.images_per_sec, state = excluded.state,
                        resumed_from_epoch = excluded.resumed_from_epoch, updated_at = now()
                    """)) {
                ps.setString(1, row.study());
                ps.setInt(2, row.member());
                ps.setInt(3, row.epoch());
                ps.setInt(4, row.epochs());
                ps.setLong(5, row.step());
                ps.setLong(6, row.stepsPerEpoch());
                setDoubleOrNull(ps, 7, row.loss());
                setDoubleOrNull(ps, 8, row.imagesPerSec());
                ps.setString(9, row.state());
                if (row.resumedFromEpoch() == null) {
                    ps.setNull(10, Types.INTEGER);
                } else {
                    ps.setInt(10, row.resumedFromEpoch());
                }
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Progress of every member of a study, by member. */
    public List<ProgressRow> of(String study) {
        return Jdbc.query(db, "select study, member, epoch, epochs, step, steps_per_epoch, loss, images_per_sec, state,"
                        + " resumed_from_epoch, updated_at from progress where study = ? order by member",
                Jdbc.byName(ProgressRow.class), study);
    }

    /**
     * Writes a member's row for one epoch, over any earlier row for the same epoch: a run resumed from an older
     * checkpoint trains that epoch again, and its new row is the one that counts.
     */
    public void upsertEpoch(TrainEpochRow row) {
        Jdbc.inTransaction(db, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into train_epoch (study, run_key, member, epoch, step, train_loss, test_accuracy, test_nll,
                        test_points, images_per_sec, seconds)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (study, run_key, member, epoch) do update set step = excluded.step,
                        train_loss = excluded.train_loss, test_accuracy = excluded.test_accuracy,
                        test_nll = excluded.test_nll, test_points = excluded.test_points, images_per_sec = excluded.images_per_sec,
                        seconds = excluded.seconds
                    """)) {
                ps.setString(1, row.study());
                ps.setString(2, row.runKey());
                ps.setInt(3, row.member());
                ps.setInt(4, row.epoch());
                ps.setLong(5, row.step());
                setDoubleOrNull(ps, 6, row.trainLoss());
                setDoubleOrNull(ps, 7, row.testAccuracy());
                setDoubleOrNull(ps, 8, row.testNll());
                ps.setInt(9, row.testPoints());
                setDoubleOrNull(ps, 10, row.imagesPerSec());
                setDoubleOrNull(ps, 11, row.seconds());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Every epoch row of a study's run, by member and epoch. */
    public List<TrainEpochRow> epochs(String study, String runKey) {
        return Jdbc.query(db, "select study, run_key, member, epoch, step, train_loss, test_accuracy, test_nll,"
                        + " test_points, images_per_sec, seconds from train_epoch where study = ? and run_key = ? order by member, epoch",
                Jdbc.byName(TrainEpochRow.class), study, runKey);
    }
}
