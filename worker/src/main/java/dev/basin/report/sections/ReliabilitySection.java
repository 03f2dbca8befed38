package dev.basin.report.sections;

import dev.basin.report.Figure;
import dev.basin.report.ReportContext;
import dev.basin.report.Section;
import dev.basin.report.Table;
import dev.basin.report.plot.Marker;
import dev.basin.report.plot.Plot;
import dev.basin.report.plot.Style;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reliability diagrams of member 0's final model and of the deep ensemble (the mean of every member's final
 * predictions): accuracy against confidence in Basin's 15 ECE bins, computed here from the stored test predictions
 * ({@link ReportContext#testPredictions}). The query finds the models; the figure's table holds the bins drawn,
 * one row per model and non-empty bin.
 */
public final class ReliabilitySection implements Section {
    /** Okabe-Ito black, kept for the reference diagonal. */
    private static final int REFERENCE = 6;

    private static final String ID = "reliability";
    private static final String TITLE = "Reliability";
    private static final String VIEW = "member_metrics";

    @Override
    public String title() {
        return "Calibration";
    }

    @Override
    public List<Figure> figures(ReportContext context) {
        String sql = "select member, model_id, ece from " + VIEW + " where " + SectionFigures.study(context)
                + " and kind = 'final' and split = 'test' order by member";
        String caption = "Reliability diagrams of member 0's final model and of the deep ensemble (mean of the"
                + " members' final predictions): test accuracy against mean confidence in 15 equal confidence bins,"
                + " computed from the stored test predictions; the dashed diagonal is perfect calibration"
                + " (Guo et al. 2017; Ovadia et al. 2019).";
        if (!context.finished("evaluate/")) {
            return List.of(Figure.pending(ID, TITLE, caption + " Waiting for the stages evaluate/*.", VIEW, sql));
        }
        Rows rows = Rows.of(context.query(sql));
        List<String> names = new ArrayList<>();
        List<ReliabilityBins> bins = new ArrayList<>();
        String storedEce = null;
        List<float[][]> members = new ArrayList<>();
        int[] labels = context.testLabels();
        for (int r = 0; r < rows.size(); r++) {
            float[][] p = context.testPredictions(Long.parseLong(rows.text(r, "model_id")));
            if (p == null) {
                continue;
            }
            members.add(p);
            if (rows.text(r, "member").equals("0")) {
                names.add("member 0");
                storedEce = rows.text(r, "ece");
                bins.add(ReliabilityBins.of(ReliabilityBins.widen(p), labels));
            }
        }
        if (members.size() >= 2) {
            names.add("deep ensemble of " + members.size());
            bins.add(ReliabilityBins.of(ReliabilityBins.mean(members), labels));
        }
        Table table = table(names, bins);
        if (bins.isEmpty()) {
            return List.of(Figure.empty(ID, TITLE, caption + " No stored test predictions of the members' finals.",
                    VIEW, sql, table));
        }
        Plot plot = Plot.of(TITLE, "confidence", "accuracy").xRange(0, 1).yRange(0, 1);
        // The reference in dashed grey (black, half opaque): a palette colour would read as one more model.
        plot = plot.line("perfect calibration", new double[] {0, 1}, new double[] {0, 1},
                new Style(REFERENCE, Marker.NONE, true, 0.55, 0.75));
        StringBuilder eces = new StringBuilder();
        for (int m = 0; m < bins.size(); m++) {
            ReliabilityBins b = bins.get(m);
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < ReliabilityBins.BINS; i++) {
                if (b.count()[i] > 0) {
                    x.add(b.confidence()[i]);
                    y.add(b.accuracy()[i]);
                }
            }
            plot = plot.line(names.get(m), x.stream().mapToDouble(d -> d).toArray(),
                    y.stream().mapToDouble(d -> d).toArray(), Style.of(m >= REFERENCE ? m + 1 : m));
            eces.append(m == 0 ? " ECE from these bins: " : "; ").append(names.get(m)).append(' ')
                    .append(String.format(Locale.ROOT, "%.4f", b.ece()));
            if (names.get(m).equals("member 0") && storedEce != null) {
                // the bins are Basin's ECE bins, so member 0's matches the ece member_metrics stores
                eces.append(String.format(Locale.ROOT, " (stored in member_metrics: %.4f)", Double.parseDouble(storedEce)));
            }
        }
        return List.of(Figure.drawn(ID, TITLE, caption + eces + ".", VIEW, sql, plot.svg(), table));
    }

    /** One row per model and non-empty bin: what the diagram draws. */
    private static Table table(List<String> names, List<ReliabilityBins> bins) {
        List<List<String>> rows = new ArrayList<>();
        for (int m = 0; m < bins.size(); m++) {
            ReliabilityBins b = bins.get(m);
            for (int i = 0; i < ReliabilityBins.BINS; i++) {
                if (b.count()[i] > 0) {
                    rows.add(List.of(names.get(m), Integer.toString(i), Double.toString(b.confidence()[i]),
                            Double.toString(b.accuracy()[i]), Integer.toString(b.count()[i])));
                }
            }
        }
        return new Table(ID, List.of("model", "bin", "confidence", "accuracy", "count"), rows);
    }
}
