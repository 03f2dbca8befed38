package dev.basin.db;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The latest training progress of one member. {@code loss} and {@code imagesPerSec} are NaN when
 * not yet known (stored as NULL); {@code resumedFromEpoch} is null unless the run resumed from a
 * checkpoint; {@code updatedAt} is set by the database.
 *
 * @param state {@code training}, {@code done} or {@code resumed}
 */
public record ProgressRow(String study, int member, int epoch, int epochs, long step, long stepsPerEpoch,
                          @NullAsNaN double loss, @NullAsNaN double imagesPerSec, String state, Integer resumedFromEpoch,
                          Instant updatedAt) {

    public static final Set<String> STATES = Set.of("training", "done", "resumed");

    public ProgressRow {
        Objects.requireNonNull(study, "study");
        if (!STATES.contains(state)) {
            throw new IllegalArgumentException("unknown progress state '" + state + "', expected one of " + STATES);
        }
    }

    /** A row about to be written (no {@code updatedAt}). */
    public static ProgressRow of(String study, int member, int epoch, int epochs, long step, long stepsPerEpoch,
                                 @NullAsNaN double loss, @NullAsNaN double imagesPerSec, String state, Integer resumedFromEpoch) {
        return new ProgressRow(study, member, epoch, epochs, step, stepsPerEpoch, loss, imagesPerSec, state,
                resumedFromEpoch, null);
    }
}
