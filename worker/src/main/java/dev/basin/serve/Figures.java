package dev.basin.serve;

import dev.basin.report.Figure;
import dev.basin.report.InlineSvg;
import dev.basin.report.Report;
import dev.basin.report.ReportHtml;

/**
 * A study's figures as the dashboard embeds them, in the report page's markup ({@code ReportHtml}: a
 * {@code figure.figure} with {@code data-figure}, {@code data-study}, {@code data-status}, {@code data-view}, the
 * inline SVG, the caption, the {@code basin sql} query and the download links), except that the links lead to the
 * dashboard's download routes, which resolve from the study page as well as from any other.
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
            return "<p class=\"placeholder\">No figures yet: the study asked for no analysis that has figures.</p>\n";
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
        String status = f.status().text();
        String anchor = "fig-" + f.id();
        out.append("<figure class=\"figure\" id=\"").append(Html.escape(anchor)).append("\" data-figure=\"")
                .append(Html.escape(f.id())).append("\" data-study=\"").append(Html.escape(study))
                .append("\" data-status=\"").append(status).append("\" data-view=\"")
                .append(Html.escape(nz(f.view()))).append("\">\n");
        out.append("<h4>").append(Html.escape(nz(f.title()))).append(" <span class=\"status status-").append(status)
                .append("\">").append(status).append("</span></h4>\n");
        if (f.status() == Figure.Status.DRAWN && f.svg() != null) {
            out.append("<div class=\"drawing\">\n").append(InlineSvg.of(f.svg(), anchor)).append("\n</div>\n");
        } else {
            out.append("<div class=\"placeholder\">").append(switch (f.status()) {
                case PENDING -> "Pending: the stages behind this figure have not finished.";
                case EMPTY -> "No rows to draw.";
                case FAILED -> "This section could not be drawn.";
                case DRAWN -> "No drawing.";
            }).append("</div>\n");
        }
        out.append("<figcaption>").append(Html.escape(nz(f.caption()))).append("</figcaption>\n");
        if (!nz(f.sql()).isBlank()) {
            out.append("<p class=\"source\">From the view <code>").append(Html.escape(nz(f.view())))
                    .append("</code>; this query returns the rows drawn:</p>\n<pre class=\"sql\">")
                    .append(Html.escape(ReportHtml.basinSql(f.sql()))).append("</pre>\n");
        }
        if (f.svg() != null || f.data() != null) {
            out.append("<p class=\"downloads\">");
            if (f.svg() != null) {
                out.append("<a class=\"download\" href=\"").append(base).append("/figure/").append(Html.segment(f.id()))
                        .append(".svg\" download>SVG</a> ");
            }
            if (f.data() != null) {
                int rows = f.data().rows().size();
                out.append("<a class=\"download\" href=\"").append(base).append("/table/").append(Html.segment(f.id()))
                        .append(".csv\" download>Data (CSV, ").append(rows).append(rows == 1 ? " row" : " rows")
                        .append(")</a>");
            }
            out.append("</p>\n");
        }
        out.append("</figure>\n");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
