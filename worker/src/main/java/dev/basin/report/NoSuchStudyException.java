package dev.basin.report;

import java.util.List;

/** A report was asked for a study the database does not have; the command line maps it to bad input (exit 2). */
public final class NoSuchStudyException extends RuntimeException {
    private final String study;

    public NoSuchStudyException(String study, List<String> existing) {
        super("no study named '" + study + "'; " + (existing.isEmpty() ? "the database has no studies yet"
                : "the studies are: " + String.join(", ", existing)));
        this.study = study;
    }

    public String study() {
        return study;
    }
}
