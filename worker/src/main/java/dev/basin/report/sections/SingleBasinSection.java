package dev.basin.report.sections;

import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.report.Figure;
import dev.basin.report.ReportContext;
import dev.basin.report.Section;
import dev.basin.report.plot.Plot;
import dev.basin.report.plot.Style;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How good is a single basin (Lion et al. 2024's questions, Basin's definitions): each ensemble's test accuracy
 * against its connectivity (the mean train-loss barrier over the pairs of its first {@code size} models), one
 * line per ensemble over its sizes; and every measured barrier against the disagreement of its two models, one
 * series per ensemble.
 */
public final class SingleBasinSection implements Section {
    static final String CONNECTIVITY = "single-basin-connectivity";
    static final String BARRIERS = "single-basin-barriers";

    @Override
    public String title() {
        return "A single basin";
    }

    @Override
    public List<Figure> figures(ReportContext context) {
        AnalysesConfig a = context.spec().analyses();
        if (a.barriers() == null && !a.singleBasin()) {
            return List.of();
        }
        String study = SectionFigures.study(context);
        List<Figure> out = new ArrayList<>();
        List<String> connectivityWaits = SectionFigures.waitingFor(context, s -> s.startsWith("barriers/")
                || s.startsWith("ensembles/") || s.endsWith("/ensembles"), "barriers");
        String connectivitySql = "select kind, variant, size, mean_barrier, accuracy from ensemble_connectivity where "
                + study + " and mean_barrier is not null order by kind, variant, size, ensemble_id";
        out.add(SectionFigures.figure(context, connectivityWaits, new SectionFigures.Spec(CONNECTIVITY,
                "Accuracy against connectivity",
                "Test accuracy of each ensemble against its connectivity: the mean train-loss barrier over the "
                        + "pairs of its first k models, one line per ensemble over its sizes k (Lion et al. 2024's "
                        + "connectivity against accuracy; a low barrier means the models share a basin).",
                "ensemble_connectivity", connectivitySql, rows -> connectivity(context, rows))));
        List<String> barrierWaits = SectionFigures.waitingFor(context, s -> s.startsWith("barriers/"), "barriers");
        String barrierSql = "select kind, variant, a, b, disagreement, train_loss_barrier from barriers where "
                + study + " order by kind, variant, position_a, position_b";
        out.add(SectionFigures.figure(context, barrierWaits, new SectionFigures.Spec(BARRIERS,
                "Barriers against disagreement",
                "Every measured loss barrier B(a, b) = max over t of L((1 − t)a + tb) − ((1 − t)L(a) + tL(b)) on "
                        + "the train loss, against the test disagreement of a and b, one series per ensemble.",
                "barriers", barrierSql, rows -> barriers(context, rows))));
        return out;
    }

    private static String connectivity(ReportContext context, Rows rows) {
        Plot plot = SectionFigures.shared(Plot.of("Accuracy against connectivity",
                "mean train-loss barrier (nats)", "test accuracy"), context, CONNECTIVITY);
        int k = 0;
        for (Map.Entry<String, Rows> e : byEnsemble(rows).entrySet()) {
            double[][] xy = SectionFigures.finite(e.getValue().numbers("mean_barrier"),
                    e.getValue().numbers("accuracy"));
            plot = plot.line(e.getKey(), xy[0], xy[1], Style.of(k));
            k++;
        }
        return plot.svg();
    }

    private static String barriers(ReportContext context, Rows rows) {
        Plot plot = SectionFigures.shared(Plot.of("Barriers against disagreement", "test disagreement",
                "train-loss barrier (nats)"), context, BARRIERS);
        int k = 0;
        for (Map.Entry<String, Rows> e : byEnsemble(rows).entrySet()) {
            double[][] xy = SectionFigures.finite(e.getValue().numbers("disagreement"),
                    e.getValue().numbers("train_loss_barrier"));
            plot = plot.points(e.getKey(), xy[0], xy[1], Style.of(k));
            k++;
        }
        return plot.svg();
    }

    /** Rows by ensemble: kind, or "kind variant" where a variant tells ensembles of one kind apart. */
    private static Map<String, Rows> byEnsemble(Rows rows) {
        Map<String, Rows> out = new LinkedHashMap<>();
        for (Map.Entry<String, Rows> kind : rows.groupBy("kind").entrySet()) {
            for (Map.Entry<String, Rows> variant : kind.getValue().groupBy("variant").entrySet()) {
                String v = variant.getKey();
                out.put(v.isEmpty() || v.equals("null") ? kind.getKey() : kind.getKey() + " " + v, variant.getValue());
            }
        }
        return out;
    }
}
