package dev.basin.report;

import java.util.List;

/**
 * The rows a figure draws, exactly as its SQL query returned them: written beside the figure as
 * {@code <figure id>.csv} and offered for download by {@code basin serve}.
 *
 * @param name    file name without extension, usually the figure's id
 * @param columns column names, as the view names them
 * @param rows    the values as text ({@code null} for SQL NULL), one list per row
 */
public record Table(String name, List<String> columns, List<List<String>> rows) {
    public Table {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }
}
