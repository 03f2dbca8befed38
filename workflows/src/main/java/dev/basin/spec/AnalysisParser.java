package dev.basin.spec;

import static dev.basin.spec.SpecRules.*;
import static dev.basin.spec.YamlFields.describe;

import dev.basin.engine.DataConfig;
import dev.basin.engine.TrainConfig;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the analysis keys of one spec (trajectory ... shift) into an {@link AnalysesConfig}: types, known keys
 * and defaults. Ranges and cross-field rules are {@link AnalysisValidator}'s, so that a spec built in code gets
 * the same checks. Part of one {@link SpecParser} run; pure like it.
 */
final class AnalysisParser {

    private final YamlFields yaml;

    AnalysisParser(YamlFields yaml) {
        this.yaml = yaml;
    }

    /** @param seed, data, train the spec's other values, which some defaults derive from */
    AnalysesConfig parse(Map<String, Node> top, long seed, DataConfig data, TrainConfig train) {
        int trainSubset = defaultAnalysisTrainSubset(data.trainSubset());
        return new AnalysesConfig(trajectory(top.get("trajectory")), similarity(top.get("similarity")),
                tsne(top.get("tsne"), seed), swa(top.get("swa"), train.epochs()), subspace(top.get("subspace")),
                ensembles(top.get("ensembles")), planes(top.get("plane"), trainSubset),
                interpolation(top.get("interpolation"), trainSubset), shift(top.get("shift")));
    }

    // ---- keys ---------------------------------------------------------------------------------------

    TrajectoryConfig trajectory(Node node) {
        Map<String, Node> f = block("trajectory", node, TRAJECTORY_KEYS);
        if (f == null) {
            return null;
        }
        // Unreadable values fall back to valid ones of the same mode, so that nothing else is reported for them.
        boolean bySteps = f.containsKey("everySteps");
        int every = integer(f, "trajectory", "every", bySteps ? 0 : DEFAULT_TRAJECTORY_EVERY);
        int steps = bySteps ? yaml.intValue("trajectory.everySteps", f.get("everySteps"), 1) : 0;
        return new TrajectoryConfig(every, steps);
    }

    SimilarityConfig similarity(Node node) {
        if (node instanceof ScalarNode s && Tag.BOOL.equals(s.getTag())) {
            return yaml.bool("similarity", node, false) ? new SimilarityConfig(SIMILARITY_SCOPES) : null;
        }
        if (node != null && !(node instanceof MappingNode)) {
            yaml.bad("similarity", "must be true, false or a map with keys " + String.join(", ", SIMILARITY_KEYS)
                    + " ({} or true for all scopes), got " + describe(node), node);
            return null;
        }
        Map<String, Node> f = block("similarity", node, SIMILARITY_KEYS);
        if (f == null) {
            return null;
        }
        List<String> scopes = f.containsKey("scopes")
                ? texts("similarity.scopes", f.get("scopes"), SIMILARITY_SCOPES) : SIMILARITY_SCOPES;
        return new SimilarityConfig(scopes);
    }

    TsneConfig tsne(Node node, long seed) {
        Map<String, Node> f = block("tsne", node, TSNE_KEYS);
        if (f == null) {
            return null;
        }
        double perplexity = number(f, "tsne", "perplexity", DEFAULT_PERPLEXITY);
        long tsneSeed = f.containsKey("seed") ? yaml.longValue("tsne.seed", f.get("seed"), seed) : seed;
        return new TsneConfig(perplexity, tsneSeed);
    }

    SwaConfig swa(Node node, int epochs) {
        Map<String, Node> f = block("swa", node, SWA_KEYS);
        if (f == null) {
            return null;
        }
        int start = integer(f, "swa", "start", defaultSwaStart(epochs));
        boolean startBad = yaml.bad.contains("swa.start");
        int rank = integer(f, "swa", "rank", defaultSwagRank(epochs, startBad ? defaultSwaStart(epochs) : start));
        return new SwaConfig(start, rank);
    }

