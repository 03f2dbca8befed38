package dev.basin.spec;

import static dev.basin.spec.Key.key;
import static dev.basin.spec.SpecKeys.MAX_TRAIN_SUBSET;
import static dev.basin.spec.SpecRules.defaultAnalysisTrainSubset;

import dev.basin.engine.DataConfig;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.CurveConfig;
import dev.basin.engine.analysis.InterpolationConfig;
import dev.basin.engine.analysis.PlaneConfig;
import dev.basin.engine.analysis.SpawnConfig;
import dev.basin.engine.analysis.WeightPair;
import dev.basin.engine.analysis.WeightRef;
import dev.basin.engine.analysis.WeightRef.Kind;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The declarations of {@code plane} and {@code interpolation}, the keys that name weight vectors
 * ({@code final:0}, {@code checkpoint:1@3}, {@code bend:0}), and the rules that say whether the weights named exist. Immutable
 * after class initialisation.
 */
final class PlaneKeys {

    private PlaneKeys() {}

    static final int MAX_PLANES = 16;
    private static final int MAX_PAIRS = 64;
    private static final double MAX_MARGIN = 2.0;

    /** A list of weight references, each read with a hint at the likely intended one. */
    @SuppressWarnings("unchecked")
    private static final Type REFS = Type.of("list of weight references", WeightRef.FORMS,
            (y, in, p, n, fallback) -> refs(y, p, n, "a list of 3 weight references (" + WeightRef.FORMS + ")"),
            null, v -> Type.flow((List<WeightRef>) v, WeightRef::toString));

    /** A list of pairs {@code [a, b]} of weight references. */
    @SuppressWarnings("unchecked")
    private static final Type PAIRS = Type.of("list of pairs of weight references", "1 to " + MAX_PAIRS
                    + " distinct pairs [a, b] of " + WeightRef.FORMS,
            (y, in, p, n, fallback) -> y.each(p, n, "a list of pairs, e.g. pairs: [[final:0, final:1]]",
                    (at, item) -> pair(y, at, item)),
            null, v -> Type.flow((List<WeightPair>) v, PlaneKeys::pair));

    static final Function<Values, Object> ANALYSIS_TRAIN_SUBSET =
            v -> defaultAnalysisTrainSubset(v.root().<DataConfig>get("data").trainSubset());
    static final String ANALYSIS_TRAIN_SUBSET_DOC = "5000, or data.trainSubset when smaller";

    static final Block<PlaneConfig> PLANE = new Block<>("plane", PlaneConfig.class,
            "loss and error on a grid over the plane through three weight vectors").optional()
            .key(key("anchors", REFS, PlaneConfig::anchors, "the three weight vectors the plane goes through")
                    .required("3 weight references (" + WeightRef.FORMS + "), e.g. anchors: [final:0, final:1,"
                            + " final:2]", null)
                    .check(PlaneKeys::anchors, "3 distinct weight references: " + WeightRef.FORMS))
            .key(key("grid", Type.integer(3, 101), PlaneConfig::grid, "G: the plane is sampled on G x G points")
                    .dflt(11))
            .key(key("margin", Type.number(0, false, MAX_MARGIN, false), PlaneConfig::margin,
                    "how far the grid reaches beyond the anchors, in units of their distance").dflt(0.2))
            .key(key("trainSubset", Type.integer(100, MAX_TRAIN_SUBSET), PlaneConfig::trainSubset,
                    "training images the train loss is measured on")
                    .dflt(ANALYSIS_TRAIN_SUBSET_DOC, ANALYSIS_TRAIN_SUBSET).then(PlaneKeys::planeSubsetFits))
            .build(v -> new PlaneConfig(v.get("anchors"), v.i("grid"), v.d("margin"), v.i("trainSubset")));

