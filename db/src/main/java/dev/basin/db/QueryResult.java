package dev.basin.db;

import java.util.List;

/**
 * The result of one {@code basin sql} query: column names and rows of values as PostgreSQL's text
 * output gives them. A SQL NULL is a Java {@code null} inside a row (so a row list may hold nulls).
 */
public record QueryResult(List<String> columns, List<List<String>> rows) {
    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
