package dev.basin.serve;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Escaping for values placed in HTML text, attributes and URL paths: study and stage names are data. */
final class Html {
    private Html() {}

    /** {@code s} safe inside HTML text and inside a double- or single-quoted attribute. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code s} as one percent-encoded path segment (a space becomes %20, a slash %2F). */
    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The path of a study's page. */
    static String studyPath(String study) {
        return "/study/" + segment(study);
    }
}
