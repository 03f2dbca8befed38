package dev.basin.report.sections;

import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.report.Figure;
import dev.basin.report.ReportContext;
import dev.basin.report.Section;
import dev.basin.report.plot.Plot;
import dev.basin.report.plot.Style;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Accuracy, NLL, Brier score and ECE against ensemble size, one line per ensemble kind (deep, swa, subspace:*,
 * multiswag, fge, sse, curve, spawn, ...; Fort et al. Fig. 8). Ensembles of one kind told apart by a variant
 * (a curve's label) get a line each.
 */
public final class EnsembleSizeSection implements Section {

    /** One metric's figure: id suffix, column, name in titles, axis label. */
    private record Metric(String name, String column, String shortName, String label) {}

    private static final List<Metric> METRICS = List.of(
            new Metric("accuracy", "accuracy", "accuracy", "test accuracy"),
            new Metric("nll", "nll", "NLL", "test NLL (nats)"),
            new Metric("brier", "brier", "Brier score", "test Brier score"),
            new Metric("ece", "ece", "ECE", "test ECE"));

    @Override
    public String title() {
        return "Ensemble size";
    }

    @Override
    public List<Figure> figures(ReportContext context) {
        if (!asked(context.spec().analyses())) {
            return List.of();
        }
        // Every stage that evaluates ensembles: ensembles/deep, fge, sse, curves/.../ensembles, spawn/e1/ensembles.
        List<String> waiting = SectionFigures.waitingFor(context, s -> s.startsWith("ensembles/") || s.equals("fge")
                || s.equals("sse") || s.endsWith("/ensembles"), "ensembles");
        List<Figure> out = new ArrayList<>();
        for (Metric m : METRICS) {
            String id = "ensemble-size-" + m.name();
            String sql = "select kind, variant, size, " + m.column() + " from ensemble_size where "
                    + SectionFigures.study(context) + " order by kind, variant, size, ensemble_id";
            String title = SectionFigures.capitalised(m.shortName()) + " against ensemble size";
            String caption = "Test " + m.shortName() + " of each kind of ensemble against the "
                    + "number of models it averages, one line per kind (Fort et al. Fig. 8).";
            out.add(SectionFigures.figure(context, waiting, new SectionFigures.Spec(id, title, caption,
                    "ensemble_size", sql, rows -> draw(context, id, title, m, rows))));
        }
        return out;
    }

    /** The spec asks for ensembles: the key itself, or an analysis that builds ensembles of its own. */
    static boolean asked(AnalysesConfig a) {
        return a.ensembles() != null || a.fge() != null || a.sse() != null || a.curves() != null
                || a.spawn() != null || a.distill() != null;
    }

    private static String draw(ReportContext context, String id, String title, Metric m, Rows rows) {
        Plot plot = SectionFigures.shared(Plot.of(title, "ensemble size", m.label()), context, id);
        int k = 0;
        for (Map.Entry<String, Rows> e : rows.groupBy("kind").entrySet()) {
            for (Map.Entry<String, Rows> v : e.getValue().groupBy("variant").entrySet()) {
                String name = v.getKey().isEmpty() || v.getKey().equals("null")
                        ? e.getKey() : e.getKey() + " " + v.getKey();
                double[][] xy = SectionFigures.finite(v.getValue().numbers("size"), v.getValue().numbers(m.column()));
                plot = plot.line(name, xy[0], xy[1], Style.of(k));
                k++;
            }
        }
        return plot.svg();
    }
}
