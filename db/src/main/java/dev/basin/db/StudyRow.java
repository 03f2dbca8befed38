package dev.basin.db;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One study. {@code createdAt}, {@code startedAt} and {@code finishedAt} are filled in by the
 * database; they may be null in a row about to be written.
 */
public record StudyRow(String name, String spec, String specHash, long seed, String status, String codeVersion,
                       int threads, Instant createdAt, Instant startedAt, Instant finishedAt) {

    public static final Set<String> STATUSES = Set.of("running", "completed", "failed", "cancelled");
    /** Statuses after which a study no longer changes unless it is submitted again. */
    public static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled");

    public StudyRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(specHash, "specHash");
        Objects.requireNonNull(codeVersion, "codeVersion");
        checkStatus(status);
    }

    /** A study that is starting now. */
    public static StudyRow running(String name, String spec, String specHash, long seed, String codeVersion, int threads) {
        return new StudyRow(name, spec, specHash, seed, "running", codeVersion, threads, null, null, null);
    }

    static void checkStatus(String status) {
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("unknown study status '" + status + "', expected one of " + STATUSES);
        }
    }
}