    SubspaceConfig subspace(Node node) {
        Map<String, Node> f = block("subspace", node, SUBSPACE_KEYS);
        if (f == null) {
            return null;
        }
        int around = integer(f, "subspace", "around", DEFAULT_AROUND);
        int samples = integer(f, "subspace", "samples", DEFAULT_SAMPLES);
        Map<String, Node> r = block("subspace." + RANDOM, f.get(RANDOM), RANDOM_KEYS);
        SubspaceConfig.Random random = r == null ? null : new SubspaceConfig.Random(
                numbers(r, "subspace.random", "radii", DEFAULT_RADII),
                number(r, "subspace.random", "accuracyFloor", DEFAULT_ACCURACY_FLOOR));
        Map<String, Node> d = block("subspace." + DROPOUT, f.get(DROPOUT), DROPOUT_KEYS);
        SubspaceConfig.Dropout dropout = d == null ? null : new SubspaceConfig.Dropout(
                numbers(d, "subspace.dropout", "rates", DEFAULT_DROPOUT_RATES));
        Map<String, Node> g = block("subspace." + DIAG_GAUSSIAN, f.get(DIAG_GAUSSIAN), DIAG_GAUSSIAN_KEYS);
        SubspaceConfig.DiagGaussian diag = g == null ? null : new SubspaceConfig.DiagGaussian(
                numbers(g, "subspace.diag-gaussian", "scales", DEFAULT_DIAG_SCALES));
        Map<String, Node> l = block("subspace." + LOW_RANK_GAUSSIAN, f.get(LOW_RANK_GAUSSIAN), LOW_RANK_GAUSSIAN_KEYS);
        SubspaceConfig.LowRankGaussian lowRank = l == null ? null : new SubspaceConfig.LowRankGaussian(
                integer(l, "subspace.low-rank-gaussian", "rank", DEFAULT_LOW_RANK),
                numbers(l, "subspace.low-rank-gaussian", "scales", DEFAULT_LOW_RANK_SCALES));
        return new SubspaceConfig(around, samples, random, dropout, diag, lowRank);
    }

    EnsemblesConfig ensembles(Node node) {
        Map<String, Node> f = block("ensembles", node, ENSEMBLES_KEYS);
        if (f == null) {
            return null;
        }
        return new EnsemblesConfig(bool(f, "deep", true), bool(f, "swa", false), bool(f, "subspace", false),
                bool(f, "multiSwag", false));
    }

