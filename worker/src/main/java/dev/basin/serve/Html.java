package dev.basin.serve;

import dev.basin.report.ReportHtml;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Escaping for values placed in HTML text, attributes and URL paths: study and stage names are data. */
final class Html {
    private Html() {}

    /** {@code s} safe inside HTML text and inside a double- or single-quoted attribute. */
    static String escape(String s) {
        return ReportHtml.esc(s);
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
