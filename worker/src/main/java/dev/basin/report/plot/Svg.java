package dev.basin.report.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Writes SVG markup: elements with escaped attributes and text, numbers in one fixed, locale-free form
 * (up to 6 significant digits, '.' as decimal point, no exponent), so that tests and browsers parse them back.
 */
final class Svg {
    static final String FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
    private static final MathContext SIX = new MathContext(6, RoundingMode.HALF_EVEN);

    private final StringBuilder out = new StringBuilder(4096);

    /** A data value: up to 6 significant digits; NaN and infinities spelled as Java does. */
    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
        if (v == 0) return "0";
        double a = Math.abs(v);
        int decimals = 5 - (int) Math.floor(Math.log10(a));
        // Fast path (figures hold tens of thousands of numbers): scale to a 6-digit integer and place the point.
        if (decimals >= 0 && decimals <= 12) {
            long m = Math.round(a * POW10[decimals]);
            if (m >= 1_000_000 && decimals > 0) m = Math.round(a * POW10[--decimals]);
            return fixed(v < 0 ? -m : m, decimals);
        }
        String s = new BigDecimal(v).round(SIX).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** A pixel coordinate: two decimals are far below what a screen shows. */
    static String px(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return "0";
        return fixed(Math.round(v * 100), 2);
    }

    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12};

    /** {@code m / 10^decimals} written out, trailing zeros (and a bare point) dropped. */
    private static String fixed(long m, int decimals) {
        if (m == 0) return "0";
        StringBuilder b = new StringBuilder(Long.toString(Math.abs(m)));
        while (b.length() <= decimals) b.insert(0, '0');
        if (decimals > 0) {
            b.insert(b.length() - decimals, '.');
            int end = b.length();
            while (b.charAt(end - 1) == '0') end--;
            if (b.charAt(end - 1) == '.') end--;
            b.setLength(end);
        }
        if (m < 0) b.insert(0, '-');
        return b.toString();
    }

    /** Space-separated data values, for {@code data-xs} and the like. */
    static String nums(double[] vs, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) b.append(' ');
            b.append(num(vs[i]));
        }
        return b.toString();
    }

    static String escape(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    // XML 1.0 forbids most control characters even when escaped.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') b.append(c);
                }
            }
        }
        return b.toString();
    }

    /** {@code <tag k="v" ...>}; attrs alternate name and value; a null value leaves the attribute out. */
    Svg open(String tag, String... attrs) {
        start(tag, attrs);
        out.append(">");
        return this;
    }

    Svg close(String tag) {
        out.append("</").append(tag).append(">\n");
        return this;
    }

    /** {@code <tag k="v" .../>} */
    Svg empty(String tag, String... attrs) {
        start(tag, attrs);
        out.append("/>\n");
        return this;
    }

    /** {@code <tag ...>text</tag>}, the text escaped. */
    Svg text(String tag, String text, String... attrs) {
        start(tag, attrs);
        out.append(">").append(escape(text)).append("</").append(tag).append(">\n");
        return this;
    }

    Svg raw(String markup) {
        out.append(markup);
        return this;
    }

    private void start(String tag, String... attrs) {
        out.append('<').append(tag);
        for (int i = 0; i + 1 < attrs.length; i += 2) {
            if (attrs[i + 1] == null) continue;
            out.append(' ').append(attrs[i]).append("=\"").append(escape(attrs[i + 1])).append('"');
        }
    }

    int length() { return out.length(); }

    @Override
    public String toString() { return out.toString(); }

    /** Estimated width of a text in pixels; no font metrics in a headless JVM, so an average glyph width. */
    static double textWidth(String s, double fontSize) {
        return s == null ? 0 : s.length() * fontSize * 0.58;
    }

    /**
     * An id for use inside one SVG (clip paths) that stays unique when many figures are inlined into one HTML page:
     * derived from the figure's content, so still deterministic.
     */
    static String id(String prefix, String content) {
        return prefix + "-" + Integer.toHexString(content.hashCode());
    }
}
