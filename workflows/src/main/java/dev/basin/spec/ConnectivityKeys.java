package dev.basin.spec;

import static dev.basin.spec.Key.key;
import static dev.basin.spec.SpecKeys.MAX_EPOCHS;
import static dev.basin.spec.SpecKeys.MAX_TRAIN_SUBSET;

import dev.basin.engine.TrainConfig;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.BudgetConfig;
import dev.basin.engine.analysis.CurveConfig;
import dev.basin.engine.analysis.CurveType;
import dev.basin.engine.analysis.FgeConfig;
import dev.basin.engine.analysis.SseConfig;
import dev.basin.engine.analysis.WeightPair;
import dev.basin.engine.analysis.WeightRef;
import dev.basin.engine.analysis.WeightRef.Kind;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The declarations of the mode-connectivity keys (Garipov et al. 2018): {@code curves} between pairs of weight
 * vectors, {@code fge} and {@code sse} ensembles, and the {@code budget} table that compares them with independent
 * training at equal cost. {@code budget} is declared before {@code fge} and {@code sse} because their defaults
 * read it. Immutable after class initialisation.
 */
final class ConnectivityKeys {

    private ConnectivityKeys() {}

    static final int MAX_CURVES = 8;
    static final int DEFAULT_BUDGET = 3;
    static final int MAX_BUDGET = 10;
    /** FGE and SSE may run up to the largest budget's worth of training: {@value #MAX_BUDGET} × the longest run. */
    static final int MAX_RUN_EPOCHS = MAX_BUDGET * MAX_EPOCHS;
    /** Garipov et al. evaluate 61 points along a curve. */
    private static final int DEFAULT_POINTS = 61;

    /** The forms a curve's endpoint may take: a bend is trained between fixed ends, so it cannot be one. */
    static final String ENDPOINT_FORMS = "final:M, swa:M, checkpoint:M@E, spawn:K@E or origin";

    private static final Type CURVE_TYPE = Type.of("name", String.join(", ", CurveType.names()),
            (y, in, p, n, fallback) -> curveType(y, p, n, (CurveType) fallback),
            (c, p, v) -> notNull(c, p, v), v -> ((CurveType) v).text());

    private static final Type ENDPOINTS = Type.of("pair of weight references", "2 different weight references: "
                    + ENDPOINT_FORMS,
            (y, in, p, n, fallback) -> PlaneKeys.pair(y, p, n), null, v -> PlaneKeys.pair((WeightPair) v));

    private static final Type REF = Type.of("weight reference", "checkpoint:M@E, M a member, E between 1 and"
                    + " train.epochs - 1",
            (y, in, p, n, fallback) -> ref(y, p, n), null, String::valueOf);

    static final Block<CurveConfig> CURVE = new Block<>("curves", CurveConfig.class,
            "curves of low loss between two weight vectors: a bend trained per curve, then loss and error along it")
            .optional()
            .key(key("between", ENDPOINTS, CurveConfig::between, "the curve's fixed ends, t = 0 and t = 1")
                    .required("a pair [a, b] of weight references (" + ENDPOINT_FORMS + "), e.g. between: [final:0,"
                            + " final:1]", null)
                    .check(ConnectivityKeys::between, ENDPOINTS.allowed))
            .key(key("type", CURVE_TYPE, CurveConfig::type, "quadratic Bezier or a two-segment polygonal chain")
                    .dflt(CurveType.BEZIER))
            .key(key("epochs", Type.integer(1, MAX_EPOCHS), CurveConfig::epochs, "epochs the bend is trained")
                    .dflt("train.epochs", v -> train(v).epochs()))
            .key(key("lr", Type.positive(10.0), CurveConfig::lr,
                    "base learning rate of the bend (held for half the epochs, then down to 1% of it)")
                    .dflt("train.lr", v -> train(v).optimizer().lr()))
            .key(key("momentum", Type.number(0, false, 1, true), CurveConfig::momentum, "SGD momentum")
                    .dflt(0.9))
            .key(key("weightDecay", Type.number(0, false, 1, true), CurveConfig::weightDecay,
                    "L2 coefficient on the curve's point").dflt("train.weightDecay",
                            v -> train(v).optimizer().weightDecay()))
            .key(key("batchSize", Type.integer(1, 8192), CurveConfig::batchSize, "images per step")
                    .dflt("train.batchSize", v -> train(v).batchSize()))
            .key(key("points", Type.integer(2, 1001, "between 2 and 1001 (at least the two ends, t = 0 and t = 1)"),
                    CurveConfig::points, "evenly spaced t in [0, 1] the curve is evaluated at, both ends included")
                    .dflt(DEFAULT_POINTS))
            .key(key("trainSubset", Type.integer(1, MAX_TRAIN_SUBSET), CurveConfig::trainSubset,
                    "training images the train loss and error along the curve are measured on")
                    .dflt(PlaneKeys.ANALYSIS_TRAIN_SUBSET_DOC, PlaneKeys.ANALYSIS_TRAIN_SUBSET)
                    .then((c, p, k) -> PlaneKeys.subsetFits(c, p, k.trainSubset())))
            .key(key("ensemble", Type.integer(0, 20, "between 0 and 20 (0 = no curve ensemble)"),
                    CurveConfig::ensemble, "largest ensemble of points along the curve, sizes 1 to this").dflt(5))
            .build(v -> new CurveConfig(v.get("between"), v.get("type"), v.i("epochs"), v.d("lr"), v.d("momentum"),
                    v.d("weightDecay"), v.i("batchSize"), v.i("points"), v.i("trainSubset"), v.i("ensemble")));

