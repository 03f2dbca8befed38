package dev.basin.serve;

import dev.basin.report.Figure;
import dev.basin.report.Report;

/**
 * A study's figures as the dashboard embeds them, in the report page's markup ({@code figure.figure} with
 * {@code data-figure}, {@code data-status}, {@code data-view}, the inline SVG, the caption, the {@code basin sql}
 * query and the download links), with links that point at the dashboard's download routes.
 */
final class Figures {
    private Figures() {}

    /** The inner HTML of the page's {@code #figures} element. */
    static String html(String study, Reports.Outcome outcome) {
        if (outcome.report() == null) {
            return "<p class=\"placeholder\">" + Html.escape(outcome.problem()) + "</p>\n";
        }
        Report report = outcome.report();
        if (report.parts().isEmpty()) {
            return "<p class=\"placeholder\">This study asks for no figures.</p>\n";
        }
        StringBuilder out = new StringBuilder();
        for (Report.Part part : report.parts()) {
            out.append("<section class=\"part\"><h3>").append(Html.escape(part.title())).append("</h3>\n");
            for (Figure f : part.figures()) {
                figure(out, study, f);
            }
            out.append("</section>\n");
        }
        return out.toString();
    }

    private static void figure(StringBuilder out, String study, Figure f) {
        String base = Html.studyPath(study);
        String status = f.status().name().toLowerCase(java.util.Locale.ROOT);
        out.append("<figure class=\"figure\" id=\"fig-").append(Html.escape(f.id())).append("\" data-figure=\"")
                .append(Html.escape(f.id())).append("\" data-status=\"").append(status).append("\" data-view=\"")
                .append(Html.escape(f.view())).append("\">\n");
        if (f.status() == Figure.Status.DRAWN && f.svg() != null) {
            out.append(inline(f.svg())).append('\n');
        } else {
            out.append("<div class=\"").append(status).append("\">")
                    .append(f.status() == Figure.Status.PENDING ? "Pending" : "No rows").append("</div>\n");
        }
        out.append("<figcaption><strong>").append(Html.escape(f.title())).append("</strong> ")
                .append(Html.escape(f.caption())).append(" <span class=\"view\">View: <code>")
                .append(Html.escape(f.view())).append("</code></span></figcaption>\n");
        out.append("<pre class=\"sql\">basin sql \"").append(Html.escape(f.sql().replace("\"", "\\\""))).append("\"</pre>\n");
        if (f.svg() != null) {
            out.append("<a class=\"download\" href=\"").append(base).append("/figure/").append(Html.segment(f.id()))
                    .append(".svg\">").append(Html.escape(f.id())).append(".svg</a> ");
        }
        if (f.data() != null) {
            out.append("<a class=\"download\" href=\"").append(base).append("/table/").append(Html.segment(f.id()))
                    .append(".csv\">").append(Html.escape(f.id())).append(".csv</a>");
        }
        out.append("\n</figure>\n");
    }

    /** A standalone SVG document as an element inside HTML: without its XML declaration or doctype. */
    static String inline(String svg) {
        int start = svg.indexOf("<svg");
        return start < 0 ? "" : svg.substring(start);
    }
}
