package dev.basin.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG, no script, no network, so it opens from
 * disk, prints, and reads the same in ten years. One report lists its sections' figures in order; two or more
 * (a comparison) show each figure of every study side by side, a figure that only one study has beside a note
 * that the other has none.
 *
 * <p>Every figure is a {@code <figure class="figure">} whose {@code data-figure}, {@code data-study},
 * {@code data-status} ({@code drawn}, {@code pending}, {@code empty}, {@code failed}) and {@code data-view} say
 * what it is; its id is {@code fig-ID}, or {@code fig-STUDY--ID} in a comparison. The page is the same bytes for
 * the same reports, apart from the one line that states {@code generatedAt}.
 */
public final class ReportHtml {
    private ReportHtml() {}

    public static String page(List<Report> reports, String generatedAt) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("a report page needs at least one report");
        }
        reports.forEach(r -> FileNames.study(r.study()));
        boolean comparison = reports.size() > 1;
        String studies = String.join(" vs ", reports.stream().map(Report::study).toList());
        StringBuilder out = new StringBuilder(1 << 16);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Basin report: ").append(esc(studies)).append("</title>\n")
                .append("<style>\n").append(ReportCss.CSS).append("</style>\n</head>\n<body>\n");
        out.append("<header>\n<h1>Basin report: ").append(esc(studies)).append("</h1>\n");
        out.append("<p class=\"studies\" data-studies=\"")
                .append(esc(String.join(" ", reports.stream().map(Report::study).toList()))).append("\">")
                .append(comparison ? "Studies " : "Study ").append(esc(String.join(" and ", reports.stream()
                        .map(Report::study).toList())));
        for (Report r : reports) {
            out.append("; ").append(comparison ? esc(r.study()) + ": " : "").append(counts(r));
        }
        out.append(".</p>\n");
        if (comparison) {
            out.append("<p>Each figure of every study is drawn on the same axes, side by side.</p>\n");
        }
        out.append("<p class=\"generated\">Generated <time>").append(esc(generatedAt)).append("</time></p>\n")
                .append("</header>\n");
        List<PartRow> parts = merge(reports);
        toc(out, parts, reports, comparison);
        out.append("<main>\n");
        if (parts.isEmpty()) {
            out.append("<p class=\"nothing\">No figures yet: the study asked for no analysis that has figures,"
                    + " or none of its sections could start.</p>\n");
        }
        for (int p = 0; p < parts.size(); p++) {
            PartRow part = parts.get(p);
            out.append("<section class=\"part\" id=\"part-").append(p).append("\">\n<h2>")
                    .append(esc(part.title)).append("</h2>\n");
            for (Map.Entry<String, Figure[]> e : part.figures.entrySet()) {
                Figure[] byStudy = e.getValue();
                if (!comparison) {
                    figure(out, byStudy[0], reports.get(0).study(), false);
                    continue;
                }
                out.append("<div class=\"pair\" id=\"cmp-").append(e.getKey()).append("\" data-figure=\"")
                        .append(e.getKey()).append("\">\n");
                for (int s = 0; s < reports.size(); s++) {
                    String study = reports.get(s).study();
                    if (byStudy[s] == null) {
                        out.append("<div class=\"absent\" data-figure=\"").append(e.getKey()).append("\" data-study=\"")
                                .append(esc(study)).append("\">Study ").append(esc(study))
                                .append(" has no such figure.</div>\n");
                    } else {
                        figure(out, byStudy[s], study, true);
                    }
                }
                out.append("</div>\n");
            }
            out.append("</section>\n");
        }
        out.append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    /** One section's figures across studies: by id, in the order the first study that has each one lists it. */
    private record PartRow(String title, Map<String, Figure[]> figures) {}

    private static List<PartRow> merge(List<Report> reports) {
        Map<String, PartRow> parts = new LinkedHashMap<>();
        for (int s = 0; s < reports.size(); s++) {
            for (Report.Part part : reports.get(s).parts()) {
                PartRow row = parts.computeIfAbsent(part.title(), t -> new PartRow(t, new LinkedHashMap<>()));
                for (Figure f : part.figures()) {
                    Figure[] byStudy = row.figures.computeIfAbsent(FileNames.id(f.id()), id -> new Figure[reports.size()]);
                    if (byStudy[s] != null) {
                        throw new IllegalArgumentException("study " + reports.get(s).study() + " has two figures "
                                + f.id());
                    }
                    byStudy[s] = f;
                }
            }
        }
        return new ArrayList<>(parts.values());
    }

    private static void toc(StringBuilder out, List<PartRow> parts, List<Report> reports, boolean comparison) {
        if (parts.isEmpty()) {
            return;
        }
        out.append("<nav class=\"toc\">\n<h2>Contents</h2>\n<ol>\n");
        for (int p = 0; p < parts.size(); p++) {
            PartRow part = parts.get(p);
            out.append("<li><a href=\"#part-").append(p).append("\">").append(esc(part.title)).append("</a>\n<ol>\n");
            for (Map.Entry<String, Figure[]> e : part.figures.entrySet()) {
                Figure[] byStudy = e.getValue();
                Figure any = byStudy[0] != null ? byStudy[0] : java.util.Arrays.stream(byStudy)
                        .filter(f -> f != null).findFirst().orElseThrow();
                out.append("<li><a href=\"#").append(comparison ? "cmp-" : "fig-").append(e.getKey()).append("\">")
                        .append(esc(any.title())).append("</a>");
                for (int s = 0; s < reports.size(); s++) {
                    out.append(' ');
                    if (comparison) {
                        out.append("<span class=\"study-name\">").append(esc(reports.get(s).study())).append("</span> ");
                    }
                    out.append(byStudy[s] == null ? "<span class=\"status\">none</span>" : status(byStudy[s]));
                }
                out.append("</li>\n");
            }
            out.append("</ol></li>\n");
        }
        out.append("</ol>\n</nav>\n");
    }

    private static void figure(StringBuilder out, Figure f, String study, boolean comparison) {
        String id = f.id();
        String anchor = comparison ? "fig-" + study + "--" + id : "fig-" + id;
        out.append("<figure class=\"figure\" id=\"").append(anchor).append("\" data-figure=\"").append(id)
                .append("\" data-study=\"").append(esc(study)).append("\" data-status=\"").append(f.status().text())
                .append("\" data-view=\"").append(esc(nz(f.view()))).append("\">\n");
        out.append("<h3>").append(esc(f.title()));
        if (comparison) {
            out.append(" <span class=\"study-name\">(").append(esc(study)).append(")</span>");
        }
        out.append(' ').append(status(f)).append("</h3>\n");
        if (f.status() == Figure.Status.DRAWN && f.svg() != null) {
            out.append("<div class=\"drawing\">\n").append(InlineSvg.of(f.svg(), anchor)).append("\n</div>\n");
        } else {
            out.append("<div class=\"placeholder\">").append(placeholder(f.status())).append("</div>\n");
        }
        out.append("<figcaption>").append(esc(nz(f.caption()))).append("</figcaption>\n");
        if (!nz(f.sql()).isBlank()) {
            out.append("<p class=\"source\">From the view <code>").append(esc(nz(f.view())))
                    .append("</code>, by the query:</p>\n")
                    .append("<pre class=\"sql\">").append(esc(basinSql(f.sql()))).append("</pre>\n");
        }
        List<String> links = new ArrayList<>();
        if (f.svg() != null) {
            links.add("<a class=\"download\" href=\"" + FileNames.of(comparison, study, id, "svg") + "\" download>SVG</a>");
        }
        if (f.data() != null) {
            links.add("<a class=\"download\" href=\"" + FileNames.of(comparison, study, id, "csv") + "\" download>"
                    + "Data (CSV, " + f.data().rows().size() + (f.data().rows().size() == 1 ? " row" : " rows")
                    + ")</a>");
        }
        if (!links.isEmpty()) {
            out.append("<p class=\"downloads\">").append(String.join(" ", links)).append("</p>\n");
        }
        out.append("</figure>\n");
    }

    private static String placeholder(Figure.Status status) {
        return switch (status) {
            case PENDING -> "Pending: the stages behind this figure have not finished.";
            case EMPTY -> "No rows to draw.";
            case FAILED -> "This section could not be drawn.";
            case DRAWN -> "No drawing.";
        };
    }

    private static String status(Figure f) {
        String s = f.status().text();
        return "<span class=\"status status-" + s + "\">" + s + "</span>";
    }

    /**
     * The shell command that reruns {@code sql}: {@code basin sql "..."}, with what a POSIX shell would expand
     * inside double quotes ({@code \ " $ `}) escaped, so that copying it runs exactly the figure's query.
     */
    public static String basinSql(String sql) {
        StringBuilder q = new StringBuilder("basin sql \"");
        for (char c : sql.strip().toCharArray()) {
            if (c == '\\' || c == '"' || c == '$' || c == '`') {
                q.append('\\');
            }
            q.append(c);
        }
        return q.append('"').toString();
    }

    private static String counts(Report r) {
        Map<Figure.Status, Integer> n = new LinkedHashMap<>();
        for (Figure.Status s : Figure.Status.values()) {
            n.put(s, 0);
        }
        r.figures().forEach(f -> n.merge(f.status(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        n.forEach((s, k) -> {
            if (k > 0) {
                parts.add(k + " " + s.text());
            }
        });
        int total = r.figures().size();
        return total + (total == 1 ? " figure" : " figures") + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /**
     * Text as HTML, safe in element text and in a double- or single-quoted attribute: the five characters that could
     * end either; null is empty. The dashboard's pages escape with it too.
     */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
