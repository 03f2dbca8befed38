package dev.basin.report.sections;

import dev.basin.report.Figure;
import dev.basin.report.ReportContext;
import dev.basin.report.plot.Plot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the plane, diversity, ensemble-size, SWA, interpolation, curve, budget and single-basin sections share:
 * deciding from the stages whether a figure is pending, running its one query, and telling an empty result from
 * a drawn one. A figure is drawn only from the rows of the query it shows, so its CSV is what it draws.
 */
final class SectionFigures {
    /** Stage names listed in a pending caption before "and N more": a plane has a stage per grid row. */
    private static final int NAMED = 4;

    private SectionFigures() {}

    /** What a figure needs before it can be drawn and how to draw it. */
    record Spec(String id, String title, String caption, String view, String sql, Function<Rows, String> draw) {}

    /**
     * The stages of the current plan that {@code needs} selects and that are not done or reused, each with its
     * state ({@code plane/0/row-03 (running)}), so that a failed stage does not read as one still to come; when the
     * plan has no such stage yet (the run has not been planned), the description of {@code needs} stands for them.
     */
    static List<String> waitingFor(ReportContext context, Predicate<String> needs, String described) {
        List<String> out = new ArrayList<>();
        boolean any = false;
        for (Map.Entry<String, String> e : context.stages().entrySet()) {
            if (needs.test(e.getKey())) {
                any = true;
                if (!e.getValue().equals("done") && !e.getValue().equals("reused")) {
                    out.add(e.getKey() + " (" + e.getValue() + ")");
                }
            }
        }
        return any ? out : List.of(described + " (not planned yet)");
    }

    /**
     * Pending while {@code waiting} is not empty, else the query's rows drawn, or empty when there are none. A query
     * or drawing that fails fails this figure alone, keeping its query for the reader to run, rather than the
     * whole section (three planes, four ensemble metrics).
     */
    static Figure figure(ReportContext context, List<String> waiting, Spec spec) {
        if (!waiting.isEmpty()) {
            return Figure.pending(spec.id(), spec.title(), spec.caption() + " " + waits(waiting), spec.view(),
                    spec.sql());
        }
        try {
            return drawn(context, spec);
        } catch (RuntimeException e) {
            String message = e.getMessage() == null || e.getMessage().isBlank()
                    ? e.getClass().getSimpleName() : e.getMessage().strip().lines().findFirst().orElse("");
            return new Figure(spec.id(), spec.title(), spec.caption() + " This figure failed: " + message,
                    spec.view(), spec.sql(), Figure.Status.FAILED, null, null);
        }
    }

    private static Figure drawn(ReportContext context, Spec spec) {
        Rows rows = Rows.of(context.query(spec.sql()));
        if (rows.isEmpty()) {
            return Figure.empty(spec.id(), spec.title(), spec.caption(), spec.view(), spec.sql(),
                    rows.table(spec.id()));
        }
        return Figure.drawn(spec.id(), spec.title(), spec.caption(), spec.view(), spec.sql(), spec.draw().apply(rows),
                rows.table(spec.id()));
    }

    /** "Waits for stages a, b, c (and 9 more)." */
    static String waits(List<String> stages) {
        String named = String.join(", ", stages.subList(0, Math.min(NAMED, stages.size())));
        String more = stages.size() > NAMED ? " (and " + (stages.size() - NAMED) + " more)" : "";
        return "Waits for stage" + (stages.size() == 1 ? " " : "s ") + named + more + ".";
    }

    /** {@code study = '...'}: every query's filter on the study. */
    static String study(ReportContext context) {
        return "study = " + ReportContext.literal(context.study());
    }

    /** The plot with the axis ranges a comparison report shares between studies, where it shares them. */
    static Plot shared(Plot plot, ReportContext context, String id) {
        double[] x = context.sharedRange(id, "x");
        double[] y = context.sharedRange(id, "y");
        Plot p = plot;
        if (x != null) {
            p = p.xRange(x[0], x[1]);
        }
        if (y != null) {
            p = p.yRange(y[0], y[1]);
        }
        return p;
    }

    /** "Train loss" from "train loss": captions begin with a capital. */
    static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Whether a stage name is {@code prefix} itself or lies below it ({@code plane/1}, not {@code plane/10}). */
    static boolean under(String stage, String prefix) {
        return stage.equals(prefix) || stage.startsWith(prefix + "/");
    }

    /** The finite values of {@code xs}/{@code ys} pairs, both finite: NaN from NULL would break lines and ranges. */
    static double[][] finite(double[] xs, double[] ys) {
        int n = 0;
        for (int k = 0; k < xs.length; k++) {
            if (Double.isFinite(xs[k]) && Double.isFinite(ys[k])) {
                n++;
            }
        }
        double[][] out = new double[2][n];
        int m = 0;
        for (int k = 0; k < xs.length; k++) {
            if (Double.isFinite(xs[k]) && Double.isFinite(ys[k])) {
                out[0][m] = xs[k];
                out[1][m] = ys[k];
                m++;
            }
        }
        return out;
    }
}
