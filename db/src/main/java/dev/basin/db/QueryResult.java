package dev.basin.db;

import java.util.List;

/**
 * The result of one {@code basin sql} query: column names and rows of values as PostgreSQL's text
 * output gives them. A SQL NULL is a Java {@code null} inside a row (so a row list may hold nulls).
 *
 * @param leftOut rows the query returned beyond those kept
 * @param leftOutExact false when counting the rows left out was stopped at the time limit, so that
 *     {@code leftOut} is a lower bound
 */
public record QueryResult(List<String> columns, List<List<String>> rows, long leftOut, boolean leftOutExact) {
    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        if (leftOut < 0) {
            throw new IllegalArgumentException("leftOut must be 0 or more, got " + leftOut);
        }
    }

    /** Every row kept. */
    public QueryResult(List<String> columns, List<List<String>> rows) {
        this(columns, rows, 0, true);
    }
}
