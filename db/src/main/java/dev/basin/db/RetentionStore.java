package dev.basin.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code basin gc} reads and deletes in PostgreSQL. Rows that name a deleted object are deleted with it, in one
 * transaction and before the object, so that no row is ever left naming a missing object: a stage that needed it
 * finds no row and computes its result again, and an object whose row is gone but which outlived a failed delete
 * is found by the next {@code gc} as unrecorded.
 */
public final class RetentionStore {
    private static final String PLANNED_RUNS = """
            select distinct inputs ->> 'run' as run from stage
             where study = ? and inputs ->> 'run' is not null order by 1""";

    /** Every object key a row of the study names. */
    private static final String NAMED_KEYS = """
            select artifact_key from model where study = ?
            union select p.artifact_key from prediction p join model m on m.id = p.model_id where m.study = ?
            union select artifact_key from swag_moments where study = ?
            union select artifact_key from teacher where study = ?
            union select artifact_key from stage_checkpoint where study = ?""";

    /** Every table of Basin's schema with a column that names an object. */
    private static final String OBJECT_TABLES = """
            select distinct table_name from information_schema.columns
             where table_schema = current_schema() and column_name like '%artifact%'
               and table_name in (select table_name from information_schema.tables
                                   where table_schema = current_schema() and table_type = 'BASE TABLE')
             order by 1""";

    /**
     * The tables whose rows name objects that {@link #NAMED_KEYS} and {@link #collect} know, plus
     * {@code damaged_artifact}, whose objects no row reads any more (the rows that named them were deleted).
     */
    public static final Set<String> KNOWN_OBJECT_TABLES = Set.of("model", "prediction", "swag_moments", "teacher",
            "stage_checkpoint", "damaged_artifact");

    private static final String CHECKPOINT_CANDIDATES = """
            select m.id, m.run_key, m.member, m.epoch, m.step, m.artifact_key, m.bytes, f.step as final_step
              from model m
              join lateral (select step, artifact_key from model f
                             where f.study = m.study and f.run_key = m.run_key and f.member = m.member
                               and f.kind = 'final' and f.variant = ''
                             order by f.epoch desc, f.step desc limit 1) f on true
             where m.study = ? and m.kind = 'checkpoint' and m.run_key = any(?)
               and not exists (select 1 from model o where o.study = m.study and o.artifact_key = m.artifact_key
                                                       and o.id <> m.id)
               and not exists (select 1 from metric x where x.model_id = m.id)
               and not exists (select 1 from prediction x where x.model_id = m.id)
               and not exists (select 1 from similarity x where x.model_a = m.id or x.model_b = m.id)
               and not exists (select 1 from tsne_point x where x.model_id = m.id)
               and not exists (select 1 from subspace_sample x where x.model_id = m.id or x.baseline_id = m.id)
               and not exists (select 1 from plane_projection x where x.model_id = m.id)
               and not exists (select 1 from swag_moments x where x.swa_model_id = m.id)
               and not exists (select 1 from barrier x where x.model_a = m.id or x.model_b = m.id)
               and not exists (select 1 from ensemble_member x where x.model_id = m.id)
               and not exists (select 1 from curve x where x.bend_id = m.id)
               and not exists (select 1 from resume x where x.from_model_id = m.id)
             order by m.run_key, m.member, m.step""";

    private static final String FINISHED_STAGE_STATES = """
            select c.study, c.stage, c.input_key, c.epoch, c.step, c.artifact_key, c.sha256, c.bytes
              from stage_checkpoint c join stage s on s.study = c.study and s.stage = c.stage
             where c.study = ? and s.state in ('done', 'reused')
             order by c.stage, c.input_key, c.step""";

    private static final String LOCK_STUDY = "select name from study where name = ? for update";
    private static final String DELETE_SUPERSEDED_MODELS = "delete from model where study = ? and run_key <> all(?)";
    private static final String DELETE_SUPERSEDED_SWAG = "delete from swag_moments where study = ? and run_key <> all(?)";
    private static final String DELETE_SUPERSEDED_TEACHERS = "delete from teacher where study = ? and run_key <> all(?)";
    // The rest of a superseded run names no object, but would outlive the models it describes.
    private static final String DELETE_SUPERSEDED_ENSEMBLES = "delete from ensemble where study = ? and run_key <> all(?)";
    private static final String DELETE_SUPERSEDED_CURVES = "delete from curve where study = ? and run_key <> all(?)";
    private static final String DELETE_SUPERSEDED_BUDGETS =
            "delete from budget_ensemble where study = ? and run_key <> all(?)";
    private static final String DELETE_SUPERSEDED_ALIGNMENTS = "delete from alignment where study = ? and run_key <> all(?)";
    private static final String DELETE_SUPERSEDED_BARRIERS = "delete from barrier where study = ? and run_key <> all(?)";
    private static final String DELETE_SUPERSEDED_POSITIONS =
            "delete from ensemble_member where study = ? and run_key <> all(?)";
    // A stage state's run is the third part of its key: studies/<study>/<runKey>/stages/...
    private static final String DELETE_SUPERSEDED_STATES =
            "delete from stage_checkpoint where study = ? and split_part(artifact_key, '/', 3) <> all(?)";
    private static final String DELETE_CHECKPOINTS =
            "delete from model where study = ? and kind = 'checkpoint' and id = any(?::bigint[])";
    private static final String DELETE_STATES = "delete from stage_checkpoint where study = ? and artifact_key = any(?)";

