package dev.basin.report.sections;

import dev.basin.engine.analysis.AnalysesConfig;
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
 * Accuracy, NLL, Brier score and ECE against ensemble size, one line per ensemble kind (deep, swa, subspace:*,
 * multiswag, fge, sse, curve, spawn, ...; Fort et al. Fig. 8). Ensembles of one kind told apart by a variant
 * (a curve's label) get a line each. A kind scored over subsets of its members (deep, swa, multi-swag; view
 * {@code ensemble_size_subsets}) is drawn as the subset mean with a ±1 sd band (unlisted in the legend), its
 * first-k ensemble dashed beside it as "KIND first k".
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
        if (!asked(context.spec().train().members(), context.spec().analyses())) {
            return List.of();
        }
        // Every stage that evaluates ensembles: ensembles/deep, fge, sse, curves/.../ensembles, spawn/e1/ensembles.
        List<String> waiting = SectionFigures.waitingFor(context, s -> s.startsWith("ensembles/") || s.equals("fge")
                || s.equals("sse") || s.endsWith("/ensembles"), "ensembles");
        List<Figure> out = new ArrayList<>();
        for (Metric m : METRICS) {
            String id = "ensemble-size-" + m.name();
            String sql = "select e.kind, e.variant, e.size, e." + m.column() + ", s." + m.column() + "_mean, s."
                    + m.column() + "_sd from ensemble_size e left join ensemble_size_subsets s on s.study = e.study"
                    + " and s.run_key = e.run_key and s.kind = e.kind and s.variant = e.variant and s.size = e.size"
                    + " where e." + SectionFigures.study(context) + " order by e.kind, e.variant, e.size, e.ensemble_id";
            String title = SectionFigures.capitalised(m.shortName()) + " against ensemble size";
            String caption = "Test " + m.shortName() + " of each kind of ensemble against the "
                    + "number of models it averages, one line per kind (Fort et al. Fig. 8). For the deep ensemble, "
                    + "the SWA solutions and Multi-SWAG the solid line is the mean over all subsets of k members (100 "
                    + "random subsets where there are more), shaded ±1 sample standard deviation, and the dashed "
                    + "line (\"first k\") is the ensemble of members 0..k-1; every other kind is its first k models.";
            out.add(SectionFigures.figure(context, waiting, new SectionFigures.Spec(id, title, caption,
                    "ensemble_size", sql, rows -> draw(context, id, title, m, rows))));
        }
        return out;
    }

    /**
     * The study evaluates ensembles by size: a study of two or more members always scores its deep ensemble of
     * sizes 1..M ({@code ensembles/deep}, unless the {@code ensembles} key leaves it out), so even a spec without
     * analysis keys gets Fort et al. Fig. 8 for it; otherwise the key itself, or an analysis that builds ensembles
     * of its own.
     */
    static boolean asked(int members, AnalysesConfig a) {
        return (members >= 2 && a.ensemblesAsked().deep()) || a.ensembles() != null || a.fge() != null
                || a.sse() != null || a.curves() != null || a.spawn() != null || a.distill() != null;
    }

    /**
     * One line per kind and variant, up to ~15 of them: the deep ensemble (the paper's subject) black and thick;
     * the other methods in the palette's distinct colours; the cheap subspace samplers faint and thin, coloured by
     * family and dashed for a family's second setting, listed last under short names ("subspace diag s=0.5") so
     * the legend is not cut off. Each line keeps its full name in {@code data-series}.
     */
    private static String draw(ReportContext context, String id, String title, Metric m, Rows rows) {
        Plot plot = SectionFigures.shared(Plot.of(title, "ensemble size", m.label()), context, id);
        List<String[]> names = new ArrayList<>(); // {full name, kind}
        Map<String, Rows> lines = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Rows> e : rows.groupBy("kind").entrySet()) {
            for (Map.Entry<String, Rows> v : e.getValue().groupBy("variant").entrySet()) {
                String name = v.getKey().isEmpty() || v.getKey().equals("null")
                        ? e.getKey() : e.getKey() + " " + v.getKey();
                names.add(new String[] {name, e.getKey()});
                lines.put(name, v.getValue());
            }
        }
        names.sort(java.util.Comparator.comparingInt(n -> rank(n[1])));
        int other = 0;
        List<String> families = new ArrayList<>();
        Map<String, Integer> settings = new java.util.HashMap<>();
        for (String[] n : names) {
            Style style;
            if (rank(n[1]) == 0) {
                style = new Style(BLACK, Marker.CIRCLE, false, 1.0, 1.4);
            } else if (rank(n[1]) == 1) {
                Style base = Style.of(other);
                style = new Style(COLOURS[other % COLOURS.length], base.marker(), other >= COLOURS.length, 1.0, 1.0);
                other++;
            } else {
                String family = family(n[1]);
                if (!families.contains(family)) families.add(family);
                int setting = settings.merge(family, 1, Integer::sum) - 1;
                style = new Style(COLOURS[families.indexOf(family) % COLOURS.length], Marker.CIRCLE, setting % 2 == 1,
                        0.45, 0.6);
                plot = plot.legendName(n[0], shortSubspace(n[1]));
            }
            Rows v = lines.get(n[0]);
            double[][] xy = SectionFigures.finite(v.numbers("size"), v.numbers(m.column()));
            double[][] mean = SectionFigures.finite(v.numbers("size"), v.numbers(m.column() + "_mean"));
            if (mean[0].length == 0) {
                plot = plot.line(n[0], xy[0], xy[1], style);
                continue;
            }
            double[][] band = band(v, m.column());
            plot = plot.band("_" + n[0] + " ±1 sd", band[0], band[1], band[2], style)
                    .line(n[0], mean[0], mean[1], style)
                    .line(n[0] + " first k", xy[0], xy[1], new Style(style.color(), Marker.NONE, true,
                            style.opacity(), style.size() * 0.7));
        }
        return plot.svg();
    }

    /**
     * Size, mean − sd and mean + sd of each size with a subset mean; where the sd is null (one subset: all
     * members) the band closes on the mean.
     */
    static double[][] band(Rows v, String column) {
        double[] size = v.numbers("size");
        double[] mean = v.numbers(column + "_mean");
        double[] sd = v.numbers(column + "_sd");
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < size.length; i++) {
            if (Double.isFinite(size[i]) && Double.isFinite(mean[i])) {
                double d = Double.isFinite(sd[i]) ? sd[i] : 0;
                kept.add(new double[] {size[i], mean[i] - d, mean[i] + d});
            }
        }
        double[][] out = new double[3][kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            for (int j = 0; j < 3; j++) out[j][i] = kept.get(i)[j];
        }
        return out;
    }

    /** Okabe-Ito indices that read well on white (all but black, kept for the deep ensemble, and yellow). */
    private static final int[] COLOURS = {0, 1, 2, 3, 4, 5};
    private static final int BLACK = 6;

    /** 0: the deep ensemble; 1: other methods; 2: subspace samplers (kind "subspace/FAMILY/SETTING"). */
    private static int rank(String kind) {
        return kind.equals("deep") ? 0 : kind.startsWith("subspace") ? 2 : 1;
    }

    private static String family(String kind) {
        String[] parts = kind.split("/");
        return parts.length > 1 ? parts[1] : kind;
    }

    /** "subspace/low-rank-gaussian/s=0.5" as "subspace low-rank s=0.5". */
    static String shortSubspace(String kind) {
        String[] parts = kind.split("/", 3);
        if (parts.length < 2) return kind;
        String family = parts[1].replace("-gaussian", "");
        return "subspace " + family + (parts.length > 2 ? " " + parts[2] : "");
    }
}
