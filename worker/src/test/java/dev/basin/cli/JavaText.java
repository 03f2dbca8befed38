package dev.basin.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Just enough Java lexing for {@link SqlParameterisationTest}: comments, string literals, text
 * blocks and char literals are recognised, so that parentheses, commas and semicolons inside them
 * do not count.
 */
final class JavaText {
    private JavaText() {}

    /** {@code source} with every comment replaced by spaces (line breaks kept, so line numbers hold). */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("//", i)) {
                while (i < source.length() && source.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                for (; i < end; i++) {
                    out.append(source.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else {
                int end = literalEnd(source, i);
                out.append(source, i, end);
                i = end;
            }
        }
        return out.toString();
    }

    /** {@code expression} with every string, text block and char literal removed. */
    static String withoutStrings(String expression) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < expression.length()) {
            int end = literalEnd(expression, i);
            if (end == i + 1) {
                out.append(expression.charAt(i));
            }
            i = end;
        }
        return out.toString();
    }

    /** Where a string or text-block literal of {@code text} starts and ends (exclusive). */
    record Span(int start, int end) {}

    /** The string and text-block literals of {@code text}, in order (char literals are skipped). */
    static List<Span> literals(String text) {
        List<Span> found = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int end = literalEnd(text, i);
            if (end > i + 1 && text.charAt(i) == '"') {
                found.add(new Span(i, end));
            }
            i = end;
        }
        return found;
    }

    /** The index of the {@code ;} that ends the statement running from {@code from} (or the text's end). */
    static int statementEnd(String source, int from) {
        int depth = 0;
        int i = from;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            } else if (c == ';' && depth <= 0) {
                return i;
            }
            i = literalEnd(source, i);
        }
        return source.length();
    }

    /** The top-level arguments of the call whose opening parenthesis is just before {@code from}. */
    static List<String> arguments(String source, int from) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        int start = from;
        int i = from;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if ((c == ')' || c == '}' || c == ']') && depth > 0) {
                depth--;
            } else if (c == ')') {
                String last = source.substring(start, i);
                if (!last.isBlank() || !args.isEmpty()) {
                    args.add(last);
                }
                return args;
            } else if (c == ',' && depth == 0) {
                args.add(source.substring(start, i));
                start = i + 1;
            }
            i = literalEnd(source, i);
        }
        return args;
    }

    /** Where the token at {@code i} ends: past a whole literal if one starts there, else {@code i + 1}. */
    private static int literalEnd(String s, int i) {
        char c = s.charAt(i);
        if (c == '"' && s.startsWith("\"\"\"", i)) {
            int end = s.indexOf("\"\"\"", i + 3);
            while (end > 0 && s.charAt(end - 1) == '\\') {
                end = s.indexOf("\"\"\"", end + 1);
            }
            return end < 0 ? s.length() : end + 3;
        }
        if (c == '"' || c == '\'') {
            int j = i + 1;
            while (j < s.length() && s.charAt(j) != c) {
                j += s.charAt(j) == '\\' ? 2 : 1;
            }
            return Math.min(j + 1, s.length());
        }
        return i + 1;
    }
}