    private final Database db;

    public RetentionStore(Database db) {
        this.db = db;
    }

    /** The run keys the study's recorded plan names (one, unless the plan predates the stage graph: none). */
    public List<String> plannedRunKeys(String study) {
        return Jdbc.query(db, PLANNED_RUNS, (rs, ctx) -> rs.getString("run"), study);
    }

    /**
     * The tables that name objects but are not in {@link #KNOWN_OBJECT_TABLES}: gc cannot tell whether it would
     * leave their rows naming a deleted object, so it must not run while there is one.
     */
    public List<String> unknownObjectTables() {
        return objectTables().stream().filter(t -> !KNOWN_OBJECT_TABLES.contains(t)).toList();
    }

    /** Every table with a column that names an object, by name. */
    List<String> objectTables() {
        return Jdbc.query(db, OBJECT_TABLES, (rs, ctx) -> rs.getString("table_name"));
    }

    /** Every object key that some row of the study names. */
    public Set<String> namedKeys(String study) {
        return new TreeSet<>(Jdbc.query(db, NAMED_KEYS, (rs, ctx) -> rs.getString("artifact_key"), study, study, study,
                study, study));
    }

    /** The checkpoints of those runs that no row uses and whose member is trained; see {@link CheckpointCandidate}. */
    public List<CheckpointCandidate> checkpointCandidates(String study, Collection<String> runKeys) {
        return Jdbc.query(db, CHECKPOINT_CANDIDATES, Jdbc.byName(CheckpointCandidate.class), study, List.copyOf(runKeys));
    }

    /** The saved states of the study's stages that are done or reused: no attempt will resume from them. */
    public List<StageCheckpointRow> finishedStageStates(String study) {
        return Jdbc.query(db, FINISHED_STAGE_STATES, Jdbc.byName(StageCheckpointRow.class), study);
    }

    /** How many rows {@link #collect} deleted, by what they were. */
    public record Collected(int supersededRows, int checkpointRows, int stateRows, Set<String> namedKeys) {}

    /**
     * In one transaction, with the study's row locked (a submission's first write waits for it): deletes the runs not
     * in {@code keptRuns} whole (models, with their predictions, metrics and the rows that use them; SWAG moments;
     * teachers; stage states; ensembles, curves, budget rows, alignments, barriers; a damaged artifact's record
     * stays, as history), the checkpoint rows {@code checkpointIds} and the stage
     * states {@code stateKeys}; returns the object keys still named afterwards, which must not be deleted.
     *
     * @throws DbException when the study does not exist
     */
    public Collected collect(String study, Collection<String> keptRuns, Collection<Long> checkpointIds,
                             Collection<String> stateKeys) {
        List<String> runs = List.copyOf(keptRuns);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no run of study '" + study + "' to keep: refusing to delete them all");
        }
        List<String> ids = checkpointIds.stream().map(String::valueOf).toList();
        Collected out = Jdbc.inTransaction(db, c -> {
            try (PreparedStatement ps = c.prepareStatement(LOCK_STUDY)) {
                ps.setString(1, study);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new DbException("no study named '" + study + "'");
                    }
                }
            }
            int superseded = delete(c, c.prepareStatement(DELETE_SUPERSEDED_MODELS), study, runs)
                    + delete(c, c.prepareStatement(DELETE_SUPERSEDED_SWAG), study, runs)
                    + delete(c, c.prepareStatement(DELETE_SUPERSEDED_TEACHERS), study, runs)
                    + delete(c, c.prepareStatement(DELETE_SUPERSEDED_STATES), study, runs)
                    + delete(c, c.prepareStatement(DELETE_SUPERSEDED_ENSEMBLES), study, runs)
                    + delete(c, c.prepareStatement(DELETE_SUPERSEDED_CURVES), study, runs)
                    + delete(c, c.prepareStatement(DELETE_SUPERSEDED_BUDGETS), study, runs)
                    + delete(c, c.prepareStatement(DELETE_SUPERSEDED_ALIGNMENTS), study, runs)
                    + delete(c, c.prepareStatement(DELETE_SUPERSEDED_BARRIERS), study, runs)
                    + delete(c, c.prepareStatement(DELETE_SUPERSEDED_POSITIONS), study, runs);
            int checkpoints = delete(c, c.prepareStatement(DELETE_CHECKPOINTS), study, ids);
            int states = delete(c, c.prepareStatement(DELETE_STATES), study, List.copyOf(stateKeys));
            return new Collected(superseded, checkpoints, states, Set.of());
        });
        return new Collected(out.supersededRows(), out.checkpointRows(), out.stateRows(), namedKeys(study));
    }

    /** Runs and closes {@code ps}: a delete with the study and a text array as its parameters. */
    private static int delete(Connection c, PreparedStatement ps, String study, List<String> values) throws SQLException {
        try (ps) {
            ps.setString(1, study);
            ps.setArray(2, c.createArrayOf("text", values.toArray()));
            return ps.executeUpdate();
        }
    }
}
