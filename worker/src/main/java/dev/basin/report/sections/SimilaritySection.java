package dev.basin.report.sections;

import dev.basin.report.Figure;
import dev.basin.report.ReportContext;
import dev.basin.report.Section;
import dev.basin.report.plot.HeatMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weight cosine similarity and prediction disagreement as heat maps (Fort et al. Fig. 2a/b and 3), from
 * {@code similarity_pairs}: within member 0's trajectory (scope {@code trajectory}, checkpoints by epoch) and
 * between the members' final weights (scope {@code members}). The view holds each unordered pair once; the map
 * shows it in both triangles and leaves the diagonal (a model against itself) blank, so that every cell drawn is a
 * row of the query.
 */
public final class SimilaritySection implements Section {
    private static final String VIEW = "similarity_pairs";
    /** Matrices up to this size carry their values in the cells. */
    private static final int ANNOTATE_UP_TO = 12;
    /** What the cosine is over (README "The weight vector"); the kernels-only figure is in the view. */
    private static final String COSINE = "Cosine similarity of the trainable weights (no batch-norm running statistics)";

    @Override
    public String title() {
        return "Function space similarity";
    }

    @Override
    public List<Figure> figures(ReportContext context) {
        if (context.spec().analyses().similarity() == null) {
            return List.of();
        }
        List<String> scopes = context.spec().analyses().similarity().scopes();
        boolean finished = context.finished("similarity");
        List<Figure> out = new ArrayList<>();
        if (scopes.contains("trajectory")) {
            String filter = " and scope = 'trajectory' and member_a = 0 and member_b = 0";
            String captionTail = " between the checkpoints along member 0's trajectory, by epoch (Fort et al. Fig. 2%s).";
            out.add(map(context, finished, "cosine-trajectory", "Cosine similarity within a trajectory", "cosine",
                    filter, "epoch", COSINE + captionTail.formatted("a")));
            out.add(map(context, finished, "disagreement-trajectory", "Disagreement within a trajectory",
                    "disagreement", filter, "epoch",
                    "Fraction of test predictions that differ" + captionTail.formatted("b")));
        }
        if (scopes.contains("members")) {
            String filter = " and scope = 'members'";
            String captionTail = " between the members' final models (Fort et al. Fig. 3).";
            out.add(map(context, finished, "cosine-finals", "Cosine similarity between members", "cosine", filter,
                    "member", COSINE + captionTail));
            out.add(map(context, finished, "disagreement-finals", "Disagreement between members", "disagreement",
                    filter, "member", "Fraction of test predictions that differ" + captionTail));
        }
        return out;
    }

    /** One heat map; {@code by} is how models are labelled ("epoch" along a trajectory, "member" across finals). */
    private static Figure map(ReportContext context, boolean finished, String id, String title, String column,
                              String filter, String by, String caption) {
        String a = by + "_a";
        String b = by + "_b";
        String sql = "select " + a + ", " + b + ", step_a, step_b, " + column + " from " + VIEW + " where "
                + SectionFigures.study(context) + filter + " order by step_a, " + a + ", step_b, " + b;
        caption += " The colour scale spans the values drawn; the diagonal is left blank.";
        return new FigureSpec(id, title, caption, VIEW, sql).build(context, finished, "similarity", rows -> {
            // models in order of (step, label); a step tells checkpoints of one epoch apart (trajectory.everySteps)
            Map<String, String> labels = new LinkedHashMap<>();
            List<String[]> models = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                models.add(new String[] {rows.text(r, "step_a"), rows.text(r, a)});
                models.add(new String[] {rows.text(r, "step_b"), rows.text(r, b)});
            }
            models.sort((x, y) -> {
                int c = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
                return c != 0 ? c : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
            });
            for (String[] m : models) {
                labels.putIfAbsent(m[0] + "/" + m[1], m[1]);
            }
            List<String> keys = new ArrayList<>(labels.keySet());
            int n = keys.size();
            boolean sameLabelTwice = labels.values().stream().distinct().count() < n;
            String[] names = new String[n];
            for (int i = 0; i < n; i++) {
                String[] kv = keys.get(i).split("/");
                names[i] = sameLabelTwice ? kv[1] + " (step " + kv[0] + ")" : kv[1];
            }
            double[][] values = new double[n][n];
            for (double[] row : values) {
                java.util.Arrays.fill(row, Double.NaN);
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < rows.size(); r++) {
                int i = keys.indexOf(rows.text(r, "step_a") + "/" + rows.text(r, a));
                int j = keys.indexOf(rows.text(r, "step_b") + "/" + rows.text(r, b));
                double v = rows.number(r, column);
                values[i][j] = v;
                values[j][i] = v;
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (!(lo <= hi)) {
                lo = 0;
                hi = 1;
            }
            String[] axis = java.util.Arrays.stream(names).map(s -> by + " " + s).toArray(String[]::new);
            HeatMap heat = HeatMap.of(title, axis, axis, values, column.equals("cosine") ? "cosine similarity"
                    : "disagreement (fraction of test points)");
            heat = FigureSpec.shared(context, id, heat, lo, hi);
            if (n <= ANNOTATE_UP_TO) {
                heat = heat.annotate();
            }
            return heat.svg();
        });
    }
}
