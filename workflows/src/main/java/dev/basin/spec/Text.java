package dev.basin.spec;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/** Small pure text helpers shared by the parser, validator and printer. */
final class Text {

    private Text() {}

    private static final int MAX_SHOWN = 40;

    /** {@code "value"} for messages: escaped, and cut to 40 characters. */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        String cut = s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "..." : s;
        StringBuilder sb = new StringBuilder(cut.length() + 2).append('"');
        appendEscaped(sb, cut);
        return sb.append('"').toString();
    }

    /** A YAML double-quoted scalar holding exactly {@code s}. */
    static String yamlQuoted(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        appendEscaped(sb, s);
        return sb.append('"').toString();
    }

    private static void appendEscaped(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    boolean surrogateOk = Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
                    if (surrogateOk) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c)
                            || c == '\u2028' || c == '\u2029' || c == '\ufeff' || c >= '\ufffe') {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }

    /** A double for messages: shortest plain decimal, {@code -1}, {@code 0.05}, {@code 0.0005}. */
    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        double a = Math.abs(d);
        if (a >= 1e-6 && a < 1e9) {
            return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        }
        return Double.toString(d);
    }

    /**
     * A double as YAML text that reads back to exactly the same double: plain decimal with a '.' in the usual
     * range ({@code 0.05}, {@code 1.0}, {@code 0.0005}), Java's {@code 1.0E-7} form outside it.
     */
    static String yamlNumber(double d) {
        if (Double.isNaN(d)) {
            return ".nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? ".inf" : "-.inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        double a = Math.abs(d);
        if (a >= 1e-6 && a < 1e9) {
            String s = new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
            return s.indexOf('.') < 0 ? s + ".0" : s;
        }
        return Double.toString(d);
    }

    /** The allowed word closest to {@code word}, or null when none is close enough to be a likely typo. */
    static String closest(String word, List<String> allowed) {
        String norm = normalise(word);
        for (String a : allowed) {
            if (normalise(a).equals(norm)) {
                return a;
            }
        }
        int limit = word.length() <= 4 ? 1 : 2;
        String best = null;
        int bestDist = Integer.MAX_VALUE;
        for (String a : allowed) {
            int d = distance(word.toLowerCase(Locale.ROOT), a.toLowerCase(Locale.ROOT));
            if (d < bestDist) {
                bestDist = d;
                best = a;
            }
        }
        return bestDist <= limit ? best : null;
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "");
    }

    /** Levenshtein distance (bounded input: keys and names are short; long inputs are cut to 64 chars). */
    static int distance(String a, String b) {
        if (a.length() > 64) {
            a = a.substring(0, 64);
        }
        if (b.length() > 64) {
            b = b.substring(0, 64);
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** UTF-8 length of {@code s} in bytes, without encoding it. */
    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** A key's path below {@code prefix}: {@code train.lr}; the key alone at the top level. */
    static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    /** {@code s} cut to 60 characters, for messages. */
    static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** The first line of a (library's) message. */
    static String firstLine(String s) {
        if (s == null) {
            return "unreadable input";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The 1-based line of the code point at {@code codePointIndex}, which is how SnakeYAML's reader counts. */
    static int lineAt(String text, int codePointIndex) {
        int line = 1;
        int i = 0;
        int cp = 0;
        while (i < text.length() && cp < codePointIndex) {
            int c = text.codePointAt(i);
            if (c == '\n') {
                line++;
            }
            i += Character.charCount(c);
            cp++;
        }
        return line;
    }
}
