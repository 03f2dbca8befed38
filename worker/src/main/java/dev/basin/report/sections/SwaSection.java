package dev.basin.report.sections;

import dev.basin.report.Figure;
import dev.basin.report.ReportContext;
import dev.basin.report.Section;
import dev.basin.report.plot.Marker;
import dev.basin.report.plot.Plot;
import dev.basin.report.plot.Style;
import java.util.List;

/**
 * SWA against SGD: each member's final SGD weights and its SWA solution as two points in (test NLL, test
 * accuracy), joined by a faint line per member, so that the move from one to the other reads as an arrow
 * (Izmailov et al.'s comparison; Fort et al. Sec. 4 use SWA as a within-mode ensemble).
 */
public final class SwaSection implements Section {
    static final String ID = "swa-vs-sgd";
    /** The series joining each member's two points. */
    static final String PAIRS = "member: SGD to SWA";
    /** Okabe-Ito's black, apart from the two points' colours. */
    private static final int BLACK = 6;

    @Override
    public String title() {
        return "SWA against SGD";
    }

    @Override
    public List<Figure> figures(ReportContext context) {
        if (context.spec().analyses().swa() == null) {
            return List.of();
        }
        List<String> waiting = SectionFigures.waitingFor(context,
                s -> s.startsWith("swa/") || s.startsWith("evaluate/"), "swa");
        String sql = "select member, final_nll, final_accuracy, swa_nll, swa_accuracy from swa_metrics"
                + " where " + SectionFigures.study(context) + " order by member, swa_variant";
        String caption = "Each member's final SGD weights and its SWA solution (weights averaged from swa.start on, "
                + "batch-norm statistics recomputed), test NLL against test accuracy; a faint line joins the two "
                + "points of one member.";
        return List.of(SectionFigures.figure(context, waiting, new SectionFigures.Spec(ID, "SWA against SGD",
                caption, "swa_metrics", sql, rows -> draw(context, rows))));
    }

    private static String draw(ReportContext context, Rows rows) {
        Plot plot = SectionFigures.shared(Plot.of("SWA against SGD", "test NLL (nats)", "test accuracy"),
                context, ID);
        double[] sgdNll = rows.numbers("final_nll");
        double[] sgdAcc = rows.numbers("final_accuracy");
        double[] swaNll = rows.numbers("swa_nll");
        double[] swaAcc = rows.numbers("swa_accuracy");
        // One series for every member's SGD-to-SWA segment: NaN splits it into one run per member.
        double[] xs = new double[3 * rows.size()];
        double[] ys = new double[3 * rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            xs[3 * r] = sgdNll[r];
            xs[3 * r + 1] = swaNll[r];
            xs[3 * r + 2] = Double.NaN;
            ys[3 * r] = sgdAcc[r];
            ys[3 * r + 1] = swaAcc[r];
            ys[3 * r + 2] = Double.NaN;
        }
        plot = plot.line(PAIRS, xs, ys, Style.of(BLACK).withMarker(Marker.NONE).faint());
        double[][] sgd = SectionFigures.finite(sgdNll, sgdAcc);
        double[][] swa = SectionFigures.finite(swaNll, swaAcc);
        plot = plot.points("SGD (final)", sgd[0], sgd[1], Style.of(0).withMarker(Marker.CIRCLE));
        plot = plot.points("SWA", swa[0], swa[1], Style.of(1).withMarker(Marker.SQUARE));
        return plot.svg();
    }
}
