package dev.basin.serve;

import dev.basin.db.ProgressRow;
import dev.basin.db.StoredPredictionRow;
import dev.basin.db.StudyRow;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The dashboard's HTML, rendered on the server; every value from the database is escaped. */
final class Pages {
    private Pages() {}

    /** {@code /}: every study with its state, stages done of total and last update. */
    static String index(List<StudySummary> studies) {
        StringBuilder body = new StringBuilder("<h1>Basin studies</h1>\n");
        if (studies.isEmpty()) {
            body.append("<p class=\"placeholder\" id=\"no-studies\">No studies yet: start one with "
                    + "<code>basin run STUDY.yaml</code>.</p>\n");
        } else {
            body.append("<table class=\"studies\"><thead><tr><th>study</th><th>state</th><th>stages done</th>"
                    + "<th>last update</th></tr></thead><tbody>\n");
            for (StudySummary s : studies) {
                body.append("<tr class=\"study\" data-study=\"").append(Html.escape(s.name())).append("\" data-state=\"")
                        .append(Html.escape(s.status())).append("\"><td><a href=\"").append(Html.studyPath(s.name()))
                        .append("\">").append(Html.escape(s.name())).append("</a></td><td class=\"state\">")
                        .append(Html.escape(s.status())).append("</td><td class=\"num\" data-done=\"").append(s.done())
                        .append("\" data-total=\"").append(s.total()).append("\">").append(s.done()).append('/')
                        .append(s.total()).append("</td><td>").append(time(s.lastUpdate())).append("</td></tr>\n");
            }
            body.append("</tbody></table>\n");
        }
        return page("Basin studies", body.toString(), false);
    }

