package dev.basin.db;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Renders a {@link QueryResult} for a terminal ({@link #aligned}) or for other tools ({@link #csv}). */
public final class TableFormat {

    private static final Pattern NUMBER =
            Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?|[-+]?Infinity|NaN");

    private TableFormat() {
    }

    /**
     * psql's aligned format: a centred header, {@code -+-} rule, one line per row, and a
     * {@code (N rows)} footer. NULL prints as nothing. A column whose non-null values are all
     * numbers is right-aligned; the result carries no types, so this is decided from the values.
     * Trailing blanks are trimmed from every line; lines end with {@code \n}.
     */
    public static String aligned(QueryResult result) {
        List<String> columns = result.columns();
        if (columns.isEmpty()) {
            return "";
        }
        int n = columns.size();
        int[] width = new int[n];
        boolean[] numeric = new boolean[n];
        for (int i = 0; i < n; i++) {
            width[i] = length(columns.get(i));
            boolean anyValue = false;
            boolean allNumbers = true;
            for (List<String> row : result.rows()) {
                String v = row.get(i);
                width[i] = Math.max(width[i], length(v));
                if (v != null) {
                    anyValue = true;
                    allNumbers &= NUMBER.matcher(v).matches();
                }
            }
            numeric[i] = anyValue && allNumbers;
        }
        StringBuilder out = new StringBuilder();
        List<String> cells = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = columns.get(i);
            int left = (width[i] - length(name)) / 2;
            cells.add(" ".repeat(left) + name + " ".repeat(width[i] - length(name) - left));
        }
        line(out, cells);
        cells.clear();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++) {
            rule.append(i == 0 ? "" : "+").append("-".repeat(width[i] + 2));
        }
        out.append(rule).append('\n');
        for (List<String> row : result.rows()) {
            for (int i = 0; i < n; i++) {
                String v = row.get(i) == null ? "" : row.get(i);
                String pad = " ".repeat(width[i] - length(v));
                cells.add(numeric[i] ? pad + v : v + pad);
            }
            line(out, cells);
            cells.clear();
        }
        int count = result.rows().size();
        out.append('(').append(count).append(count == 1 ? " row)" : " rows)").append('\n');
        return out.toString();
    }

    /**
     * RFC 4180 CSV with a header line and CRLF line ends. A field is quoted when it holds a comma,
     * a double quote (doubled inside) or a line break; an empty string is written {@code ""} so
     * that it differs from NULL, which is written as nothing (as PostgreSQL's COPY does).
     */
    public static String csv(QueryResult result) {
        if (result.columns().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        csvLine(out, result.columns());
        for (List<String> row : result.rows()) {
            csvLine(out, row);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(i == 0 ? " " : " | ").append(cells.get(i));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static void csvLine(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String f = fields.get(i);
            if (f == null) {
                continue;
            }
            if (f.isEmpty() || f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                out.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                out.append(f);
            }
        }
        out.append("\r\n");
    }

    private static int length(String s) {
        return s == null ? 0 : s.codePointCount(0, s.length());
    }
}
