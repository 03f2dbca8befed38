package dev.basin.report.sections;

import dev.basin.report.Figure;
import dev.basin.report.ReportContext;
import dev.basin.report.Section;
import dev.basin.report.plot.Plot;
import dev.basin.report.plot.Style;
import java.util.List;
import java.util.Map;

/**
 * Independent training (ind), snapshot ensembles (sse) and fast geometric ensembling (fge) at equal training
 * budgets (Garipov et al. Table 1): test accuracy against the budget in units of B, one network's training. The
 * figure's CSV is the whole table (models, epochs spent, accuracy, error, NLL, Brier, ECE), not only what is drawn.
 */
public final class BudgetSection implements Section {
    static final String ID = "budget";

    @Override
    public String title() {
        return "Ensembles at equal training budget";
    }

    @Override
    public List<Figure> figures(ReportContext context) {
        if (context.spec().analyses().budget() == null) {
            return List.of();
        }
        List<String> waiting = SectionFigures.waitingFor(context,
                s -> s.equals("budget") || s.equals("fge") || s.equals("sse"), "budget");
        String sql = "select method, budget, models, epochs, accuracy, error, nll, brier, ece from budget_ensembles"
                + " where " + SectionFigures.study(context) + " order by method, budget";
        String caption = "Test accuracy of the deep ensemble of independently trained members (ind), a snapshot "
                + "ensemble (sse) and fast geometric ensembling (fge) at training budgets of 1B, 2B, ... (B = "
                + "train.epochs, one network's training); the table (CSV) adds models, epochs, error, NLL, Brier "
                + "and ECE (Garipov et al. Table 1).";
        return List.of(SectionFigures.figure(context, waiting, new SectionFigures.Spec(ID,
                "Ensembles at equal budget", caption, "budget_ensembles", sql, rows -> draw(context, rows))));
    }

    private static String draw(ReportContext context, Rows rows) {
        Plot plot = SectionFigures.shared(Plot.of("Ensembles at equal budget", "training budget (B = one network)",
                "test accuracy"), context, ID);
        int k = 0;
        for (Map.Entry<String, Rows> e : rows.groupBy("method").entrySet()) {
            double[][] xy = SectionFigures.finite(e.getValue().numbers("budget"), e.getValue().numbers("accuracy"));
            plot = plot.line(e.getKey(), xy[0], xy[1], Style.of(k));
            k++;
        }
        return plot.svg();
    }
}
