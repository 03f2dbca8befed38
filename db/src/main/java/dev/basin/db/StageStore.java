package dev.basin.db;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code stage} and {@code damaged_artifact} tables: what each stage of a study is doing or did, and
 * which artifacts were found damaged (bytes no longer matching their SHA-256) and discarded.
 */
public final class StageStore {
    /** A damaged prediction file: its row goes, the model stays (its predictions are computed again). */
    private static final String DISCARD_PREDICTION = """
            delete from prediction where artifact_key = ?
               and model_id in (select id from model where study = ? and run_key = ?)
            """;
    /** A damaged checkpoint or final weights: the model row goes, with its predictions and metrics. */
    private static final String DISCARD_MODEL = "delete from model where artifact_key = ? and study = ? and run_key = ?";


    private final Database db;

    public StageStore(Database db) {
        this.db = db;
    }

    /**
     * Replaces a study's plan in one transaction: every planned stage becomes {@code pending} with its input
     * key, its place in the graph and its inputs, attempt 0 and no times; stages of an earlier plan that this
     * one no longer has are deleted.
     */
    public void plan(String study, List<PlannedStageRow> planned) {
        Jdbc.inTransaction(db, c -> {
            String[] names = planned.stream().map(PlannedStageRow::stage).toArray(String[]::new);
            try (PreparedStatement ps = c.prepareStatement("delete from stage where study = ? and stage <> all (?)")) {
                ps.setString(1, study);
                ps.setArray(2, c.createArrayOf("text", names));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into stage (study, stage, input_key, state, attempt, started_at, finished_at, updated_at,
                                       position, activity, subject, parents, inputs)
                    values (?, ?, ?, 'pending', 0, null, null, now(), ?, ?, ?, ?, jsonb_object(?, ?))
                    on conflict (study, stage) do update set input_key = excluded.input_key, state = 'pending',
                        attempt = 0, started_at = null, finished_at = null, updated_at = now(),
                        position = excluded.position, activity = excluded.activity, subject = excluded.subject,
                        parents = excluded.parents, inputs = excluded.inputs
                    """)) {
                for (PlannedStageRow s : planned) {
                    ps.setString(1, study);
                    ps.setString(2, s.stage());
                    ps.setString(3, s.inputKey());
                    ps.setInt(4, s.position());
                    ps.setString(5, s.activity());
                    ps.setString(6, s.subject());
                    ps.setArray(7, c.createArrayOf("text", s.parents().toArray()));
                    ps.setArray(8, c.createArrayOf("text", s.inputs().keySet().toArray()));
                    ps.setArray(9, c.createArrayOf("text", s.inputs().values().toArray()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** A study's recorded stage graph, in plan order; empty for a study planned before the graph was recorded. */
    public List<PlannedStageRow> graph(String study) {
        return Jdbc.query(db, """
                        select stage, position, input_key, activity, subject, parents,
                               coalesce((select array_agg(key order by key) from jsonb_each_text(inputs)), '{}')
                                   as input_names,
                               coalesce((select array_agg(value order by key) from jsonb_each_text(inputs)), '{}')
                                   as input_values
                          from stage where study = ? and position is not null order by position""",
                Jdbc.byName(GraphRow.class), study).stream().map(GraphRow::planned).toList();
    }

    /** A row of {@link #graph}: the inputs as two arrays, names and values in name order. */
    private record GraphRow(String stage, int position, String inputKey, String activity, String subject,
                            List<String> parents, List<String> inputNames, List<String> inputValues) {
        PlannedStageRow planned() {
            SortedMap<String, String> inputs = new TreeMap<>();
            for (int i = 0; i < inputNames.size(); i++) {
                inputs.put(inputNames.get(i), inputValues.get(i));
            }
            return new PlannedStageRow(stage, position, inputKey, activity, subject, parents, inputs);
        }
    }

    /**
     * Records that attempt {@code attempt} of a stage moved to {@code state}, creating the row if no plan
     * made it. {@code running} stamps {@code started_at} and clears {@code finished_at}; every other state
     * stamps {@code finished_at} ({@code reused} stamps both: checking took that long).
     *
     * <p>A write from an older attempt than the row's is ignored: a zombie attempt that learns late that
     * it was replaced must not overwrite its successor's state.
     */
    public void mark(String study, String stage, String inputKey, StageState state, int attempt) {
        java.util.Objects.requireNonNull(state, "state");
        Jdbc.inTransaction(db, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into stage as s (study, stage, input_key, state, attempt, started_at, finished_at, updated_at)
                    values (?, ?, ?, ?, ?, now(), case when ? then null else now() end, now())
                    on conflict (study, stage) do update set input_key = coalesce(excluded.input_key, s.input_key),
                        state = excluded.state, attempt = excluded.attempt,
                        started_at = case when excluded.state in ('running', 'reused') then now()
                                          else coalesce(s.started_at, now()) end,
                        finished_at = excluded.finished_at, updated_at = now()
                    where s.attempt <= excluded.attempt
                    """)) {
                ps.setString(1, study);
                ps.setString(2, stage);
                ps.setString(3, inputKey);
                ps.setString(4, state.text());
                ps.setInt(5, attempt);
                ps.setBoolean(6, state == StageState.RUNNING);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Moves every stage of a study still marked running to {@code state} (the study ended without them). */
    public int closeRunning(String study, StageState state) {
        java.util.Objects.requireNonNull(state, "state");
        return Jdbc.inTransaction(db, c -> {
            try (PreparedStatement ps = c.prepareStatement("update stage set state = ?, finished_at = now(),"
                    + " updated_at = now() where study = ? and state = 'running'")) {
                ps.setString(1, state.text());
                ps.setString(2, study);
                return ps.executeUpdate();
            }
        });
    }

    /** A study's stages in plan order (parents first). */
    public List<StageRow> stages(String study) {
        return Jdbc.query(db, "select study, stage, input_key, state, attempt, started_at, finished_at, updated_at"
                        + " from stage where study = ?"
                        + " order by position nulls last, case split_part(stage, '/', 1) when 'train' then 0"
                        + " when 'evaluate' then 1 else 2 end, stage",
                Jdbc.byName(StageRow.class), study);
    }

    /**
     * Records a damaged artifact and, in the same transaction, deletes every row that names it, so that
     * it is never chosen again: model rows of the run (their predictions and metrics go with them) or
     * prediction rows. Returns how many rows were deleted.
     */
    public int reportDamage(DamagedArtifactRow row) {
        return Jdbc.inTransaction(db, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into damaged_artifact (study, run_key, kind, member, artifact_key, recorded_sha256, actual_sha256, action)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    """)) {
                ps.setString(1, row.study());
                ps.setString(2, row.runKey());
                ps.setString(3, row.kind());
                if (row.member() == null) {
                    ps.setNull(4, Types.INTEGER);
                } else {
                    ps.setInt(4, row.member());
                }
                ps.setString(5, row.artifactKey());
                ps.setString(6, row.recordedSha256());
                ps.setString(7, row.actualSha256());
                ps.setString(8, row.action());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = "prediction".equals(row.kind())
                    ? c.prepareStatement(DISCARD_PREDICTION) : c.prepareStatement(DISCARD_MODEL)) {
                ps.setString(1, row.artifactKey());
                ps.setString(2, row.study());
                ps.setString(3, row.runKey());
                return ps.executeUpdate();
            }
        });
    }

    /** Every damaged artifact found in a study, oldest first. */
    public List<DamagedArtifactRow> damagedArtifacts(String study) {
        return Jdbc.query(db, "select id, study, run_key, kind, member, artifact_key, recorded_sha256, actual_sha256,"
                        + " action, detected_at from damaged_artifact where study = ? order by id",
                Jdbc.byName(DamagedArtifactRow.class), study);
    }
}
