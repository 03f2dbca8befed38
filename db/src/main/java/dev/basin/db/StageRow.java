package dev.basin.db;

import java.time.Instant;
import java.util.Objects;

/**
 * One stage of a study as the {@code stage} table records it. Times are set by the database and
 * may be null; {@code inputKey} is null until the stage's inputs exist.
 *
 * @param stage   verb and subject, e.g. {@code train/member-003}, {@code evaluate/member-003}, {@code ensembles/deep}
 * @param state   where it stands
 * @param attempt Temporal's attempt number of the activity that last wrote the row (0: planned only)
 */
public record StageRow(String study, String stage, String inputKey, StageState state, int attempt, Instant startedAt,
                       Instant finishedAt, Instant updatedAt) {

    public StageRow {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(state, "state");
    }

    /** A planned stage, before any worker has touched it. */
    public static StageRow pending(String study, String stage, String inputKey) {
        return new StageRow(study, stage, inputKey, StageState.PENDING, 0, null, null, null);
    }
}
