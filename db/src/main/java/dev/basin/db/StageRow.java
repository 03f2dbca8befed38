package dev.basin.db;

import java.time.Instant;
import java.util.Objects;
import java.util.List;

/**
 * One stage of a study as the {@code stage} table records it. Times are set by the database and
 * may be null; {@code inputKey} is null until the stage's inputs exist.
 *
 * @param stage   verb and subject, e.g. {@code train/member-003}, {@code evaluate/member-003}, {@code ensembles/deep}
 * @param state   one of {@link #STATES}
 * @param attempt Temporal's attempt number of the activity that last wrote the row (0: planned only)
 */
public record StageRow(String study, String stage, String inputKey, String state, int attempt, Instant startedAt,
                       Instant finishedAt, Instant updatedAt) {

    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String REUSED = "reused";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    /** Every state, in the order {@code basin status} counts them. */
    public static final List<String> STATES = List.of(DONE, REUSED, RUNNING, PENDING, FAILED, CANCELLED);

    public StageRow {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(stage, "stage");
        checkState(state);
    }

    /** A planned stage, before any worker has touched it. */
    public static StageRow pending(String study, String stage, String inputKey) {
        return new StageRow(study, stage, inputKey, PENDING, 0, null, null, null);
    }

    static void checkState(String state) {
        if (!STATES.contains(state)) {
            throw new IllegalArgumentException("unknown stage state '" + state + "', expected one of " + STATES);
        }
    }
}
