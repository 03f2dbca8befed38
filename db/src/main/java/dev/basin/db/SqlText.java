package dev.basin.db;

/**
 * Tells a text with no statement at all (blanks and comments only) from one with a statement, for a clear
 * message. It never decides where a statement ends: that is the JDBC driver's and the server's call
 * ({@link SqlQuery}). Misjudging a blank text as non-blank only lets the server answer it as empty.
 */
final class SqlText {

    private SqlText() {
    }

    /** True if {@code text} holds only whitespace, {@code ;}, {@code --} comments and (nested) block comments. */
    static boolean blank(String text) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char ch = text.charAt(i);
            if (Character.isWhitespace(ch) || ch == ';') {
                i++;
            } else if (ch == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
                int eol = text.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (ch == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                i = skipBlockComment(text, i);
            } else {
                return false;
            }
        }
        return true;
    }

    /** Block comments nest in PostgreSQL; an unterminated one runs to the end. */
    private static int skipBlockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }
}
