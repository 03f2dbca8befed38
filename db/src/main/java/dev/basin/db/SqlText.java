package dev.basin.db;

/**
 * Finds where a PostgreSQL statement ends, skipping string literals, quoted identifiers,
 * dollar-quoted bodies and comments, so that a {@code ;} inside any of them does not count.
 */
final class SqlText {

    private SqlText() {
    }

    /**
     * Returns the one statement in {@code sql} without its trailing {@code ;}.
     *
     * @throws DbException if there is no statement, or text other than comments follows the first {@code ;}
     */
    static String singleStatement(String sql) {
        int end = endOfStatement(sql, 0);
        String statement = sql.substring(0, end);
        if (onlyCommentsAndBlanks(statement)) {
            throw new DbException("basin sql: no statement given");
        }
        int rest = end;
        while (rest < sql.length()) {
            if (sql.charAt(rest) == ';') {
                rest++;
                continue;
            }
            int next = endOfStatement(sql, rest);
            if (!onlyCommentsAndBlanks(sql.substring(rest, next))) {
                throw new DbException("basin sql runs a single statement; found more after ';'");
            }
            rest = next;
        }
        return statement;
    }

    /** Index of the first top-level {@code ;} at or after {@code from}, or the length of the text. */
    static int endOfStatement(String sql, int from) {
        int i = from;
        int n = sql.length();
        while (i < n) {
            char ch = sql.charAt(i);
            if (ch == ';') {
                return i;
            } else if (ch == '\'') {
                boolean backslashEscapes = i > 0 && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E');
                i = skipQuoted(sql, i, '\'', backslashEscapes);
            } else if (ch == '"') {
                i = skipQuoted(sql, i, '"', false);
            } else if (ch == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (ch == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else if (ch == '$') {
                i = skipDollarQuoted(sql, i);
            } else {
                i++;
            }
        }
        return n;
    }

    private static boolean onlyCommentsAndBlanks(String text) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char ch = text.charAt(i);
            if (Character.isWhitespace(ch)) {
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

    /** Skips 'text' or "ident" (a doubled quote stays inside); an unterminated one runs to the end. */
    private static int skipQuoted(String sql, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (backslashEscapes && ch == '\\') {
                i += 2;
            } else if (ch == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** Block comments nest in PostgreSQL. */
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

    /** Skips $tag$ ... $tag$; a '$' that opens no tag (e.g. a parameter $1) is one character. */
    private static int skipDollarQuoted(String sql, int start) {
        int i = start + 1;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        if (i >= sql.length() || sql.charAt(i) != '$' || (i > start + 1 && Character.isDigit(sql.charAt(start + 1)))) {
            return start + 1;
        }
        String tag = sql.substring(start, i + 1);
        int close = sql.indexOf(tag, i + 1);
        return close < 0 ? sql.length() : close + tag.length();
    }
}
