package dev.basin.report;

import java.util.List;
import java.util.Locale;

/** Figures made by hand, with literal SVG in the markup every figure uses, for tests of the page and its files. */
final class HandFigures {
    static final String SPEC = """
            study: %s
            seed: 7
            data: {dataset: fashion-mnist, path: /nowhere}
            model: small-cnn
            train: {members: 2, epochs: 1, batchSize: 64, lr: 0.05}
            """;

    private HandFigures() {}

    /** A plot with one series of two points, its axes stating {@code x} and {@code y} ranges. */
    static String plot(String title, double[] x, double[] y) {
        return String.format(Locale.ROOT, """
                <?xml version="1.0" encoding="UTF-8"?>
                <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 420" width="640" height="420" \
                data-kind="plot" data-x-min="%s" data-x-max="%s" data-y-min="%s" data-y-max="%s">\
                <title>%s</title><defs><clipPath id="clip"><rect width="640" height="420"/></clipPath></defs>\
                <g class="series" data-series="member 0" clip-path="url(#clip)">\
                <circle class="point" data-x="%s" data-y="%s" cx="1" cy="2" r="3"/>\
                <path class="line" data-xs="%s %s" data-ys="%s %s" d="M0 0L1 1"/></g></svg>
                """, x[0], x[1], y[0], y[1], title, x[0], y[0], x[0], x[1], y[0], y[1]);
    }

    /** A heat map of one cell whose colour scale spans {@code value}. */
    static String heatMap(String title, double[] value) {
        return String.format(Locale.ROOT, """
                <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 420" width="640" height="420" \
                data-kind="heatmap" data-value-min="%s" data-value-max="%s"><title>%s</title>\
                <rect class="cell" data-row="0" data-col="0" data-value="%s" x="0" y="0" width="9" height="9"/></svg>""",
                value[0], value[1], title, value[1]);
    }

    static Table table(String name, int rows) {
        List<List<String>> r = new java.util.ArrayList<>();
        for (int i = 0; i < rows; i++) {
            r.add(java.util.Arrays.asList(String.valueOf(i), i % 2 == 0 ? "0.5" : null, "a,\"b\""));
        }
        return new Table(name, List.of("epoch", "loss", "note"), r);
    }

    static Figure drawnPlot(String id, double[] x, double[] y) {
        return Figure.drawn(id, "Title of " + id, "Caption of " + id + " <with> & 'marks'.", "member_epochs",
                "SELECT epoch, loss FROM member_epochs WHERE study = 'a' AND note = \"$HOME\"", plot("Title of " + id, x, y),
                table(id, 3));
    }

    static Figure drawnHeatMap(String id, double[] value) {
        return Figure.drawn(id, "Title of " + id, "Caption of " + id + ".", "similarity",
                "SELECT * FROM similarity", heatMap("Title of " + id, value), table(id, 1));
    }

    static Figure pending(String id) {
        return Figure.pending(id, "Title of " + id, "Waits for the stages tsne/0 and tsne/1.", "tsne",
                "SELECT * FROM tsne");
    }

    static Figure empty(String id) {
        return Figure.empty(id, "Title of " + id, "No rows.", "shift_metrics", "SELECT * FROM shift_metrics",
                new Table(id, List.of("severity"), List.of()));
    }

    /** A report with a part of two plots, a part with a heat map and a pending figure, and an empty figure. */
    static Report report(String study) {
        return new Report(study, List.of(
                new Report.Part("Training", List.of(
                        drawnPlot("training-loss", new double[] {0, 10}, new double[] {0.1, 2.5}),
                        drawnPlot("training-accuracy", new double[] {0, 10}, new double[] {0.4, 0.9}))),
                new Report.Part("Similarity", List.of(
                        drawnHeatMap("cosine-finals", new double[] {-0.2, 1}),
                        pending("tsne"))),
                new Report.Part("Shift", List.of(empty("shift-accuracy")))));
    }
}
