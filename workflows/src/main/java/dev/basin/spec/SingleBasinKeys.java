package dev.basin.spec;

import static dev.basin.spec.Key.key;
import static dev.basin.spec.SpecKeys.MAX_EPOCHS;
import static dev.basin.spec.SpecKeys.MAX_MEMBERS;
import static dev.basin.spec.SpecKeys.MAX_TRAIN_SUBSET;

import dev.basin.engine.TrainConfig;
import dev.basin.engine.analysis.AlignConfig;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.BarriersConfig;
import dev.basin.engine.analysis.DistillConfig;
import dev.basin.engine.analysis.SpawnConfig;
import dev.basin.engine.analysis.WeightRef;
import dev.basin.engine.analysis.WeightRef.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The declarations of the single-basin keys: {@code spawn} (children of one member's checkpoints), {@code align}
 * (the members permuted onto one member), {@code distill} (students that start inside one basin), and
 * {@code barriers}, which measures the loss barriers within those ensembles and the others. {@code barriers} is
 * declared last because its default lists the ensembles of the keys given before it. Immutable after class
 * initialisation.
 */
final class SingleBasinKeys {

    private SingleBasinKeys() {}

    static final int MAX_SPAWNS = 8;
    static final int MAX_CHILDREN = 16;
    static final int MAX_DISTILL = 8;
    static final int MAX_STUDENTS = 16;

    private static final String MEMBER = "a member index, between 0 and train.members - 1";
    private static final String SPAWN_EPOCH = "an epoch between 1 and train.epochs - 1";
    private static final String TEACHERS = "deep or final:J (J a member)";

    /** Which key each barrier ensemble other than deep measures the models of. */
    private static final Map<String, String> ENSEMBLE_KEYS = Map.of("swa", "swa", "fge", "fge", "sse", "sse",
            "spawn", "spawn", "aligned", "align", "distill", "distill");
    private static final Map<String, Function<AnalysesConfig, Object>> ENSEMBLE_VALUES = Map.of(
            "swa", AnalysesConfig::swa, "fge", AnalysesConfig::fge, "sse", AnalysesConfig::sse,
            "spawn", AnalysesConfig::spawn, "aligned", AnalysesConfig::align, "distill", AnalysesConfig::distill);

    private static final Type EPOCHS = Type.of("list of integers", "1 to " + MAX_SPAWNS + " distinct epochs, each"
                    + " between 1 and train.epochs - 1",
            (y, in, p, n, fallback) -> y.each(p, n, "a list of epochs, e.g. at: [2, 5]",
                    (at, x) -> Type.intOrNull(y, at, x, SPAWN_EPOCH)),
            null, v -> Type.flow(ints(v), String::valueOf));

    private static final Type FROM = Type.of("weight reference", "final:M (M a member) or spawn:K@E (a spawned"
                    + " child)",
            (y, in, p, n, fallback) -> ref(y, p, n), null, String::valueOf);

    private static final Type TEACHER = Type.of("text", TEACHERS,
            (y, in, p, n, fallback) -> teacher(y, p, n, (String) fallback), null,
            v -> SpecPrinter.string((String) v));

    static final Block<SpawnConfig> SPAWN = new Block<>("spawn", SpawnConfig.class,
            "copies of one member's checkpoints, optimizer state included, trained on to train.epochs with their own"
                    + " data order; needs train.epochs of 2 or more").optional()
            .rule(SingleBasinKeys::spawnNeedsTwoEpochs)
            .key(key("parent", Type.integer(0, MAX_MEMBERS - 1, MEMBER), SpawnConfig::parent,
                    "the member whose checkpoints are copied").dflt(0)
                    .check((c, p, s) -> member(c, p, s.parent()), "0 to train.members - 1"))
            .key(key("at", EPOCHS, SpawnConfig::at, "the epochs s spawned at; children of a later spawn share more")
                    .required("a list of epochs to spawn at, each between 1 and train.epochs - 1, e.g. at: [2, 5]",
                            null)
                    .check(SingleBasinKeys::at, EPOCHS.allowed))
            .key(key("children", Type.integer(1, MAX_CHILDREN), SpawnConfig::children, "K: children per spawn epoch")
                    .dflt(4))
            .build(v -> new SpawnConfig(v.i("parent"), sortedIfValid(v.get("at"), train(v).epochs()),
                    v.i("children")));

    static final Block<AlignConfig> ALIGN = new Block<>("align", AlignConfig.class,
            "every other member's final weights permuted to match the reference member's (weight matching); needs"
                    + " train.members of 2 or more").optional()
            .rule(SingleBasinKeys::alignNeedsTwoMembers)
            .key(key("reference", Type.integer(0, MAX_MEMBERS - 1, MEMBER), AlignConfig::reference,
                    "the member the others are aligned to").dflt(0)
                    .check((c, p, a) -> member(c, p, a.reference()), "0 to train.members - 1"))
            .build(v -> new AlignConfig(v.i("reference")));

    static final Block<DistillConfig> DISTILL = new Block<>("distill", DistillConfig.class,
            "students that start from a member's final weights and learn from a teacher: (1 - alpha) x CE +"
                    + " alpha x temperature^2 x KL, plus penalty x the loss on the line back to the start").optional()
            .key(key("students", Type.integer(1, MAX_STUDENTS), DistillConfig::students,
                    "K: students trained, each with its own data order").dflt(3))
            .key(key("from", FROM, DistillConfig::from, "the weights every student starts from")
                    .dflt(WeightRef.finalOf(0)).check(SingleBasinKeys::from, FROM.allowed))
            .key(key("teacher", TEACHER, DistillConfig::teacher,
                    "the members' mean softmax (deep) or one member's (final:J)").dflt(DistillConfig.DEEP)
                    .check(SingleBasinKeys::teacher, TEACHERS))
            .key(key("alpha", Type.number(0, false, 1, false), DistillConfig::alpha,
                    "the weight of the distillation term (Hinton et al. 2015)").dflt(0.9))
            .key(key("temperature", Type.positive(100.0), DistillConfig::temperature,
                    "the softmax temperature of teacher and student in the distillation term").dflt(4.0))
            .key(key("penalty", Type.number(0, false, 100, false), DistillConfig::penalty,
                    "the weight of the loss at a random point between the start and the student; 0 = none")
                    .dflt(0.0))
            .key(key("epochs", Type.integer(1, MAX_EPOCHS), DistillConfig::epochs, "epochs each student is trained")
                    .dflt("train.epochs", v -> train(v).epochs()))
            .key(key("lr", Type.positive(10.0), DistillConfig::lr,
                    "base learning rate, under train.schedule; fine-tuning from trained weights")
                    .dflt("train.lr / 10", v -> train(v).optimizer().lr() / 10))
            .key(key("momentum", Type.number(0, false, 1, true), DistillConfig::momentum, "SGD momentum")
                    .dflt(0.9))
            .key(key("weightDecay", Type.number(0, false, 1, true), DistillConfig::weightDecay,
                    "L2 coefficient on the student's weights")
                    .dflt("train.weightDecay", v -> train(v).optimizer().weightDecay()))
            .key(key("batchSize", Type.integer(1, 8192), DistillConfig::batchSize, "images per step")
                    .dflt("train.batchSize", v -> train(v).batchSize()))
            .build(v -> new DistillConfig(v.i("students"), v.get("from"), v.get("teacher"), v.d("alpha"),
                    v.d("temperature"), v.d("penalty"), v.i("epochs"), v.d("lr"), v.d("momentum"),
                    v.d("weightDecay"), v.i("batchSize")));

    static final Type DISTILLS = DISTILL.listType("a list of distillations, each a map with keys "
            + String.join(", ", DISTILL.names()) + ", e.g. distill: [{students: 3}]", MAX_DISTILL,
            "distillation", "distillations");

    static final Block<BarriersConfig> BARRIERS = new Block<>("barriers", BarriersConfig.class,
            "loss barriers on the straight line between every pair of models of each ensemble named").optional()
            .key(key("points", Type.integer(3, 201, "between 3 and 201 (both ends included)"),
                    BarriersConfig::points, "evenly spaced t in [0, 1] along each line, both ends included")
                    .dflt(11))
            .key(key("trainSubset", Type.integer(1, MAX_TRAIN_SUBSET), BarriersConfig::trainSubset,
                    "training images the train loss along each line is measured on")
                    .dflt(PlaneKeys.ANALYSIS_TRAIN_SUBSET_DOC, PlaneKeys.ANALYSIS_TRAIN_SUBSET)
                    .then((c, p, b) -> PlaneKeys.subsetFits(c, p, b.trainSubset())))
            .key(key("ensembles", Type.names(BarriersConfig.ENSEMBLES, "ensemble", "ensembles"),
                    BarriersConfig::ensembles, "the ensembles whose pairs are measured; each but deep needs its key")
                    .dflt("deep, then spawn, aligned and distill for each of the spawn, align and distill keys given",
                            SingleBasinKeys::defaultEnsembles)
                    .then(SingleBasinKeys::ensemblesExist))
            .build(v -> new BarriersConfig(v.i("points"), v.i("trainSubset"), v.get("ensembles")));

    // ---- defaults and reading --------------------------------------------------------------------------

    private static TrainConfig train(Values v) {
        return v.root().get("train");
    }

    /** A key given but unreadable counts as given: it was meant, and its own problem is reported. */
    private static List<String> defaultEnsembles(Values v) {
        List<String> out = new ArrayList<>(List.of("deep"));
        for (String[] e : new String[][] {{"spawn", "spawn"}, {"align", "aligned"}, {"distill", "distill"}}) {
            if (v.root().given(e[0])) {
                out.add(e[1]);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Ascending once every epoch is valid; until then as given, so that a problem is reported at the index it
     * was written at.
     */
    private static List<Integer> sortedIfValid(List<Integer> at, int epochs) {
        if (at == null || at.stream().anyMatch(e -> e == null || e < 1 || e >= epochs)
                || new HashSet<>(at).size() != at.size()) {
            return at;
        }
        return at.stream().sorted().toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> ints(Object v) {
        return (List<Integer>) v;
    }

    private static WeightRef ref(YamlFields yaml, String path, Node node) {
        return ConnectivityKeys.ref(yaml, path, node, "a member's final weights final:M, or a spawned child spawn:K@E");
    }

    /** {@code deep} or a member's final weights, in canonical text; the fallback when unreadable (reported). */
    private static String teacher(YamlFields yaml, String path, Node node, String fallback) {
        String text = yaml.text(path, node, TEACHERS);
        if (text == null) {
            return fallback;
        }
        if (text.equals(DistillConfig.DEEP)) {
            return text;
        }
        String msg = "must be " + TEACHERS + "; got " + Text.quote(text);
        try {
            WeightRef r = WeightRef.parse(text);
            if (r.kind() == Kind.FINAL) {
                return r.toString();
            }
            yaml.bad(path, msg + ": a teacher is the deep ensemble or one member's final weights", node);
        } catch (IllegalArgumentException e) {
            String hint = Text.closest(text, List.of(DistillConfig.DEEP));
            yaml.bad(path, hint != null ? msg + "; did you mean '" + hint + "'?" : msg, node);
        }
        return fallback;
    }

    // ---- rules -----------------------------------------------------------------------------------------

    private static boolean member(Checks c, String path, int m) {
        if (c.skipped(path)) {
            return false;
        }
        if (m < 0) {
            c.add(path, "must be a member index, 0 or more, got " + m);
        } else if (c.members() > 0 && m >= c.members() || m >= MAX_MEMBERS) {
            c.add(path, "member " + m + " does not exist; train.members is "
                    + (c.members() > 0 ? c.members() : "at most " + MAX_MEMBERS));
        } else {
            return true;
        }
        return false;
    }

    private static boolean spawnNeedsTwoEpochs(Checks c, String path, SpawnConfig s) {
        return ConnectivityKeys.needsTwoEpochs(c, path, "children continue");
    }

    private static boolean at(Checks c, String path, SpawnConfig s) {
        List<Integer> at = s.at();
        if (!c.listSize(path, at, MAX_SPAWNS, "spawn epoch", "spawn epochs")) {
            return false;
        }
        int epochs = c.epochs();
        if (epochs == 1) {
            return false;
        }
        int last = epochs > 1 ? epochs - 1 : MAX_EPOCHS - 1;
        String bounds = SPAWN_EPOCH + " (" + (epochs > 1 ? last : "?") + ")";
        if (!c.entries(path, at, (p, e) -> c.intIn(p, e, 1, last, e == epochs ? bounds + " (a spawn at the last"
                + " epoch leaves its children nothing to train)" : bounds))) {
            return false;
        }
        // Parsed lists are sorted once valid; only a spec built by hand can get here out of order.
        if (!at.equals(at.stream().sorted().toList())) {
            c.add(path, "must be in ascending order, got " + Type.flow(at, String::valueOf));
            return false;
        }
        return true;
    }

    private static boolean alignNeedsTwoMembers(Checks c, String path, AlignConfig a) {
        if (c.members() == 1) {
            c.add(path, "needs train.members of 2 or more: with one member there is nothing to align");
            return false;
        }
        return true;
    }

    private static boolean from(Checks c, String path, DistillConfig d) {
        WeightRef r = d.from();
        if (c.skipped(path)) {
            return false;
        }
        if (r == null) {
            c.add(path, "must not be null");
            return false;
        }
        if (r.kind() != Kind.FINAL && r.kind() != Kind.SPAWN) {
            c.add(path, "'" + r + "' is not a member's final weights nor a spawned child: students start from a"
                    + " member's final weights, final:M, or a spawned child, spawn:K@E");
            return false;
        }
        return PlaneKeys.ref(c, path, r);
    }

    private static boolean teacher(Checks c, String path, DistillConfig d) {
        String t = d.teacher();
        if (c.skipped(path)) {
            return false;
        }
        if (t == null) {
            c.add(path, "must not be null");
            return false;
        }
        if (t.equals(DistillConfig.DEEP)) {
            if (c.members() == 1) {
                c.addNear(path, "'deep' is the members' mean, and train.members is 1: give final:0, or train 2 or more"
                        + " members");
                return false;
            }
            return true;
        }
        WeightRef r = parseOrNull(t);
        if (r == null || r.kind() != Kind.FINAL || !r.toString().equals(t)) {
            c.add(path, "must be " + TEACHERS + "; got " + Text.quote(t));
            return false;
        }
        return member(c, path, r.member());
    }

    private static WeightRef parseOrNull(String text) {
        try {
            return WeightRef.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Two equal entries would train the same students twice and report them under two names. */
    static boolean distinctDistillations(Checks c, String path, AnalysesConfig a) {
        List<DistillConfig> distill = a.distill();
        if (distill == null) {
            return true;
        }
        boolean ok = true;
        for (int i = 0; i < distill.size(); i++) {
            DistillConfig d = distill.get(i);
            if (d == null || c.skippedUnder(path + "[" + i + "]")) {
                continue;
            }
            int j = distill.subList(0, i).indexOf(d);
            if (j >= 0) {
                c.add(path + "[" + i + "]", "is the same distillation as " + path + "[" + j + "]; give each"
                        + " distillation once (change students, from, teacher or a training key)");
                ok = false;
            }
        }
        return ok;
    }

    /** Each ensemble named has models to pair: its key is given, and deep has 2 or more members. */
    private static boolean ensemblesExist(Checks c, String path, BarriersConfig b) {
        AnalysesConfig a = c.spec.analyses();
        boolean ok = true;
        List<String> names = b.ensembles();
        for (int i = 0; i < names.size(); i++) {
            String at = path + "[" + i + "]";
            String name = names.get(i);
            if (name.equals("deep")) {
                if (c.members() == 1) {
                    c.addNear(at, "'deep' needs train.members of 2 or more: the deep ensemble's pairs are its members,"
                            + " and train.members is 1 (list the ensembles to measure without deep)");
                    ok = false;
                }
            } else {
                String key = ENSEMBLE_KEYS.get(name);
                ok &= c.needs(at, ENSEMBLE_VALUES.get(name).apply(a), key, "'" + name + "' measures the models of the "
                        + key + " key");
            }
        }
        return ok;
    }
}
