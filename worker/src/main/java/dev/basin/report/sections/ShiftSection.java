package dev.basin.report.sections;

import dev.basin.report.Figure;
import dev.basin.report.ReportContext;
import dev.basin.report.Section;
import dev.basin.report.plot.Plot;
import dev.basin.report.plot.Style;
import java.util.List;
import java.util.Map;

/**
 * Metrics against corruption severity (Ovadia et al. 2019; Fort et al. Fig. 9), from {@code shift_metrics}: one
 * line per kind of model, each point the mean over the corruptions (and, for single models, over the members) at
 * one severity. The query averages, so its rows are the points drawn. {@code shift_metrics} holds corrupted test
 * sets only, so the severities start at 1.
 */
public final class ShiftSection implements Section {
    private static final String VIEW = "shift_metrics";

    /** A line's name: single models averaged over members, ensembles by kind. */
    private static final String LINE = "case when owner = 'model' and kind = 'final' then 'members (mean)'"
            + " when owner = 'model' and kind = 'swa' then 'SWA solutions (mean)'"
            + " when owner = 'ensemble' and kind = 'deep' then 'deep ensemble'"
            + " when owner = 'ensemble' and kind = 'swa' then 'SWA ensemble'"
            + " else owner || ' ' || kind end";

    @Override
    public String title() {
        return "Dataset shift";
    }

    @Override
    public List<Figure> figures(ReportContext context) {
        if (context.spec().analyses().shift() == null) {
            return List.of();
        }
        boolean finished = context.finished("shift/");
        return List.of(
                figure(context, finished, "shift-accuracy", "Accuracy under shift", "accuracy", "accuracy"),
                figure(context, finished, "shift-nll", "NLL under shift", "nll", "NLL (nats)"),
                figure(context, finished, "shift-brier", "Brier score under shift", "brier", "Brier score"),
                figure(context, finished, "shift-ece", "ECE under shift", "ece", "ECE"));
    }

    private static Figure figure(ReportContext context, boolean finished, String id, String title, String metric,
                                 String yLabel) {
        String sql = "select " + LINE + " as line, severity, avg(" + metric + ") as " + metric
                + ", count(*) as results from " + VIEW + " where " + SectionFigures.study(context)
                + " group by 1, severity order by 1, severity";
        String caption = "Test " + yLabel + " on corrupted test sets against corruption severity, averaged over the"
                + " corruptions " + String.join(", ", context.spec().analyses().shift().corruptions())
                + " (and over the members, for single models); as Ovadia et al. (2019) and Fort et al. Fig. 9.";
        return new FigureSpec(id, title, caption, VIEW, sql).build(context, finished, "shift/*", rows -> {
            Plot plot = Plot.of(title, "corruption severity", yLabel);
            int i = 0;
            for (Map.Entry<String, Rows> line : rows.groupBy("line").entrySet()) {
                plot = plot.line(line.getKey(), line.getValue().numbers("severity"), line.getValue().numbers(metric),
                        Style.of(i++));
            }
            return SectionFigures.shared(plot, context, id).svg();
        });
    }
}
