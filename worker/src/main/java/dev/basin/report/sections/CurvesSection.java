package dev.basin.report.sections;

import dev.basin.report.Figure;
import dev.basin.report.ReportContext;
import dev.basin.report.Section;
import dev.basin.report.plot.Marker;
import dev.basin.report.plot.Plot;
import dev.basin.report.plot.Style;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Train loss and test error along each trained curve (Bezier, polygonal chain) between two modes, beside the
 * straight line between the same endpoints at the same t (Garipov et al. Fig. 2): the line crosses a barrier,
 * the curve should not. Curves sharing endpoints share one straight line, drawn once.
 */
public final class CurvesSection implements Section {

    /** One figure: id, title, the curve's column, the line's column, axis label. */
    private record Metric(String id, String title, String curve, String line, String label) {}

    private static final List<Metric> METRICS = List.of(
            new Metric("curve-loss", "Train loss along curves", "train_loss", "line_train_loss", "train NLL (nats)"),
            new Metric("curve-error", "Test error along curves", "test_error", "line_test_error", "test error"));

    @Override
    public String title() {
        return "Mode connectivity";
    }

    @Override
    public List<Figure> figures(ReportContext context) {
        if (context.spec().analyses().curves() == null) {
            return List.of();
        }
        List<String> waiting = SectionFigures.waitingFor(context,
                s -> s.startsWith("curves/") && !s.endsWith("/ensembles"), "curves");
        List<Figure> out = new ArrayList<>();
        for (Metric m : METRICS) {
            String sql = "select curve, endpoint_a, endpoint_b, t, " + m.curve() + ", " + m.line()
                    + " from curve_profile where " + SectionFigures.study(context) + " order by curve, i";
            String caption = SectionFigures.capitalised(m.label().replace(" (nats)", ""))
                    + " along each trained curve (solid) and along the straight line between the same endpoints at "
                    + "the same t (dashed), t from 0 (first endpoint) to 1 (second) (Garipov et al. Fig. 2).";
            out.add(SectionFigures.figure(context, waiting, new SectionFigures.Spec(m.id(), m.title(), caption,
                    "curve_profile", sql, rows -> draw(context, m, rows))));
        }
        return out;
    }

    private static String draw(ReportContext context, Metric m, Rows rows) {
        Plot plot = SectionFigures.shared(Plot.of(m.title(), "t (along the path)", m.label()), context, m.id());
        int k = 0;
        Set<String> lines = new LinkedHashSet<>();
        for (Map.Entry<String, Rows> e : rows.groupBy("curve").entrySet()) {
            Rows curve = e.getValue();
            double[] t = curve.numbers("t");
            double[][] c = SectionFigures.finite(t, curve.numbers(m.curve()));
            plot = plot.line(e.getKey(), c[0], c[1], Style.of(k).withMarker(Marker.CIRCLE));
            k++;
            String pair = curve.text(0, "endpoint_a") + "-" + curve.text(0, "endpoint_b");
            double[][] l = SectionFigures.finite(t, curve.numbers(m.line()));
            if (l[0].length > 0 && lines.add(pair)) {
                plot = plot.line("line " + pair, l[0], l[1], Style.of(k).withMarker(Marker.NONE).withDashes());
                k++;
            }
        }
        return plot.svg();
    }
}
