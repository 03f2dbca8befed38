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
 * one colour per pair, train solid and test dashed, the pair's own models marked at t = 0 and t = 1, so that the
 * margin beyond them (t &lt; 0, t &gt; 1) reads as extrapolation (Fort et al. Fig. 4 style; Garipov et al. Fig. 2's
 * straight line).
 */
public final class InterpolationSection implements Section {

    /** One figure: id, title, train and test columns, axis label. */
    private record Metric(String id, String title, String train, String test, String label) {}

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
                    + " along the straight line (1 − t)·A + t·B between each pair A-B; the pair's models at t = 0 "
                    + "and t = 1 are marked, and t outside [0, 1] extends the line beyond them by the spec's "
                    + "margin (Fort et al. Fig. 4 style).";
            out.add(SectionFigures.figure(context, waiting, new SectionFigures.Spec(m.id(), m.title(), caption,
                    "interpolation_curve", sql, rows -> draw(context, m, rows))));
        }
        return out;
    }

    private static String draw(ReportContext context, Metric m, Rows rows) {
        Plot plot = SectionFigures.shared(Plot.of(m.title(), "t (interpolation)", m.label()), context, m.id());
        int k = 0;
        List<Double> endT = new ArrayList<>();
        List<Double> endY = new ArrayList<>();
        for (Map.Entry<String, Rows> e : rows.groupBy("pair").entrySet()) {
            Rows pair = e.getValue();
            double[] t = pair.numbers("t");
            double[] train = pair.numbers(m.train());
            plot = plot.line(e.getKey() + " train", t, train, Style.of(k).withMarker(Marker.NONE));
            plot = plot.line(e.getKey() + " test", t, pair.numbers(m.test()),
                    Style.of(k).withMarker(Marker.NONE).withDashes());
            for (int r = 0; r < t.length; r++) {
                if (t[r] == 0 || t[r] == 1) {
                    endT.add(t[r]);
                    endY.add(train[r]);
                }
            }
            k++;
        }
        if (!endT.isEmpty()) {
            plot = plot.points("endpoints (train)", unbox(endT), unbox(endY),
                    Style.of(k).withMarker(Marker.CIRCLE));
        }
        return plot.svg();
    }

    static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
