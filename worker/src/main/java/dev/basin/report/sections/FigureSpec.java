package dev.basin.report.sections;

import dev.basin.report.Figure;
import dev.basin.report.ReportContext;
import dev.basin.report.plot.HeatMap;
import java.util.function.Function;

/**
 * What every figure of a section shares before it is drawn: its id, title, caption, view and query. Runs the
 * rule every section follows: pending while the stages behind it run, empty when they left no rows, else drawn.
 */
record FigureSpec(String id, String title, String caption, String view, String sql) {

    /**
     * The figure: pending (caption naming {@code waitsFor}) unless {@code finished}; else the query's rows, empty
     * when there are none, else drawn by {@code draw} from them.
     */
    Figure build(ReportContext context, boolean finished, String waitsFor, Function<Rows, String> draw) {
        if (!finished) {
            return Figure.pending(id, title, caption + " Waiting for the stages " + waitsFor + ".", view, sql);
        }
        Rows rows = Rows.of(context.query(sql));
        if (rows.isEmpty()) {
            return Figure.empty(id, title, caption + " The stages finished without rows in " + view + ".", view, sql,
                    rows.table(id));
        }
        return Figure.drawn(id, title, caption, view, sql, draw.apply(rows), rows.table(id));
    }

    /**
     * As {@link #build}, except that while the stages run the rows written so far are drawn, with a caption saying
     * so: training curves grow epoch by epoch on the dashboard. Pending only until the first row exists.
     */
    Figure buildGrowing(ReportContext context, boolean finished, String waitsFor, Function<Rows, String> draw) {
        if (finished) {
            return build(context, true, waitsFor, draw);
        }
        Rows rows = Rows.of(context.query(sql));
        if (rows.isEmpty()) {
            return build(context, false, waitsFor, draw);
        }
        return Figure.drawn(id, title, caption + " Still running (" + waitsFor + "): the epochs finished so far.", view,
                sql, draw.apply(rows), rows.table(id));
    }

    /** The comparison's shared colour scale, else {@code lo}..{@code hi} (the plot's own when they are equal). */
    static HeatMap shared(ReportContext context, String id, HeatMap map, double lo, double hi) {
        double[] v = context.sharedRange(id, "value");
        if (v != null) {
            return map.range(v[0], v[1]);
        }
        return lo < hi ? map.range(lo, hi) : map;
    }
}