    static final Block<InterpolationConfig> INTERPOLATION = new Block<>("interpolation", InterpolationConfig.class,
            "loss and error on straight lines between pairs of weight vectors").optional()
            .key(key("pairs", PAIRS, InterpolationConfig::pairs, "the lines' two ends")
                    .required("a list of pairs of weight references, e.g. pairs: [[final:0, final:1]]", null)
                    .check(PlaneKeys::pairs, PAIRS.allowed))
            .key(key("points", Type.integer(3, 201), InterpolationConfig::points, "points along each line")
                    .dflt(21))
            .key(key("margin", Type.number(0, false, MAX_MARGIN, false), InterpolationConfig::margin,
                    "how far each line reaches beyond its ends, in units of their distance").dflt(0.2))
            .key(key("trainSubset", Type.integer(100, MAX_TRAIN_SUBSET), InterpolationConfig::trainSubset,
                    "training images the train loss is measured on")
                    .dflt(ANALYSIS_TRAIN_SUBSET_DOC, ANALYSIS_TRAIN_SUBSET)
                    .then((c, p, in) -> subsetFits(c, p, in.trainSubset())))
            .build(v -> new InterpolationConfig(v.get("pairs"), v.i("points"), v.d("margin"), v.i("trainSubset")));

    // ---- reading ---------------------------------------------------------------------------------------