    List<PlaneConfig> planes(Node node, int defaultTrainSubset) {
        if (node == null) {
            return null;
        }
        List<Node> items = yaml.list("plane", node, "a list of planes, each a map with keys "
                + String.join(", ", PLANE_KEYS) + ", e.g. plane: [{anchors: [final:0, final:1, final:2]}]");
        if (items == null) {
            return null;
        }
        List<PlaneConfig> planes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "plane[" + i + "]";
            Map<String, Node> f = items.get(i) == null ? null : block(path, items.get(i), PLANE_KEYS);
            if (f == null) {
                planes.add(null);
                continue;
            }
            List<WeightRef> anchors = null;
            if (f.containsKey("anchors")) {
                anchors = refs(path + ".anchors", f.get("anchors"),
                        "a list of 3 weight references (" + WeightRef.FORMS + ")");
            } else {
                required(path + ".anchors", path, items.get(i),
                        "3 weight references (" + WeightRef.FORMS + "), e.g. anchors: [final:0, final:1, final:2]");
            }
            planes.add(new PlaneConfig(anchors, integer(f, path, "grid", DEFAULT_GRID),
                    number(f, path, "margin", DEFAULT_MARGIN), integer(f, path, "trainSubset", defaultTrainSubset)));
        }
        return planes;
    }

    InterpolationConfig interpolation(Node node, int defaultTrainSubset) {
        Map<String, Node> f = block("interpolation", node, INTERPOLATION_KEYS);
        if (f == null) {
            return null;
        }
        List<WeightPair> pairs = null;
        if (f.containsKey("pairs")) {
            List<Node> items = yaml.list("interpolation.pairs", f.get("pairs"),
                    "a list of pairs, e.g. pairs: [[final:0, final:1]]");
            if (items != null) {
                pairs = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    String path = "interpolation.pairs[" + i + "]";
                    List<WeightRef> two = items.get(i) == null ? null
                            : refs(path, items.get(i), "a pair [a, b] of weight references (" + WeightRef.FORMS + ")");
                    if (two != null && two.size() != 2) {
                        yaml.bad(path, "must be a pair [a, b] of 2 weight references, got " + two.size(),
                                items.get(i));
                        two = null;
                    }
                    pairs.add(two == null ? null : new WeightPair(two.get(0), two.get(1)));
                }
            }
        } else {
            required("interpolation.pairs", "interpolation", node,
                    "a list of pairs of weight references, e.g. pairs: [[final:0, final:1]]");
        }
        return new InterpolationConfig(pairs, integer(f, "interpolation", "points", DEFAULT_POINTS),
                number(f, "interpolation", "margin", DEFAULT_MARGIN),
                integer(f, "interpolation", "trainSubset", defaultTrainSubset));
    }

    ShiftConfig shift(Node node) {
        Map<String, Node> f = block("shift", node, SHIFT_KEYS);
        if (f == null) {
            return null;
        }
        List<String> corruptions = f.containsKey("corruptions")
                ? texts("shift.corruptions", f.get("corruptions"), CORRUPTIONS) : CORRUPTIONS;
        List<Integer> severities = SEVERITIES;
        if (f.containsKey("severities")) {
            severities = each("shift.severities", f.get("severities"), "a list of severities (1 to 5)",
                    (p, n) -> {
                        int before = yaml.problems.size();
                        int v = yaml.intValue(p, n, 0);
                        return yaml.problems.size() == before ? v : null;
                    });
        }
        return new ShiftConfig(corruptions, severities);
    }

    // ---- pieces -------------------------------------------------------------------------------------

    /** The keys of a block, or null: when absent ({@code node} null), or not a map (reported). */
    private Map<String, Node> block(String path, Node node, List<String> keys) {
        if (node == null) {
            return null;
        }
        if (node instanceof MappingNode map) {
            return yaml.fields(map, path, keys);
        }
        yaml.bad(path, "must be a map with keys " + String.join(", ", keys) + " ({} for the defaults), got "
                + describe(node), node);
        return null;
    }

    private void required(String path, String block, Node blockNode, String what) {
        yaml.bad.add(path);
        yaml.problem(path, "required: " + what, yaml.keyLines.getOrDefault(block, YamlFields.line(blockNode)));
    }

    private int integer(Map<String, Node> f, String block, String key, int fallback) {
        return f.containsKey(key) ? yaml.intValue(block + "." + key, f.get(key), fallback) : fallback;
    }

    private double number(Map<String, Node> f, String block, String key, double fallback) {
        return f.containsKey(key) ? yaml.number(block + "." + key, f.get(key), fallback) : fallback;
    }

    private boolean bool(Map<String, Node> f, String key, boolean fallback) {
        return f.containsKey(key) ? yaml.bool("ensembles." + key, f.get(key), fallback) : fallback;
    }

    private List<Double> numbers(Map<String, Node> f, String block, String key, List<Double> fallback) {
        if (!f.containsKey(key)) {
            return fallback;
        }
        return each(block + "." + key, f.get(key), "a list of numbers, e.g. [" + Text.number(fallback.get(0)) + "]",
                (p, n) -> {
                    int before = yaml.problems.size();
                    double v = yaml.number(p, n, 0);
                    return yaml.problems.size() == before ? v : null;
                });
    }

    /** A list of names; whether each is allowed is the validator's to say (with the closest one suggested). */
    private List<String> texts(String path, Node node, List<String> allowed) {
        return each(path, node, "a list of names, some of " + String.join(", ", allowed),
                (p, n) -> yaml.text(p, n, "one of " + String.join(", ", allowed)));
    }

    private List<WeightRef> refs(String path, Node node, String what) {
        return each(path, node, what, (p, n) -> {
            String text = yaml.text(p, n, "a weight reference: " + WeightRef.FORMS);
            if (text == null) {
                return null;
            }
            try {
                return WeightRef.parse(text);
            } catch (IllegalArgumentException e) {
                yaml.bad(p, refMessage(text), n);
                return null;
            }
        });
    }

    /** The elements of a list read by {@code read} (null where unreadable), or null when not a list. */
    private <T> List<T> each(String path, Node node, String what, BiFunction<String, Node, T> read) {
        List<Node> items = yaml.list(path, node, what);
        if (items == null) {
            return null;
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(items.get(i) == null ? null : read.apply(path + "[" + i + "]", items.get(i)));
        }
        return out;
    }

    /** Why {@code text} is not a weight reference, with the likely intended one when there is one. */
    static String refMessage(String text) {
        String msg = "must be a weight reference: " + WeightRef.FORMS + " (M a member index, E an epoch), got "
                + Text.quote(text);
        int colon = text.indexOf(':');
        String kind = colon < 0 ? text : text.substring(0, colon);
        String hint = Text.closest(kind, List.of("final", "swa", "checkpoint", "origin"));
        if (hint != null && !hint.equals(kind)) {
            String fixed = hint + (colon < 0 ? "" : text.substring(colon));
            if (valid(fixed)) {
                return msg + "; did you mean '" + fixed + "'?";
            }
        }
        String k = hint == null ? kind : hint;
        if (k.equals("checkpoint") && !text.contains("@")) {
            return msg + "; a checkpoint names its member and epoch: checkpoint:M@E";
        }
        if ((k.equals("final") || k.equals("swa")) && colon < 0) {
            return msg + "; name the member: " + k + ":M";
        }
        return msg;
    }

    private static boolean valid(String text) {
        try {
            WeightRef.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
