package dev.basin.db;

import java.util.Optional;

/**
 * The {@code swag_moments} table: where the swa stage left each member's SWAG moments, for the stages that sample
 * from them. Writes are upserts on (study, run key, member), so a retried stage leaves one row.
 */
public final class SwagStore {

    private static final String UPSERT = """
            insert into swag_moments (study, run_key, member, swa_model_id, artifact_key, sha256, bytes, averaged,
                rank, bn_recomputed, input_key)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (study, run_key, member) do update set swa_model_id = excluded.swa_model_id,
                artifact_key = excluded.artifact_key, sha256 = excluded.sha256, bytes = excluded.bytes,
                averaged = excluded.averaged, rank = excluded.rank, bn_recomputed = excluded.bn_recomputed,
                input_key = excluded.input_key""";
    private static final String SELECT = """
            select study, run_key, member, swa_model_id, artifact_key, sha256, bytes, averaged, rank, bn_recomputed,
                   input_key
              from swag_moments where study = ? and run_key = ? and member = ?""";
    private static final String DELETE = "delete from swag_moments where study = ? and run_key = ? and member = ?";

    private final Database db;

    public SwagStore(Database db) {
        this.db = db;
    }

    public void record(SwagRow r) {
        Jdbc.update(db, UPSERT, r.study(), r.runKey(), r.member(), r.swaModelId(), r.artifactKey(), r.sha256(),
                r.bytes(), r.averaged(), r.rank(), r.bnRecomputed(), r.inputKey());
    }

    public Optional<SwagRow> swag(String study, String runKey, int member) {
        return Jdbc.queryOne(db, SELECT, Jdbc.byName(SwagRow.class), study, runKey, member);
    }

    /** Forgets a member's moments (their object was found corrupt); returns whether there was a row. */
    public boolean delete(String study, String runKey, int member) {
        return Jdbc.update(db, DELETE, study, runKey, member) > 0;
    }
}
