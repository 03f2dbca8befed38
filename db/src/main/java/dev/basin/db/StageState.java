package dev.basin.db;

import java.util.List;

/**
 * What a stage is doing or did, as the {@code stage} table's {@code state} column holds it (its {@link #text()}).
 * {@link #toString()} is the same lower-case text, so printed tables and messages read as the column does.
 */
public enum StageState {
    PENDING("pending"),
    RUNNING("running"),
    DONE("done"),
    REUSED("reused"),
    FAILED("failed"),
    CANCELLED("cancelled");

    /** Every state, in the order {@code basin status} counts them. */
    public static final List<StageState> COUNTED = List.of(DONE, REUSED, RUNNING, PENDING, FAILED, CANCELLED);

    private final String text;

    StageState(String text) {
        this.text = text;
    }

    /** The text stored in PostgreSQL, e.g. {@code running}. */
    public String text() {
        return text;
    }

    /** Whether the stage's results exist: {@code done} or {@code reused}. */
    public boolean finished() {
        return this == DONE || this == REUSED;
    }

    /**
     * The state stored as {@code text}.
     *
     * @throws IllegalArgumentException for any other text
     */
    public static StageState fromText(String text) {
        for (StageState s : values()) {
            if (s.text.equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown stage state '" + text + "', expected one of " + COUNTED);
    }

    @Override
    public String toString() {
        return text;
    }
}
