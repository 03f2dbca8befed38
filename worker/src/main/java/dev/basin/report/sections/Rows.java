package dev.basin.report.sections;

import dev.basin.db.QueryResult;
import dev.basin.report.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of one query, read by column name: what every section draws from. Values stay PostgreSQL's text until
 * a section asks for numbers, so the figure's CSV is exactly what {@code basin sql} prints.
 */
public record Rows(List<String> columns, List<List<String>> rows) {

    public Rows {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public static Rows of(QueryResult result) {
        return new Rows(result.columns(), result.rows());
    }

    public int size() {
        return rows.size();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Index of {@code column}; fails naming the columns there are, since a view and its section disagree. */
    public int index(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalStateException("no column " + column + " in " + columns);
        }
        return i;
    }

    public String text(int row, String column) {
        return rows.get(row).get(index(column));
    }

    /** The value as a double; SQL NULL, NaN and PostgreSQL's {@code NaN}/{@code Infinity} become NaN/±∞. */
    public double number(int row, String column) {
        String v = text(row, column);
        if (v == null) {
            return Double.NaN;
        }
        return switch (v) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(v);
        };
    }

    public double[] numbers(String column) {
        double[] out = new double[rows.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = number(r, column);
        }
        return out;
    }

    public String[] texts(String column) {
        int i = index(column);
        return rows.stream().map(r -> r.get(i)).toArray(String[]::new);
    }

    /** The rows split by the value of {@code column}, groups in order of first appearance. */
    public Map<String, Rows> groupBy(String column) {
        int i = index(column);
        Map<String, List<List<String>>> groups = new LinkedHashMap<>();
        for (List<String> r : rows) {
            groups.computeIfAbsent(String.valueOf(r.get(i)), k -> new ArrayList<>()).add(r);
        }
        Map<String, Rows> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, new Rows(columns, v)));
        return out;
    }

    /** The rows as a figure's table, named after the figure. */
    public Table table(String name) {
        return new Table(name, columns, rows);
    }
}
