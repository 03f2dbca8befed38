package dev.basin.report.sections;

import dev.basin.report.Figure;
import dev.basin.report.ReportContext;
import dev.basin.report.Section;
import dev.basin.report.plot.Marker;
import dev.basin.report.plot.Plot;
import dev.basin.report.plot.Style;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loss and error along the straight line (1 − t)·A + t·B between each pair of the spec's {@code interpolation}:
 * one colour per pair, train solid and test dashed, faint vertical lines at t = 0 and t = 1 where the pair's own
 * models are, so that the margin beyond them (t &lt; 0, t &gt; 1) reads as extrapolation (Fort et al. Fig. 4
 * style; Garipov et al. Fig. 2's straight line).
 */
public final class InterpolationSection implements Section {

    /** One figure: id, title, train and test columns, axis label. */
    private record Metric(String id, String title, String train, String test, String label) {}

    /** Okabe-Ito's black, apart from the pairs' colours. */
    static final int BLACK = 6;

    private static final List<Metric> METRICS = List.of(
            new Metric("interpolation-loss", "Loss along straight lines", "train_loss", "test_nll", "NLL (nats)"),
            new Metric("interpolation-error", "Error along straight lines", "train_error", "test_error", "error"));

    @Override
    public String title() {
        return "Interpolation";
    }

    @Override
    public List<Figure> figures(ReportContext context) {
        if (context.spec().analyses().interpolation() == null) {
            return List.of();
        }
        List<String> waiting = SectionFigures.waitingFor(context, s -> s.startsWith("interpolation/"),
                "interpolation");
        List<Figure> out = new ArrayList<>();
        for (Metric m : METRICS) {
            String sql = "select pair, t, " + m.train() + ", " + m.test() + " from interpolation_curve where "
                    + SectionFigures.study(context) + " order by pair, i";
            String caption = "Train (solid) and test (dashed) " + m.label().replace(" (nats)", "")
                    + " along the straight line (1 − t)·A + t·B between each pair A-B; faint vertical lines mark the "
                    + "pair's models at t = 0 and t = 1, and t outside [0, 1] extends the line beyond them by the "
                    + "spec's margin (Fort et al. Fig. 4 style).";
            out.add(SectionFigures.figure(context, waiting, new SectionFigures.Spec(m.id(), m.title(), caption,
                    "interpolation_curve", sql, rows -> draw(context, m, rows))));
        }
        return out;
    }

    /** Series of the two vertical lines at t = 0 and t = 1: where the pair's own models are. */
    static final String ENDPOINTS = "endpoints (t = 0, 1)";

    private static String draw(ReportContext context, Metric m, Rows rows) {
        Plot plot = SectionFigures.shared(Plot.of(m.title(), "t (interpolation)", m.label()), context, m.id());
        int k = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, Rows> e : rows.groupBy("pair").entrySet()) {
            Rows pair = e.getValue();
            double[] t = pair.numbers("t");
            double[] train = pair.numbers(m.train());
            double[] test = pair.numbers(m.test());
            plot = plot.line(e.getKey() + " train", t, train, Style.of(k).withMarker(Marker.NONE));
            plot = plot.line(e.getKey() + " test", t, test, Style.of(k).withMarker(Marker.NONE).withDashes());
            for (double[] ys : new double[][] {train, test}) {
                for (double y : ys) {
                    if (Double.isFinite(y)) {
                        lo = Math.min(lo, y);
                        hi = Math.max(hi, y);
                    }
                }
            }
            k++;
        }
        double[] y = context.sharedRange(m.id(), "y");
        if (y != null) {
            lo = y[0];
            hi = y[1];
        }
        if (lo <= hi) {
            // One series, two runs: NaN splits the line, so the legend names the endpoints once.
            plot = plot.line(ENDPOINTS, new double[] {0, 0, Double.NaN, 1, 1},
                    new double[] {lo, hi, Double.NaN, lo, hi},
                    Style.of(BLACK).withMarker(Marker.NONE).withDashes().faint());
        }
        return plot.svg();
    }

}
