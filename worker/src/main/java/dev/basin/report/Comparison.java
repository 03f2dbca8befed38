package dev.basin.report;

import dev.basin.db.QueryResult;
import dev.basin.spec.StudySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code basin report A B}: every study drawn on the same axes. Each study's report is built once as it would be
 * alone; the axis ranges its figures drew (their root {@code data-x-min} .. {@code data-value-max} attributes) are
 * joined per figure and axis; then every study is built again with a context whose
 * {@link ReportContext#sharedRange} returns the joined range.
 */
public final class Comparison {
    /** The axes a figure may share, as {@link ReportContext#sharedRange} names them. */
    public static final List<String> AXES = List.of("x", "y", "value");
    private static final Pattern ROOT = Pattern.compile("<svg\\b[^>]*>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\sdata-(x|y|value)-(min|max)=\"([^\"]*)\"");

    private Comparison() {}

    /** The reports of {@code contexts}, in order, built on shared axes. */
    public static List<Report> build(List<ReportContext> contexts) {
        return build(contexts, Report::build);
    }

    /** As {@link #build(List)}, with {@code builder} making each report (a test gives its own sections). */
    public static List<Report> build(List<ReportContext> contexts, Function<ReportContext, Report> builder) {
        List<Map<String, Map<String, double[]>>> drawn = new ArrayList<>();
        for (ReportContext c : contexts) {
            drawn.add(ranges(builder.apply(c)));
        }
        Map<String, Map<String, double[]>> shared = union(drawn);
        return contexts.stream().map(c -> builder.apply(new Shared(c, shared))).toList();
    }

    /** The axis ranges each drawn figure of {@code report} states on its root element, by figure id and axis. */
    public static Map<String, Map<String, double[]>> ranges(Report report) {
        Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
        for (Figure f : report.figures()) {
            if (f.status() == Figure.Status.DRAWN && f.svg() != null) {
                Map<String, double[]> axes = rootRanges(f.svg());
                if (!axes.isEmpty()) {
                    out.put(f.id(), axes);
                }
            }
        }
        return out;
    }

    /** The {min, max} of each axis whose two attributes the SVG's root element has, both finite. */
    static Map<String, double[]> rootRanges(String svg) {
        Matcher root = ROOT.matcher(svg);
        Map<String, double[]> axes = new LinkedHashMap<>();
        if (!root.find()) {
            return axes;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Matcher a = ATTRIBUTE.matcher(root.group());
        while (a.find()) {
            try {
                values.put(a.group(1) + "-" + a.group(2), Double.parseDouble(a.group(3).strip()));
            } catch (NumberFormatException e) {
                // an attribute that is not a number draws no shared range
            }
        }
        for (String axis : AXES) {
            Double lo = values.get(axis + "-min");
            Double hi = values.get(axis + "-max");
            if (lo != null && hi != null && Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi) {
                axes.put(axis, new double[] {lo, hi});
            }
        }
        return axes;
    }

    /** Per figure and axis, the smallest range holding every study's: the lowest min and the highest max. */
    public static Map<String, Map<String, double[]>> union(List<Map<String, Map<String, double[]>>> studies) {
        Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
        for (Map<String, Map<String, double[]>> study : studies) {
            study.forEach((id, axes) -> axes.forEach((axis, r) -> out.computeIfAbsent(id, k -> new LinkedHashMap<>())
                    .merge(axis, r.clone(), (x, y) -> new double[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])})));
        }
        return out;
    }

    /** A study's context that answers {@link #sharedRange} with the joined ranges; everything else is the study's. */
    record Shared(ReportContext inner, Map<String, Map<String, double[]>> ranges) implements ReportContext {
        @Override
        public String study() {
            return inner.study();
        }

        @Override
        public StudySpec spec() {
            return inner.spec();
        }

        @Override
        public Map<String, String> stages() {
            return inner.stages();
        }

        @Override
        public QueryResult query(String sql) {
            return inner.query(sql);
        }

        @Override
        public float[][] testPredictions(long modelId) {
            return inner.testPredictions(modelId);
        }

        @Override
        public int[] testLabels() {
            return inner.testLabels();
        }

        @Override
        public double[] sharedRange(String figureId, String axis) {
            double[] r = ranges.getOrDefault(figureId, Map.of()).get(axis);
            return r == null ? null : r.clone();
        }
    }
}
