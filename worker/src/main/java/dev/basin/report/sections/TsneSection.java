package dev.basin.report.sections;

import dev.basin.db.ModelKind;
import dev.basin.report.Figure;
import dev.basin.report.ReportContext;
import dev.basin.report.Section;
import dev.basin.report.plot.Marker;
import dev.basin.report.plot.Plot;
import dev.basin.report.plot.Style;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * t-SNE of the models' test predictions (Fort et al. Fig. 2c and 4), from {@code tsne_points}: each member's
 * trajectory as one series of markers joined in epoch order by a faint line, subspace samples fainter, and every
 * other kind (final, SWA, ...) with its own marker. Every row of the query is exactly one marker ({@code .point}),
 * and the joining lines carry none, so the points drawn can be counted and compared with SQL.
 */
public final class TsneSection implements Section {
    private static final String VIEW = "tsne_points";

    @Override
    public String title() {
        return "t-SNE of predictions";
    }

    @Override
    public List<Figure> figures(ReportContext context) {
        if (context.spec().analyses().tsne() == null) {
            return List.of();
        }
        String sql = "select method, member, epoch, step, x, y from " + VIEW + " where " + SectionFigures.study(context)
                + " order by method, member, step, model_id";
        String caption = "t-SNE (perplexity " + context.spec().analyses().tsne().perplexity() + ") of each model's"
                + " predicted class probabilities on the test points, one colour per member: checkpoints along each"
                + " trajectory joined in epoch order, samples fainter (Fort et al. Fig. 2c, 4).";
        return List.of(new FigureSpec("tsne", "t-SNE of predictions", caption, VIEW, sql)
                .build(context, context.finished("tsne"), "tsne", rows -> draw(context, rows)));
    }

    private static String draw(ReportContext context, Rows rows) {
        Plot plot = Plot.of("t-SNE of predictions", "t-SNE 1", "t-SNE 2").equalAspect();
        Map<String, Rows> byMethod = rows.groupBy("method");
        // trajectories first: one colour per member, the line under its markers
        Rows trajectories = byMethod.get("trajectory");
        if (trajectories != null) {
            for (Map.Entry<String, Rows> m : trajectories.groupBy("member").entrySet()) {
                int member = Integer.parseInt(m.getKey());
                Style style = Style.of(member);
                plot = plot.line("member " + member + " path", m.getValue().numbers("x"), m.getValue().numbers("y"),
                        style.withMarker(Marker.NONE).faint());
                plot = plot.points("member " + member, m.getValue().numbers("x"), m.getValue().numbers("y"), style);
            }
        }
        List<String> kinds = new ArrayList<>();
        Map<String, Rows> samples = new LinkedHashMap<>();
        for (Map.Entry<String, Rows> e : byMethod.entrySet()) {
            if (e.getKey().equals("trajectory")) {
                continue;
            }
            if (e.getKey().equals(ModelKind.SAMPLE.text())) {
                // a sample with no subspace method: multi-SWAG's, drawn around every member
                samples.put("multi-swag", e.getValue());
            } else if (isKind(e.getKey())) {
                kinds.add(e.getKey());
            } else {
                samples.put(e.getKey(), e.getValue());
            }
        }
        Marker[] markers = {Marker.DIAMOND, Marker.TRIANGLE, Marker.CROSS, Marker.SQUARE, Marker.CIRCLE};
        // the kinds and samples after the members' colours
        int k = context.spec().train().members();
        for (String kind : kinds) {
            Rows r = byMethod.get(kind);
            Style style = Style.of(k).withMarker(markers[k % markers.length]).withSize(1.4);
            plot = plot.points(kind, r.numbers("x"), r.numbers("y"), style);
            k++;
        }
        for (Map.Entry<String, Rows> s : samples.entrySet()) {
            Style style = Style.of(k).withMarker(markers[k % markers.length]).faint().withSize(0.8);
            plot = plot.points("samples: " + s.getKey(), s.getValue().numbers("x"), s.getValue().numbers("y"), style);
            k++;
        }
        return SectionFigures.shared(plot, context, "tsne").svg();
    }

    /** Whether a method names a model kind (final, swa, ...) rather than a sampling method. */
    private static boolean isKind(String method) {
        for (ModelKind kind : ModelKind.values()) {
            if (kind.text().equals(method)) {
                return true;
            }
        }
        return false;
    }
}