    /** {@code /study/NAME}: the stage graph, the members' progress and the figures, kept live by the script. */
    static String study(StudyRow study, List<StageView> stages, List<ProgressRow> progress, String figures,
                        List<StoredPredictionRow> predictions) {
        String name = study.name();
        long done = stages.stream().filter(StageView::finished).count();
        StringBuilder b = new StringBuilder();
        b.append("<div id=\"dashboard\" data-study=\"").append(Html.escape(name)).append("\" data-base=\"")
                .append(Html.escape(Html.studyPath(name))).append("\" data-connected=\"false\">\n");
        b.append("<p><a href=\"/\">All studies</a></p>\n");
        b.append("<h1>Study ").append(Html.escape(name)).append("</h1>\n");
        b.append("<p class=\"summary\" data-state=\"").append(Html.escape(study.status())).append("\">State: <span id=\"status\""
                + " class=\"state\">").append(Html.escape(study.status())).append("</span>; <span id=\"done\">").append(done)
                .append("</span>/<span id=\"total\">").append(stages.size()).append("</span> stages finished. <a href=\"")
                .append(Html.studyPath(name)).append("/report\">Whole report</a></p>\n");
        b.append("<p id=\"problem\" class=\"muted\" role=\"status\"></p>\n");

        b.append("<h2>Members</h2>\n<table class=\"members\"><thead><tr><th>member</th><th>state</th><th>epoch</th>"
                + "<th>step</th><th>loss</th><th>img/s</th><th>progress</th></tr></thead><tbody id=\"members\">\n");
        if (progress.isEmpty()) {
            b.append("<tr id=\"no-members\"><td colspan=\"7\" class=\"placeholder\">No member has started training.</td></tr>\n");
        }
        for (ProgressRow p : progress) {
            member(b, p);
        }
        b.append("</tbody></table>\n");

        b.append("<h2>Stages</h2>\n<table class=\"stage-graph\"><thead><tr><th>stage</th><th>state</th><th>activity</th>"
                + "<th>layer</th><th>after</th></tr></thead><tbody id=\"stages\">\n");
        for (StageView s : stages) {
            b.append("<tr class=\"stage\" data-stage=\"").append(Html.escape(s.stage())).append("\" data-state=\"")
                    .append(Html.escape(s.state())).append("\" data-depth=\"").append(s.depth()).append("\"><td class=\"name\">")
                    .append(Html.escape(s.stage())).append("</td><td class=\"state\">").append(Html.escape(s.state()))
                    .append("</td><td class=\"activity\">").append(Html.escape(s.activity()))
                    .append("</td><td class=\"depth num\">").append(s.depth()).append("</td><td class=\"after\">")
                    .append(Html.escape(String.join(", ", s.parents()))).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");

        b.append("<h2>Figures</h2>\n<div id=\"figures\">\n").append(figures).append("</div>\n");
        b.append("<h2>Predictions</h2>\n<div id=\"predictions\">\n").append(predictions(name, predictions))
                .append("</div>\n</div>\n");
        return page("Basin: " + name, b.toString(), true);
    }

    /** {@code /study/NAME/report} while the report cannot be built: why not. */
    static String report(String study, String figures) {
        return page("Basin report: " + study, "<h1>Report of " + Html.escape(study) + "</h1>\n<div id=\"figures\">\n"
                + figures + "</div>\n", false);
    }

    /**
     * The inner HTML of {@code #predictions}: the stored {@code .npy} files, each a link to its download. Rows carry
     * {@code data-model}, never {@code data-member}, which marks the members' progress rows alone.
     */
    static String predictions(String study, List<StoredPredictionRow> rows) {
        if (rows.isEmpty()) {
            return "<p class=\"placeholder\" id=\"no-predictions\">No predictions stored yet.</p>\n";
        }
        StringBuilder b = new StringBuilder();
        b.append("<details><summary>").append(rows.size()).append(rows.size() == 1 ? " file" : " files")
                .append(" of softmax probabilities (<code>.npy</code>, rows &times; classes), as stored</summary>\n")
                .append("<table class=\"predictions\"><thead><tr><th>model</th><th>kind</th><th>member</th><th>epoch</th>"
                        + "<th>step</th><th>variant</th><th>split</th><th>shape</th><th>file</th></tr></thead><tbody>\n");
        for (StoredPredictionRow p : rows) {
            String href = Html.studyPath(study) + "/predictions/" + p.modelId() + ".npy"
                    + (p.split().equals("test") ? "" : "?split=" + Html.segment(p.split()));
            b.append("<tr data-model=\"").append(p.modelId()).append("\" data-split=\"").append(Html.escape(p.split()))
                    .append("\"><td class=\"num\">").append(p.modelId()).append("</td><td>").append(Html.escape(p.kind()))
                    .append("</td><td class=\"num\">").append(p.member()).append("</td><td class=\"num\">").append(p.epoch())
                    .append("</td><td class=\"num\">").append(p.step()).append("</td><td>").append(Html.escape(p.variant()))
                    .append("</td><td>").append(Html.escape(p.split())).append("</td><td>").append(p.rows()).append(" &times; ")
                    .append(p.classes()).append("</td><td><a class=\"download\" href=\"").append(Html.escape(href))
                    .append("\" download>").append(p.modelId()).append(".npy</a> <span class=\"muted\">")
                    .append(p.bytes()).append(" bytes</span></td></tr>\n");
        }
        return b.append("</tbody></table></details>\n").toString();
    }

    private static void member(StringBuilder b, ProgressRow p) {
        boolean done = p.state().equals("done");
        long max = Math.max(1, (long) p.epochs() * p.stepsPerEpoch());
        long value = done ? max : Math.min(p.step(), max);
        int shown = done ? p.epochs() : Math.min(p.epoch() + 1, p.epochs());
        b.append("<tr class=\"member\" data-member=\"").append(p.member()).append("\" data-state=\"")
                .append(Html.escape(p.state())).append("\" data-epoch=\"").append(p.epoch()).append("\" data-epochs=\"")
                .append(p.epochs()).append("\" data-step=\"").append(p.step()).append("\" data-loss=\"")
                .append(Double.isNaN(p.loss()) ? "" : Json.num(p.loss())).append("\"><td class=\"id\">").append(p.member())
                .append("</td><td class=\"state\">").append(Html.escape(p.state())).append("</td><td class=\"epoch\">")
                .append(shown).append('/').append(p.epochs()).append("</td><td class=\"step num\">").append(p.step())
                .append("</td><td class=\"loss num\">").append(fixed(p.loss(), 4)).append("</td><td class=\"ips num\">")
                .append(fixed(p.imagesPerSec(), 0)).append("</td><td class=\"bar\"><progress max=\"").append(max)
                .append("\" value=\"").append(value).append("\"></progress></td></tr>\n");
    }

    private static String fixed(double v, int digits) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private static String time(Instant t) {
        return t == null ? "" : Html.escape(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    }

    /** A whole page: inline CSS, and the inline script when {@code live}. */
    static String page(String title, String body, boolean live) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\"><link rel=\"icon\" href=\"data:,\"><title>" + Html.escape(title) + "</title><style>"
                + Assets.CSS + "</style></head>\n<body>\n" + body
                + (live ? "<script>" + Assets.SCRIPT + "</script>\n" : "") + "</body></html>\n";
    }
}
