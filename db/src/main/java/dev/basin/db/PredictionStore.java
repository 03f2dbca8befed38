package dev.basin.db;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;

/**
 * The {@code prediction} table: for each model and split, the {@code .npy} in S3 that holds its predicted class
 * probabilities, with the file's checksum, size and shape.
 */
public final class PredictionStore {
    private final Database db;

    PredictionStore(Database db) {
        this.db = db;
    }

    /** Records (or replaces) where a model's predictions on a split are stored. */
    public void record(PredictionRow row) {
        Jdbc.inTransaction(db, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into prediction (model_id, split, artifact_key, sha256, bytes, rows, classes, input_key)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (model_id, split) do update set artifact_key = excluded.artifact_key,
                        sha256 = excluded.sha256, bytes = excluded.bytes, rows = excluded.rows, classes = excluded.classes,
                        input_key = excluded.input_key
                    """)) {
                ps.setLong(1, row.modelId());
                ps.setString(2, row.split());
                ps.setString(3, row.artifactKey());
                ps.setString(4, row.sha256());
                ps.setLong(5, row.bytes());
                ps.setInt(6, row.rows());
                ps.setInt(7, row.classes());
                ps.setString(8, row.inputKey());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Where the predictions of {@code modelId} on {@code split} are stored, if they are. */
    public Optional<PredictionRow> of(long modelId, String split) {
        return Jdbc.queryOne(db, "select model_id, split, artifact_key, sha256, bytes, rows, classes, input_key"
                        + " from prediction where model_id = ? and split = ?",
                Jdbc.byName(PredictionRow.class), modelId, split);
    }

    /**
     * Every stored prediction file of the study's current run (of every run for a study that records none), by
     * member, kind, epoch, step, variant and split.
     */
    public List<StoredPredictionRow> stored(String study) {
        return Jdbc.query(db, """
                        select m.id as model_id, m.kind, m.member, m.epoch, m.step, m.variant, p.split, p.rows, p.classes,
                               p.bytes
                          from prediction p join model m on m.id = p.model_id join study s on s.name = m.study
                         where m.study = ? and (s.run_key is null or m.run_key = s.run_key)
                         order by m.member, m.kind, m.epoch, m.step, m.variant, p.split""",
                Jdbc.byName(StoredPredictionRow.class), study);
    }
}
