package dev.basin.db;

import java.sql.PreparedStatement;
import java.util.List;

/**
 * The {@code ensemble_subset} table: per ensemble kind and size, the metrics' mean and spread over subsets of its
 * members (beside the first-k ensemble of table {@code ensemble}).
 */
public final class EnsembleSubsetStore {
    private final Database db;

    EnsembleSubsetStore(Database db) {
        this.db = db;
    }

    /** Records (or replaces) the rows, all or none. */
    public void record(List<EnsembleSubsetRow> rows) {
        Jdbc.batch(db, """
                insert into ensemble_subset (study, run_key, kind, variant, size, subsets, exhaustive, accuracy_mean,
                    accuracy_sd, nll_mean, nll_sd, brier_mean, brier_sd, ece_mean, ece_sd, input_key)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (study, run_key, kind, variant, size) do update set subsets = excluded.subsets,
                    exhaustive = excluded.exhaustive, accuracy_mean = excluded.accuracy_mean,
                    accuracy_sd = excluded.accuracy_sd, nll_mean = excluded.nll_mean, nll_sd = excluded.nll_sd,
                    brier_mean = excluded.brier_mean, brier_sd = excluded.brier_sd, ece_mean = excluded.ece_mean,
                    ece_sd = excluded.ece_sd, input_key = excluded.input_key
                """, rows, EnsembleSubsetStore::bind);
    }

    private static void bind(PreparedStatement ps, EnsembleSubsetRow r) throws java.sql.SQLException {
        ps.setString(1, r.study());
        ps.setString(2, r.runKey());
        ps.setString(3, r.kind());
        ps.setString(4, r.variant());
        ps.setInt(5, r.size());
        ps.setInt(6, r.subsets());
        ps.setBoolean(7, r.exhaustive());
        ps.setDouble(8, r.accuracyMean());
        Jdbc.setDoubleOrNull(ps, 9, r.accuracySd());
        ps.setDouble(10, r.nllMean());
        Jdbc.setDoubleOrNull(ps, 11, r.nllSd());
        ps.setDouble(12, r.brierMean());
        Jdbc.setDoubleOrNull(ps, 13, r.brierSd());
        ps.setDouble(14, r.eceMean());
        Jdbc.setDoubleOrNull(ps, 15, r.eceSd());
        ps.setString(16, r.inputKey());
    }

    /** The rows of one kind and variant in a run, by size. */
    public List<EnsembleSubsetRow> of(String study, String runKey, String kind, String variant) {
        return Jdbc.query(db, "select study, run_key, kind, variant, size, subsets, exhaustive, accuracy_mean,"
                        + " accuracy_sd, nll_mean, nll_sd, brier_mean, brier_sd, ece_mean, ece_sd, input_key"
                        + " from ensemble_subset where study = ? and run_key = ? and kind = ? and variant = ?"
                        + " order by size",
                Jdbc.byName(EnsembleSubsetRow.class), study, runKey, kind, variant);
    }

    /** Deletes the rows of one kind and variant in a run larger than {@code size} (the study shrank). */
    public int deleteLargerThan(String study, String runKey, String kind, String variant, int size) {
        return Jdbc.update(db, "delete from ensemble_subset where study = ? and run_key = ? and kind = ?"
                + " and variant = ? and size > ?", study, runKey, kind, variant, size);
    }
}