    static final Type CURVES = CURVE.listType("a list of curves, each a map with keys "
            + String.join(", ", CURVE.names()) + ", e.g. curves: [{between: [final:0, final:1]}]", MAX_CURVES,
            "curve", "curves");

    static final Block<BudgetConfig> BUDGET = new Block<>("budget", BudgetConfig.class,
            "independent training, SSE and FGE compared at equal cost: 1, 2, ... max times train.epochs")
            .optional()
            .key(key("max", Type.integer(1, MAX_BUDGET), BudgetConfig::max,
                    "the largest budget, in runs of train.epochs").dflt(DEFAULT_BUDGET))
            .build(v -> new BudgetConfig(v.i("max")));

    static final Block<FgeConfig> FGE = new Block<>("fge", FgeConfig.class,
            "fast geometric ensembling: training continues from a checkpoint under a cyclic rate, one snapshot a"
                    + " cycle; needs train.epochs of 2 or more").optional()
            .rule(ConnectivityKeys::fgeNeedsTwoEpochs)
            .key(key("from", REF, FgeConfig::from, "the checkpoint FGE continues from, with its optimizer state")
                    .dflt("checkpoint:0@E, E the epoch nearest 80% of train.epochs (before the last)",
                            v -> WeightRef.checkpoint(0, defaultFgeStart(train(v).epochs())))
                    .check(ConnectivityKeys::fgeFrom, REF.allowed))
            .key(key("cycle", Type.integer(2, MAX_EPOCHS), FgeConfig::cycle,
                    "cycle length in epochs; the rate falls from lr1 to lr2 over the first half, then back")
                    .dflt(4).check(ConnectivityKeys::fgeCycle, "an even number between 2 and " + MAX_EPOCHS))
            .key(key("lr1", Type.positive(10.0), FgeConfig::lr1, "the highest rate, at each cycle's ends")
                    .dflt("train.lr", v -> train(v).optimizer().lr()))
            .key(key("lr2", Type.positive(10.0), FgeConfig::lr2, "the lowest rate, mid-cycle, where snapshots are"
                    + " taken; at most lr1").dflt("lr1 / 100", v -> v.d("lr1") / 100)
                    .then(ConnectivityKeys::lr2AtMostLr1))
            .key(key("cycles", Type.integer(1, MAX_RUN_EPOCHS), FgeConfig::cycles, "cycles run, so snapshots taken")
                    .dflt("the whole cycles between the start and budget.max (3 without budget) x train.epochs,"
                            + " at least 1", ConnectivityKeys::defaultFgeCycles))
            .build(v -> new FgeConfig(v.get("from"), v.i("cycle"), v.d("lr1"), v.d("lr2"), v.i("cycles")));

