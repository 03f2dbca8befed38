package dev.basin.report.sections;

import dev.basin.engine.analysis.PlaneConfig;
import dev.basin.report.Figure;
import dev.basin.report.ReportContext;
import dev.basin.report.Section;
import dev.basin.report.plot.ContourPlot;
import dev.basin.report.plot.Marker;
import dev.basin.report.plot.Style;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The loss plane through three models (Fort et al. Fig. 5; Garipov et al. Fig. 1): for each plane of the spec,
 * train loss (log-spaced contours), test error and the function similarity to the first anchor, as filled
 * contours over the plane's grid, with the anchors, projected checkpoints, samples and curve points on top.
 *
 * <p>Each figure runs one query: the grid's points ({@code layer = 'grid'}) and the projected models beside them,
 * so that its CSV holds everything it draws. The axes span exactly the grid's a and b, which the browser tests
 * compare with SQL; projected models outside the grid are not drawn.
 */
public final class PlaneSection implements Section {

    /** One surface of a plane: its figure id suffix, column, title and colour-bar label. */
    private record Surface(String suffix, String column, String title, String label, boolean log) {}

    private static final List<Surface> SURFACES = List.of(
            new Surface("train-loss", "train_loss", "Train loss on plane %d", "train loss (nats)", true),
            new Surface("test-error", "test_error", "Test error on plane %d", "test error", false),
            new Surface("similarity", "similarity_to_first", "Function similarity on plane %d",
                    "agreement with the first anchor", false));

    /** Overlay layers in drawing order: later ones on top. */
    private static final List<String> OVERLAYS = List.of("checkpoint", "sample", "curve", "anchor");

    @Override
    public String title() {
        return "Loss plane";
    }

    @Override
    public List<Figure> figures(ReportContext context) {
        List<PlaneConfig> planes = context.spec().analyses().planes();
        if (planes == null) {
            return List.of();
        }
        List<Figure> out = new ArrayList<>();
        for (int n = 0; n < planes.size(); n++) {
            String stage = "plane/" + n;
            List<String> waiting = SectionFigures.waitingFor(context, s -> SectionFigures.under(s, stage), stage);
            String anchors = planes.get(n).anchors().stream().map(String::valueOf).collect(Collectors.joining(", "));
            for (Surface surface : SURFACES) {
                out.add(SectionFigures.figure(context, waiting, spec(context, n, anchors, surface)));
            }
        }
        return out;
    }

    static String sql(ReportContext context, int plane, String column) {
        String where = "where " + SectionFigures.study(context) + " and plane = " + plane;
        return "select 'grid' as layer, null::text as label, i, j, a, b, " + column + " as value from plane_surface "
                + where + " union all select kind, label, null::int, null::int, a, b, null::double precision"
                + " from plane_points_projected " + where + " order by layer, j, i, label";
    }

    private SectionFigures.Spec spec(ReportContext context, int plane, String anchors, Surface surface) {
        String id = "plane-" + plane + "-" + surface.suffix();
        String caption = String.format(Locale.ROOT, "%s over the plane through %s (coordinates in units of the "
                        + "distance from the first anchor to the second), as filled contours%s; anchors, projected "
                        + "checkpoints and samples on top (Fort et al. Fig. 5; Garipov et al. Fig. 1).",
                SectionFigures.capitalised(surface.label()), anchors, surface.log() ? " at log-spaced levels" : "");
        String title = String.format(Locale.ROOT, surface.title(), plane);
        return new SectionFigures.Spec(id, title, caption, "plane_surface", sql(context, plane, surface.column()),
                rows -> draw(context, id, title, surface, rows));
    }

    private static String draw(ReportContext context, String id, String title, Surface surface, Rows rows) {
        Rows grid = rows.groupBy("layer").getOrDefault("grid", new Rows(rows.columns(), List.of()));
        PlaneGrid g = PlaneGrid.of(grid);
        ContourPlot plot = ContourPlot.of(title, "a (plane coordinate)", "b (plane coordinate)", g.xs(), g.ys(),
                g.z(), surface.label());
        if (surface.log() && g.positive()) {
            plot = plot.logLevels();
        }
        // Side by side with another study: the same colour scale and the same axes (a grid that differs is
        // clipped to them or leaves a margin), so equal positions and colours mean equal values.
        double[] shared = context.sharedRange(id, "value");
        if (shared != null) {
            plot = plot.range(shared[0], shared[1]);
        }
        double[] x = context.sharedRange(id, "x");
        if (x != null) {
            plot = plot.xRange(x[0], x[1]);
        }
        double[] y = context.sharedRange(id, "y");
        if (y != null) {
            plot = plot.yRange(y[0], y[1]);
        }
        var layers = rows.groupBy("layer");
        for (String kind : OVERLAYS) {
            Rows layer = layers.get(kind);
            if (layer == null) {
                continue;
            }
            Rows inside = g.inside(layer);
            if (inside.isEmpty()) {
                continue;
            }
            double[] a = inside.numbers("a");
            double[] b = inside.numbers("b");
            plot = plot.points(plural(kind), a, b, style(kind));
            if (kind.equals("anchor")) {
                plot = plot.labels(a, b, inside.texts("label"));
            }
        }
        return plot.svg();
    }

    /**
     * Overlay colours picked to stand out on viridis, whose dark purple and yellow ends rule out blue, black and
     * yellow: Okabe-Ito orange for anchors, sky blue for checkpoints, vermillion for samples, reddish purple for
     * curve points; shape tells them apart as well.
     */
    private static Style style(String kind) {
        return switch (kind) {
            case "anchor" -> Style.of(3).withMarker(Marker.CIRCLE).withSize(1.6);
            case "checkpoint" -> Style.of(5).withMarker(Marker.CIRCLE).withSize(0.8);
            case "sample" -> Style.of(1).withMarker(Marker.CROSS).withSize(0.8);
            default -> Style.of(4).withMarker(Marker.DIAMOND);
        };
    }

    private static String plural(String kind) {
        return kind + "s";
    }
}