    static List<WeightRef> refs(YamlFields yaml, String path, Node node, String what) {
        return yaml.each(path, node, what, (p, n) -> {
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

    static WeightPair pair(YamlFields yaml, String path, Node node) {
        List<WeightRef> two = refs(yaml, path, node, "a pair [a, b] of weight references (" + WeightRef.FORMS + ")");
        if (two != null && two.size() != 2) {
            yaml.bad(path, "must be a pair [a, b] of 2 weight references, got " + two.size(), node);
            return null;
        }
        return two == null ? null : new WeightPair(two.get(0), two.get(1));
    }

    /** Why {@code text} is not a weight reference, with the likely intended one when there is one. */
    static String refMessage(String text) {
        String msg = "must be a weight reference: " + WeightRef.FORMS + " (M a member index, E an epoch, C an index"
                + " into curves), got " + Text.quote(text);
        int colon = text.indexOf(':');
        String kind = colon < 0 ? text : text.substring(0, colon);
        String hint = Text.closest(kind, List.of("final", "swa", "checkpoint", "bend", "spawn", "origin"));
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
        if (k.equals("bend") && colon < 0) {
            return msg + "; name the curve: bend:C";
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

    static String pair(WeightPair p) {
        return "[" + (p.a() == null ? "null" : p.a().toString()) + ", " + (p.b() == null ? "null" : p.b().toString())
                + "]";
    }

    // ---- rules -----------------------------------------------------------------------------------------

    private static boolean anchors(Checks c, String path, PlaneConfig p) {
        List<WeightRef> anchors = p.anchors();
        if (anchors == null || anchors.size() != 3) {
            if (!c.skipped(path)) {
                c.add(path, anchors == null ? "must not be null" : "must be 3 distinct weight references ("
                        + WeightRef.FORMS + "), got " + anchors.size());
            }
            return false;
        }
        for (int j = 0; j < 3; j++) {
            String at = path + "[" + j + "]";
            WeightRef r = anchors.get(j);
            if (!ref(c, at, r)) {
                continue;
            }
            for (int k = 0; k < j; k++) {
                if (r.equals(anchors.get(k))) {
                    c.add(at, "'" + r + "' is the same as anchors[" + k + "]; a plane needs 3 distinct anchors");
                    break;
                }
            }
        }
        return true;
    }

    private static boolean pairs(Checks c, String path, InterpolationConfig in) {
        List<WeightPair> pairs = in.pairs();
        if (!c.listSize(path, pairs, MAX_PAIRS, "pair", "pairs")) {
            return false;
        }
        for (int i = 0; i < pairs.size(); i++) {
            String at = path + "[" + i + "]";
            WeightPair pair = pairs.get(i);
            if (pair == null) {
                if (!c.skipped(at)) {
                    c.add(at, "must not be null");
                }
                continue;
            }
            if (!(ref(c, at + "[0]", pair.a()) & ref(c, at + "[1]", pair.b()))) {
                continue;
            }
            if (pair.a().equals(pair.b())) {
                c.add(at, "'" + pair.a() + "' and '" + pair.b() + "' are the same; a pair needs 2 distinct"
                        + " weight vectors");
                continue;
            }
            for (int k = 0; k < i; k++) {
                WeightPair other = pairs.get(k);
                if (pair.equals(other) || new WeightPair(pair.b(), pair.a()).equals(other)) {
                    c.add(at, "is the same line as " + path + "[" + k + "] (" + other + ")");
                    break;
                }
            }
        }
        return true;
    }

    private static boolean planeSubsetFits(Checks c, String path, PlaneConfig p) {
        return subsetFits(c, path, p.trainSubset());
    }

    static boolean subsetFits(Checks c, String path, int n) {
        DataConfig data = c.spec.data();
        if (data == null || c.skipped("data.trainSubset") || data.trainSubset() <= 0 || n <= data.trainSubset()) {
            return true;
        }
        c.add(path, n + " is more than the training set (data.trainSubset = " + data.trainSubset() + ")");
        return false;
    }

    /**
     * Whether the weights {@code r} names exist: its member, its key (swa, trajectory), its checkpoint's epoch.
     * Reports what does not; false also when {@code r} was already reported.
     */
    static boolean ref(Checks c, String path, WeightRef r) {
        if (c.skipped(path)) {
            return false;
        }
        if (r == null) {
            c.add(path, "must not be null");
            return false;
        }
        if (r.kind() == Kind.ORIGIN) {
            return true;
        }
        if (r.kind() == Kind.BEND) {
            return bend(c, path, r);
        }
        if (r.kind() == Kind.SPAWN) {
            return spawned(c, path, r);
        }
        AnalysesConfig a = c.spec.analyses();
        int members = c.members();
        if (r.member() < 0 || (members > 0 && r.member() >= members)) {
            c.add(path, "'" + r + "': member " + r.member() + " does not exist; train.members is "
                    + (members > 0 ? members : c.spec.train().members()));
            return false;
        }
        if (r.kind() == Kind.SWA && a.swa() == null) {
            return missing(c, path, r, "swa", "swa: {start: N}");
        }
        if (r.kind() == Kind.CHECKPOINT) {
            if (a.trajectory() == null) {
                return missing(c, path, r, "trajectory", "trajectory: {every: 1}; only its checkpoints are kept");
            }
            if (c.kept != null && !c.kept.contains(r.epoch())) {
                String why = a.trajectory().everySteps() > 0
                        ? "trajectory.everySteps keeps checkpoints by step, so only the last epoch (" + c.epochs()
                                + ") can be named"
                        : "the trajectory keeps epochs " + c.kept.stream().map(String::valueOf)
                                .collect(Collectors.joining(", "));
                c.add(path, "'" + r + "' names epoch " + r.epoch() + ", which is not kept: " + why);
                return false;
            }
        }
        return true;
    }

    /** A child is only known once spawn declares its epoch and how many children each epoch has. */
    private static boolean spawned(Checks c, String path, WeightRef r) {
        SpawnConfig s = c.spec.analyses().spawn();
        if (s == null) {
            return missing(c, path, r, "spawn", "spawn: {at: [E]}; spawn:K@E is child K spawned at epoch E");
        }
        if (s.at() != null && !s.at().contains(r.epoch())) {
            c.add(path, "'" + r + "' names spawn epoch " + r.epoch() + ", which spawn.at does not list: "
                    + s.at().stream().map(String::valueOf).collect(Collectors.joining(", ")));
            return false;
        }
        if (r.member() >= s.children()) {
            c.add(path, "'" + r + "': child " + r.member() + " does not exist; spawn.children is " + s.children()
                    + " (children 0 to " + (s.children() - 1) + ")");
            return false;
        }
        return true;
    }

    /** A bend is only known once its curve is declared; whether that curve is itself valid is its own check. */
    private static boolean bend(Checks c, String path, WeightRef r) {
        List<CurveConfig> curves = c.spec.analyses().curves();
        if (curves == null) {
            return missing(c, path, r, "curves", "curves: [{between: [final:0, final:1]}]; bend:C is the trained"
                    + " bend of curve C");
        }
        if (r.member() >= curves.size()) {
            c.add(path, "'" + r + "': curve " + r.member() + " does not exist; curves has " + curves.size()
                    + (curves.size() == 1 ? " entry" : " entries") + " (bend:0 to bend:" + (curves.size() - 1) + ")");
            return false;
        }
        return true;
    }

    private static boolean missing(Checks c, String path, WeightRef r, String key, String example) {
        if (!c.skipped(key)) {
            c.add(path, "'" + r + "' needs the " + key + " key (" + example + ")");
        }
        return false;
    }
}