    static final Block<SseConfig> SSE = new Block<>("sse", SseConfig.class,
            "a snapshot ensemble: one network trained from scratch with cosine restarts, a snapshot per cycle")
            .optional()
            .key(key("snapshots", Type.integer(1, MAX_EPOCHS, "between 1 and train.epochs"), SseConfig::snapshots,
                    "M: snapshots, so cycles, per train.epochs of training")
                    .dflt("4, or train.epochs when fewer", v -> Math.max(1, Math.min(4, train(v).epochs())))
                    .check(ConnectivityKeys::snapshots, "between 1 and train.epochs"))
            .key(key("lr", Type.positive(10.0), SseConfig::lr, "the rate at the start of every cycle")
                    .dflt("train.lr", v -> train(v).optimizer().lr()))
            .key(key("epochs", Type.integer(1, MAX_RUN_EPOCHS, "between 1 and " + MAX_RUN_EPOCHS + " ("
                            + MAX_BUDGET + " x the largest train.epochs)"), SseConfig::epochs,
                    "epochs trained in all")
                    .dflt("budget.max (3 without budget) x train.epochs",
                            v -> (int) Math.min(MAX_RUN_EPOCHS, (long) budget(v) * train(v).epochs())))
            .build(v -> new SseConfig(v.i("snapshots"), v.d("lr"), v.i("epochs")));

    // ---- defaults --------------------------------------------------------------------------------------

    private static TrainConfig train(Values v) {
        return v.root().get("train");
    }

    /** {@code budget.max}, or {@value #DEFAULT_BUDGET} without the key. */
    private static int budget(Values v) {
        BudgetConfig b = v.root().get("budget");
        return b != null ? b.max() : DEFAULT_BUDGET;
    }

    /** The epoch nearest 80% of {@code epochs}, at least 1 and before the last (Garipov et al. start FGE there). */
    static int defaultFgeStart(int epochs) {
        return Math.max(1, Math.min(epochs - 1, (4 * epochs + 2) / 5));
    }

    /** Clamped to the key's bounds, so that a wrong value elsewhere is not reported twice. */
    private static Object defaultFgeCycles(Values v) {
        int epochs = train(v).epochs();
        WeightRef from = v.get("from");
        int start = from != null && from.kind() == Kind.CHECKPOINT ? from.epoch() : defaultFgeStart(epochs);
        long cycles = ((long) budget(v) * epochs - start) / Math.max(2, v.i("cycle"));
        return (int) Math.max(1, Math.min(MAX_RUN_EPOCHS, cycles));
    }

    // ---- reading ---------------------------------------------------------------------------------------

    private static CurveType curveType(YamlFields yaml, String path, Node node, CurveType fallback) {
        String text = yaml.text(path, node, "one of " + String.join(", ", CurveType.names()));
        if (text == null) {
            return fallback;
        }
        try {
            return CurveType.parse(text);
        } catch (IllegalArgumentException e) {
            String msg = "must be one of " + String.join(", ", CurveType.names()) + "; got " + Text.quote(text);
            String hint = Text.closest(text, CurveType.names());
            yaml.bad(path, hint == null ? msg : msg + "; did you mean '" + hint + "'?", node);
            return fallback;
        }
    }

    private static WeightRef ref(YamlFields yaml, String path, Node node) {
        return ref(yaml, path, node, "a checkpoint reference checkpoint:M@E");
    }

    /** A weight reference ({@code expected} says which forms the key takes); null when unreadable (reported). */
    static WeightRef ref(YamlFields yaml, String path, Node node, String expected) {
        String text = yaml.text(path, node, expected);
        if (text == null) {
            return null;
        }
        try {
            return WeightRef.parse(text);
        } catch (IllegalArgumentException e) {
            yaml.bad(path, PlaneKeys.refMessage(text), node);
            return null;
        }
    }

    // ---- rules -----------------------------------------------------------------------------------------

    private static boolean notNull(Checks c, String path, Object value) {
        if (c.skipped(path)) {
            return false;
        }
        if (value == null) {
            c.add(path, "must not be null");
            return false;
        }
        return true;
    }

    private static boolean between(Checks c, String path, CurveConfig k) {
        WeightPair pair = k.between();
        if (!notNull(c, path, pair)) {
            return false;
        }
        if (!(endpoint(c, path + "[0]", pair.a()) & endpoint(c, path + "[1]", pair.b()))) {
            return false;
        }
        if (pair.a().equals(pair.b())) {
            c.add(path, "names '" + pair.a() + "' twice: the same endpoint twice; a curve needs 2 different"
                    + " endpoints");
            return false;
        }
        return true;
    }

