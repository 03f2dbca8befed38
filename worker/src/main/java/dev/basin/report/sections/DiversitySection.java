package dev.basin.report.sections;

import dev.basin.report.Figure;
import dev.basin.report.ReportContext;
import dev.basin.report.Section;
import dev.basin.report.plot.Marker;
import dev.basin.report.plot.Plot;
import dev.basin.report.plot.Style;
import java.util.List;
import java.util.Map;

/**
 * Diversity against accuracy (Fort et al. Fig. 6): every kept subspace sample, one series per sampling method,
 * and the other independently trained members beside them as a series of their own. Diversity is the view's
 * normalised disagreement: the fraction of test predictions that differ from the baseline member's, divided by
 * the baseline's error (1 − its accuracy), so that 1 is as diverse as an independent model of equal error. The
 * view's {@code diversity_own} (Fort et al.'s notebook: over the sample's own error) is not drawn; the caption says
 * which one is.
 */
public final class DiversitySection implements Section {
    static final String ID = "diversity-accuracy";
    private static final String MEMBERS = "member";

    @Override
    public String title() {
        return "Diversity against accuracy";
    }

    @Override
    public List<Figure> figures(ReportContext context) {
        if (context.spec().analyses().subspace() == null) {
            return List.of();
        }
        List<String> waiting = SectionFigures.waitingFor(context,
                s -> s.startsWith("subspace/") && !s.startsWith("subspace/multi-swag/"), "subspace");
        String sql = "select method, scale, sample, label, accuracy, diversity from subspace_diversity where "
                + SectionFigures.study(context) + " and kept and diversity is not null"
                + " order by method = 'member', method, scale, sample, model_id";
        String caption = "Test accuracy against diversity of the samples around the subspace's member, one series "
                + "per sampling method, with the other independently trained members beside them (Fort et al. "
                + "Fig. 6). Diversity: the fraction of test predictions that differ from the member's, divided "
                + "by the member's test error (1 − its accuracy), as DESIGN.md defines it; Fort et al.'s notebook "
                + "divides by the sample's own error instead (subspace_diversity.diversity_own).";
        return List.of(SectionFigures.figure(context, waiting, new SectionFigures.Spec(ID,
                "Diversity against accuracy", caption, "subspace_diversity", sql, rows -> draw(context, rows))));
    }

    private static String draw(ReportContext context, Rows rows) {
        Plot plot = SectionFigures.shared(Plot.of("Diversity against accuracy", "test accuracy",
                "diversity (disagreement / (1 − accuracy))"), context, ID);
        int k = 0;
        for (Map.Entry<String, Rows> e : rows.groupBy("method").entrySet()) {
            boolean members = e.getKey().equals(MEMBERS);
            Style style = members ? Style.of(k).withMarker(Marker.SQUARE).withSize(1.5) : Style.of(k);
            plot = plot.points(members ? "independent members" : e.getKey(), e.getValue().numbers("accuracy"),
                    e.getValue().numbers("diversity"), style);
            k++;
        }
        return plot.svg();
    }
}
