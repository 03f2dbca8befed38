package dev.basin.db;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One study. {@code createdAt}, {@code startedAt} and {@code finishedAt} are filled in by the
 * database; they may be null in a row about to be written. {@code runKey} is the run key of the study's latest
 * submission, its <i>current run</i>: the views show that run's rows only (their {@code _all} twins show every
 * run's). It is null for a study that has none recorded.
 */
public record StudyRow(String name, String spec, String specHash, long seed, String status, String codeVersion,
                       int threads, Instant createdAt, Instant startedAt, Instant finishedAt, String runKey) {

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

    /** A study that is starting now, without a run key. */
    public static StudyRow running(String name, String spec, String specHash, long seed, String codeVersion, int threads) {
        return running(name, spec, specHash, seed, codeVersion, threads, null);
    }

    /** A study that is starting now under run key {@code runKey}, which becomes its current run. */
    public static StudyRow running(String name, String spec, String specHash, long seed, String codeVersion, int threads,
                                   String runKey) {
        return new StudyRow(name, spec, specHash, seed, "running", codeVersion, threads, null, null, null, runKey);
    }

    static void checkStatus(String status) {
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("unknown study status '" + status + "', expected one of " + STATUSES);
        }
    }
}