    private static boolean endpoint(Checks c, String path, WeightRef r) {
        if (r != null && r.kind() == Kind.BEND && !c.skipped(path)) {
            c.add(path, "'" + r + "' cannot be an endpoint: a bend is trained between fixed ends, so a curve's"
                    + " endpoints are " + ENDPOINT_FORMS);
            return false;
        }
        return PlaneKeys.ref(c, path, r);
    }

    /** Two entries with the same ends (either way round) and type would train and report the same curve. */
    static boolean distinctCurves(Checks c, String path, AnalysesConfig a) {
        List<CurveConfig> curves = a.curves();
        if (curves == null) {
            return true;
        }
        boolean ok = true;
        for (int i = 0; i < curves.size(); i++) {
            CurveConfig k = curves.get(i);
            if (k == null || k.between() == null || k.type() == null) {
                continue;
            }
            WeightPair reversed = new WeightPair(k.between().b(), k.between().a());
            for (int j = 0; j < i; j++) {
                CurveConfig other = curves.get(j);
                if (other != null && k.type() == other.type()
                        && (k.between().equals(other.between()) || reversed.equals(other.between()))) {
                    c.add(path + "[" + i + "]", "is the same curve as " + path + "[" + j + "] (" + other.type() + " "
                            + PlaneKeys.pair(other.between()) + "); give each pair of endpoints and type once");
                    ok = false;
                    break;
                }
            }
        }
        return ok;
    }

    private static boolean fgeNeedsTwoEpochs(Checks c, String path, FgeConfig f) {
        return needsTwoEpochs(c, path, "FGE continues");
    }

    /** A key whose training continues from a checkpoint before the last epoch ({@code who} does so). */
    static boolean needsTwoEpochs(Checks c, String path, String who) {
        if (c.epochs() == 1) {
            c.add(path, "needs train.epochs of 2 or more: " + who + " from a checkpoint before the last epoch,"
                    + " and train.epochs is 1");
            return false;
        }
        return true;
    }

    private static boolean fgeFrom(Checks c, String path, FgeConfig f) {
        WeightRef r = f.from();
        if (!notNull(c, path, r)) {
            return false;
        }
        int epochs = c.epochs();
        if (r.kind() != Kind.CHECKPOINT) {
            c.add(path, "'" + r + "' is not a checkpoint: FGE continues training from a member's stored checkpoint"
                    + " (with its optimizer state), so from must be checkpoint:M@E with E between 1 and"
                    + " train.epochs - 1" + (epochs > 0 ? " (" + (epochs - 1) + ")" : ""));
            return false;
        }
        int members = c.members();
        if (members > 0 && r.member() >= members) {
            c.add(path, "'" + r + "': member " + r.member() + " does not exist; train.members is " + members);
            return false;
        }
        if (epochs == 1) {
            return false;
        }
        if (r.epoch() < 1) {
            c.add(path, "'" + r + "' names epoch 0; checkpoints are written at the end of epochs 1 and later");
            return false;
        }
        if (epochs > 0 && r.epoch() >= epochs) {
            c.add(path, "'" + r + "' is at or after the last epoch (train.epochs = " + epochs + "); FGE continues"
                    + " from an earlier checkpoint: E between 1 and " + (epochs - 1));
            return false;
        }
        return true;
    }

    private static boolean fgeCycle(Checks c, String path, FgeConfig f) {
        if (!c.intIn(path, f.cycle(), 2, MAX_EPOCHS, "an even number between 2 and " + MAX_EPOCHS)) {
            return false;
        }
        if (f.cycle() % 2 != 0) {
            c.add(path, "must be even (the rate reaches lr2 after cycle/2 epochs), got " + f.cycle());
            return false;
        }
        return true;
    }

    private static boolean lr2AtMostLr1(Checks c, String path, FgeConfig f) {
        if (!c.passed("fge.lr1") || f.lr2() <= f.lr1()) {
            return true;
        }
        c.add(path, "must be at most fge.lr1 (" + Text.number(f.lr1()) + "): the rate falls from lr1 to lr2 in"
                + " each cycle, got " + Text.number(f.lr2()));
        return false;
    }

    private static boolean snapshots(Checks c, String path, SseConfig s) {
        int epochs = c.epochs();
        return c.intIn(path, s.snapshots(), 1, epochs > 0 ? epochs : MAX_EPOCHS, "between 1 and train.epochs ("
                + (epochs > 0 ? epochs : "?") + "): a cycle is at least one epoch");
    }
}
