package dev.basin.spec;

import static dev.basin.spec.SpecPrinter.number;

import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.EnsemblesConfig;
import dev.basin.engine.analysis.InterpolationConfig;
import dev.basin.engine.analysis.PlaneConfig;
import dev.basin.engine.analysis.ShiftConfig;
import dev.basin.engine.analysis.SimilarityConfig;
import dev.basin.engine.analysis.SubspaceConfig;
import dev.basin.engine.analysis.SwaConfig;
import dev.basin.engine.analysis.TrajectoryConfig;
import dev.basin.engine.analysis.TsneConfig;
import dev.basin.engine.analysis.WeightPair;
import dev.basin.engine.analysis.WeightRef;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The normalised text of the analysis keys, for {@link SpecPrinter}: every key asked for, defaults filled in, in
 * {@link SpecRules#ANALYSIS_KEYS} order; keys not asked for are left out. Short lists are written in flow style
 * ({@code [0.5, 1.0]}), weight references in their canonical text ({@code checkpoint:0@2}).
 */
final class AnalysisPrinter {

    private AnalysisPrinter() {}

    static void print(StringBuilder sb, AnalysesConfig a) {
        append(sb, "trajectory", a.trajectory());
        append(sb, "similarity", a.similarity());
        append(sb, "tsne", a.tsne());
        append(sb, "swa", a.swa());
        append(sb, "subspace", a.subspace());
        append(sb, "ensembles", a.ensembles());
        append(sb, "plane", a.planes());
        append(sb, "interpolation", a.interpolation());
        append(sb, "shift", a.shift());
    }

    private static void append(StringBuilder sb, String key, Object config) {
        if (config != null) {
            block(sb, key, config);
        }
    }

    /**
     * Writes {@code key:} and {@code config}'s normalised text below it; false when {@code config} is not an
     * analysis value (nothing is written then).
     */
    static boolean block(StringBuilder sb, String key, Object config) {
        if (config instanceof TrajectoryConfig t) {
            sb.append(key).append(":\n");
            if (t.everySteps() != 0) {
                line(sb, "  ", "everySteps", Integer.toString(t.everySteps()));
            }
            if (t.every() != 0 || t.everySteps() == 0) {
                line(sb, "  ", "every", Integer.toString(t.every()));
            }
        } else if (config instanceof SimilarityConfig s) {
            sb.append(key).append(":\n");
            line(sb, "  ", "scopes", flow(s.scopes(), SpecPrinter::string));
        } else if (config instanceof TsneConfig t) {
            sb.append(key).append(":\n");
            line(sb, "  ", "perplexity", number(t.perplexity()));
            line(sb, "  ", "seed", Long.toString(t.seed()));
        } else if (config instanceof SwaConfig s) {
            sb.append(key).append(":\n");
            line(sb, "  ", "start", Integer.toString(s.start()));
            line(sb, "  ", "rank", Integer.toString(s.rank()));
        } else if (config instanceof SubspaceConfig s) {
            subspace(sb, key, s);
        } else if (config instanceof EnsemblesConfig e) {
            sb.append(key).append(":\n");
            line(sb, "  ", "deep", Boolean.toString(e.deep()));
            line(sb, "  ", "swa", Boolean.toString(e.swa()));
            line(sb, "  ", "subspace", Boolean.toString(e.subspace()));
            line(sb, "  ", "multiSwag", Boolean.toString(e.multiSwag()));
        } else if (config instanceof PlaneConfig p) {
            sb.append(key).append(":\n");
            plane(sb, "  ", "  ", p);
        } else if (config instanceof List<?> planes
                && planes.stream().allMatch(p -> p == null || p instanceof PlaneConfig)) {
            sb.append(key).append(":\n");
            for (Object p : planes) {
                if (p == null) {
                    sb.append("  - null\n");
                } else {
                    plane(sb, "  - ", "    ", (PlaneConfig) p);
                }
            }
        } else if (config instanceof InterpolationConfig in) {
            sb.append(key).append(":\n");
            line(sb, "  ", "pairs", flow(in.pairs(), AnalysisPrinter::pair));
            line(sb, "  ", "points", Integer.toString(in.points()));
            line(sb, "  ", "margin", number(in.margin()));
            line(sb, "  ", "trainSubset", Integer.toString(in.trainSubset()));
        } else if (config instanceof ShiftConfig s) {
            sb.append(key).append(":\n");
            line(sb, "  ", "corruptions", flow(s.corruptions(), SpecPrinter::string));
            line(sb, "  ", "severities", flow(s.severities(), String::valueOf));
        } else {
            return false;
        }
        return true;
    }

    private static void subspace(StringBuilder sb, String key, SubspaceConfig s) {
        sb.append(key).append(":\n");
        line(sb, "  ", "around", Integer.toString(s.around()));
        line(sb, "  ", "samples", Integer.toString(s.samples()));
        if (s.random() != null) {
            sb.append("  ").append(SpecRules.RANDOM).append(":\n");
            line(sb, "    ", "radii", numbers(s.random().radii()));
            line(sb, "    ", "accuracyFloor", number(s.random().accuracyFloor()));
        }
        if (s.dropout() != null) {
            sb.append("  ").append(SpecRules.DROPOUT).append(":\n");
            line(sb, "    ", "rates", numbers(s.dropout().rates()));
        }
        if (s.diagGaussian() != null) {
            sb.append("  ").append(SpecRules.DIAG_GAUSSIAN).append(":\n");
            line(sb, "    ", "scales", numbers(s.diagGaussian().scales()));
        }
        if (s.lowRankGaussian() != null) {
            sb.append("  ").append(SpecRules.LOW_RANK_GAUSSIAN).append(":\n");
            line(sb, "    ", "rank", Integer.toString(s.lowRankGaussian().rank()));
            line(sb, "    ", "scales", numbers(s.lowRankGaussian().scales()));
        }
    }

    /** One plane as a map: its first key after {@code first} ("  - " in a list), the others after {@code rest}. */
    private static void plane(StringBuilder sb, String first, String rest, PlaneConfig p) {
        line(sb, first, "anchors", flow(p.anchors(), AnalysisPrinter::ref));
        line(sb, rest, "grid", Integer.toString(p.grid()));
        line(sb, rest, "margin", number(p.margin()));
        line(sb, rest, "trainSubset", Integer.toString(p.trainSubset()));
    }

    /** A weight reference: its canonical text is plain YAML (letters, digits, ':' and '@' inside). */
    private static String ref(WeightRef r) {
        return r.toString();
    }

    private static String pair(WeightPair p) {
        return "[" + (p.a() == null ? "null" : ref(p.a())) + ", " + (p.b() == null ? "null" : ref(p.b())) + "]";
    }

    private static String numbers(List<Double> values) {
        return flow(values, SpecPrinter::number);
    }

    /** {@code [a, b, c]}; null elements as {@code null}, a null list as {@code null}. */
    private static <T> String flow(List<T> values, Function<T, String> text) {
        if (values == null) {
            return "null";
        }
        return values.stream().map(v -> v == null ? "null" : text.apply(v)).collect(Collectors.joining(", ", "[", "]"));
    }

    private static void line(StringBuilder sb, String indent, String key, String value) {
        sb.append(indent).append(key).append(": ").append(value).append('\n');
    }
}
