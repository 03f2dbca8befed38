package dev.basin.spec;

import static dev.basin.spec.Key.key;
import static dev.basin.spec.SpecRules.ADAM;
import static dev.basin.spec.SpecRules.NESTEROV;
import static dev.basin.spec.SpecRules.OPTIMIZERS;
import static dev.basin.spec.SpecRules.STUDY_REGEX;
import static dev.basin.spec.SpecRules.defaultLr;
import static dev.basin.spec.SpecRules.defaultMomentum;

import dev.basin.engine.DataConfig;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.ScheduleConfig;
import dev.basin.engine.TrainConfig;
import dev.basin.engine.model.Models;
import dev.basin.engine.train.LrSchedule;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The declarations of the spec's training keys: {@code study}, {@code seed}, {@code data}, {@code model} and
 * {@code train}, each once, with its type, default, bounds, documentation and rules. The analysis keys are
 * {@link AnalysisKeys}'. Immutable after class initialisation.
 */
final class SpecKeys {

    private SpecKeys() {}

    static final int MAX_TRAIN_SUBSET = 60_000;
    static final int MAX_EPOCHS = 1000;
    static final int MAX_MEMBERS = 64;
    static final int MAX_CHECKPOINT_EVERY_STEPS = 100_000_000;
    static final int MAX_STUDY_LENGTH = 63;
    static final int MAX_PATH_LENGTH = 4096;
    static final int PRERESNET_MAX_DEPTH = 1001;
    static final String SWA = "swa";
    /** A required schedule parameter left out (NaN for swaLr): told apart from a given 0, which is out of range. */
    private static final int ABSENT = -1;
    static final String CYCLIC = "cyclic";
    static final String HALVE_EVERY = "halve-every";
    private static final Pattern STUDY_PATTERN = Pattern.compile(STUDY_REGEX);

    static final Block<DataConfig> DATA = new Block<>("data", DataConfig.class, "where the images come from")
            .key(key("dataset", Type.name(List.of("fashion-mnist", "mnist", "cifar10", "cifar100")),
                    DataConfig::dataset, "the MNISTs: IDX files, gzip or plain; CIFAR: the binary version")
                    .dflt("fashion-mnist"))
            .key(key("path", Type.text("a folder path, s3://bucket/prefix (or null)", true), DataConfig::path,
                    "the folder (or S3 prefix) holding the dataset's files")
                    .dflt("null: the dataset's default folder, or the worker's --data DIR", v -> null)
                    .check(SpecKeys::path, "a folder or s3://bucket/prefix, at most " + MAX_PATH_LENGTH + " characters"))
            .key(key("trainSubset", Type.integer(0, MAX_TRAIN_SUBSET, "between 0 and " + MAX_TRAIN_SUBSET
                    + " (0 means all)"), DataConfig::trainSubset, "the first n training images").dflt(0))
            .key(key("testSubset", Type.integer(0, 10_000, "between 0 and 10000 (0 means all)"),
                    DataConfig::testSubset, "the first n test images").dflt(0))
            .key(key("augment", Type.bool(), DataConfig::augment,
                    "pad 4, random crop, random horizontal flip of each training minibatch").dflt(false)
                    .printIf(DataConfig::augment))
            .build(v -> new DataConfig(v.get("dataset"), v.get("path"), v.i("trainSubset"), v.i("testSubset"),
                    v.b("augment")));

    /** Also written as the name alone, {@code model: resnet20}: {@link SpecParser} reads that form. */
    static final Block<ModelConfig> MODEL = new Block<>("model", ModelConfig.class,
            "the network: a name, or {name: ..., width: ..., init: ..., depth: ...}")
            .key(key("name", Type.name(Models.names()), ModelConfig::name,
                    "the architecture (README: Models)").dflt("small-cnn").reportAs("model"))
            .key(key("width", Type.number(0.25, false, 16.0, false), ModelConfig::width,
                    "multiplies every hidden layer's channels or units").dflt(1.0))
            .key(key("init", Type.name(Models.inits()), ModelConfig::init,
                    "weight initialisation: he normal, glorot (Xavier) uniform, pytorch's default, or fort (glorot"
                            + " with Fort's Xavier biases)")
                    .dflt(ModelConfig.DEFAULT_INIT).printIf(m -> !ModelConfig.DEFAULT_INIT.equals(m.init())))
            .key(key("depth", Type.integer(8, PRERESNET_MAX_DEPTH), ModelConfig::depth,
                    "preresnet's depth: 6n+2 below 44 (basic blocks), 9n+2 from 44 (bottlenecks)")
                    .dflt(Models.defaultDepth() + " for preresnet, else none (preresnet only)",
                            v -> Models.PRERESNET.equals(v.get("name")) ? Models.defaultDepth() : null)
                    .printIf(m -> m.depth() != null)
                    .checkIf(m -> m.name() != null && Models.names().contains(m.name()), (c, p, m) -> true)
                    .check(SpecKeys::depth, "6n+2 (8 to 38) or 9n+2 (47 to " + PRERESNET_MAX_DEPTH
                            + "); preresnet only"))
            .build(v -> new ModelConfig(v.get("name"), v.d("width"), v.get("init"), v.get("depth")));

    static final Block<TrainConfig> TRAIN = new Block<>("train", TrainConfig.class,
            "how each member is trained")
            .required("a map with at least members and epochs, e.g. train: {members: 5, epochs: 4}")
            .key(key("members", Type.integer(1, MAX_MEMBERS, "between 1 and " + MAX_MEMBERS + " (" + MAX_MEMBERS
                    + " is a sane upper bound for one study)"), TrainConfig::members,
                    "ensemble members, trained from independent initialisations")
                    .required("the number of ensemble members", 1))
            .key(key("epochs", Type.integer(1, MAX_EPOCHS), TrainConfig::epochs, "epochs per member")
                    .required("the number of epochs per member", 1))
            .key(key("batchSize", Type.integer(1, 8192), TrainConfig::batchSize, "images per step").dflt(128))
            .key(key("optimizer", Type.name(OPTIMIZERS), (TrainConfig t) -> t.optimizer().name(), "the update rule")
                    .dflt(NESTEROV).checkIf(t -> t.optimizer() != null, SpecKeys::optimizerMissing))
            .key(key("lr", Type.positive(10.0), (TrainConfig t) -> t.optimizer().lr(),
                    "learning rate (peak, for a schedule)")
                    .dflt(Text.number(defaultLr(NESTEROV)) + " (" + Text.number(defaultLr(ADAM)) + " for adam)",
                            v -> defaultLr(v.get("optimizer")))
                    .checkIf(t -> t.optimizer() != null, (c, p, t) -> true))
            .key(key("momentum", Type.number(0, false, 1, true), (TrainConfig t) -> t.optimizer().momentum(),
                    "Nesterov momentum; nesterov only (DL4J has no plain-momentum SGD)")
                    .dflt(Text.number(defaultMomentum(NESTEROV)) + " for nesterov, else 0",
                            v -> defaultMomentum(v.get("optimizer")))
                    .fallback(defaultMomentum(NESTEROV))
                    .refuse(v -> v.get("optimizer") != null && OPTIMIZERS.contains(v.<String>get("optimizer"))
                            && !NESTEROV.equals(v.get("optimizer")) ? momentumMessage(v.get("optimizer")) : null)
                    .printIf(t -> NESTEROV.equals(t.optimizer().name()))
                    .checkIf(t -> t.optimizer() != null && NESTEROV.equals(t.optimizer().name()),
                            SpecKeys::momentumOnlyForNesterov))
            .key(key("weightDecay", Type.number(0, false, 1, true), (TrainConfig t) -> t.optimizer().weightDecay(),
                    "coupled L2 coefficient, as PyTorch's weight_decay").dflt(5e-4)
                    .checkIf(t -> t.optimizer() != null, (c, p, t) -> true))
            .key(key("schedule", Type.name(LrSchedule.names()), TrainConfig::schedule,
                    "learning-rate schedule: step is x0.1 at 50% and 75%, cosine anneals per epoch; swa holds lr to"
                    + " 50% of B (swa.start, else epochs), falls linearly to swaLr at 90%, then holds it; cyclic is"
                    + " FGE's triangle lr to minLr and back every cycle epochs, per step; halve-every halves lr every"
                    + " halveEvery epochs").dflt("cosine"))
            .key(key("swaLr", Type.positive(10.0), (TrainConfig t) -> t.scheduleParams().swaLr(),
                    "swa only: the rate from 90% of B on (Izmailov et al.'s swa_lr)")
                    .dflt("required with schedule swa", v -> SWA.equals(v.get("schedule")) ? Double.NaN : 0.0)
                    .refuse(v -> onlyWith(v, SWA, "swaLr"))
                    .printIf(t -> SWA.equals(t.schedule()))
                    .checkIf(t -> SWA.equals(t.schedule()), (c, p, t) -> unused(c, p, t, t.scheduleParams().swaLr(), SWA))
                    .check(SpecKeys::swaLr, "> 0 and <= train.lr"))
            .key(key("cycle", Type.integer(2, MAX_EPOCHS), (TrainConfig t) -> t.scheduleParams().cycle(),
                    "cyclic only: epochs per cycle")
                    .dflt("required with schedule cyclic", v -> CYCLIC.equals(v.get("schedule")) ? ABSENT : 0)
                    .refuse(v -> onlyWith(v, CYCLIC, "cycle"))
                    .printIf(t -> CYCLIC.equals(t.schedule()))
                    .checkIf(t -> CYCLIC.equals(t.schedule()), (c, p, t) -> unused(c, p, t, t.scheduleParams().cycle(), CYCLIC))
                    .check(SpecKeys::cycle, "an even number between 2 and " + MAX_EPOCHS))
            .key(key("minLr", Type.number(0, false, 10, false), (TrainConfig t) -> t.scheduleParams().minLr(),
                    "cyclic only: the rate at mid-cycle")
                    .dflt("train.lr / 100 with schedule cyclic", v -> CYCLIC.equals(v.get("schedule"))
                            ? v.d("lr") / 100 : 0.0)
                    .refuse(v -> onlyWith(v, CYCLIC, "minLr"))
                    .printIf(t -> CYCLIC.equals(t.schedule()))
                    .checkIf(t -> CYCLIC.equals(t.schedule()), (c, p, t) -> unused(c, p, t, t.scheduleParams().minLr(), CYCLIC))
                    .check(SpecKeys::minLr, ">= 0 and <= train.lr"))
            .key(key("halveEvery", Type.integer(1, MAX_EPOCHS), (TrainConfig t) -> t.scheduleParams().halveEvery(),
                    "halve-every only: epochs between halvings of the rate")
                    .dflt("required with schedule halve-every", v -> HALVE_EVERY.equals(v.get("schedule")) ? ABSENT : 0)
                    .refuse(v -> onlyWith(v, HALVE_EVERY, "halveEvery"))
                    .printIf(t -> HALVE_EVERY.equals(t.schedule()))
                    .checkIf(t -> HALVE_EVERY.equals(t.schedule()),
                            (c, p, t) -> unused(c, p, t, t.scheduleParams().halveEvery(), HALVE_EVERY))
                    .check(SpecKeys::halveEvery, "between 1 and " + MAX_EPOCHS))
            .key(key("checkpointEvery", Type.integer(1, MAX_EPOCHS, "between 1 and train.epochs"),
                    TrainConfig::checkpointEvery, "epochs between checkpoints; the last epoch is always kept")
                    .dflt(1).check(SpecKeys::checkpointEvery, "between 1 and train.epochs"))
            .key(key("checkpointEverySteps", Type.integer(0, MAX_CHECKPOINT_EVERY_STEPS, "between 0 and "
                    + MAX_CHECKPOINT_EVERY_STEPS + " (global steps between checkpoints; 0 = only at epoch ends)"),
                    TrainConfig::checkpointEverySteps, "also checkpoint every this many global steps; 0 = off")
                    .dflt(0))
            .rule(SpecKeys::subsetHoldsABatch)
            .printGuard(t -> Objects.requireNonNull(t.optimizer(), "spec.train.optimizer"))
            .build(v -> new TrainConfig(v.i("members"), v.i("epochs"), v.i("batchSize"),
                    new OptimizerConfig(v.get("optimizer"), v.d("lr"), v.d("momentum"), v.d("weightDecay")),
                    v.get("schedule"), v.i("checkpointEvery"), v.i("checkpointEverySteps"),
                    new ScheduleConfig(v.d("swaLr"), 0, v.i("cycle"), v.d("minLr"), v.i("halveEvery"))));

    /**
     * The top level's training keys; the analysis keys follow them ({@link AnalysisKeys#ANALYSES}). {@code train}
     * is checked after the rule that reports a missing train or analyses, as {@link SpecValidator} always did.
     */
    static final Block<StudySpec> SPEC = new Block<>("", StudySpec.class, "a study")
            .key(key("study", Type.text("a study name matching " + STUDY_REGEX, false), StudySpec::study,
                    "the study's name; it becomes part of storage keys and SQL values")
                    .dflt("required", v -> null).check(SpecKeys::study, STUDY_REGEX))
            .key(key("seed", Type.longInteger(), StudySpec::seed,
                    "root seed: member m's initialisation and data order derive from (seed, m)").dflt(0L))
            .key(key("data", DATA.type(), StudySpec::data, DATA.doc))
            .key(key("model", MODEL.type(), StudySpec::model, MODEL.doc))
            .rule(SpecKeys::trainAndAnalysesGiven)
            .key(key("train", TRAIN.type(), StudySpec::train, TRAIN.doc)
                    .checkIf(s -> s.train() != null, (c, p, s) -> true));

    /** Every top-level key, training keys first. */
    static final List<String> TOP_KEYS = Stream.concat(SPEC.names().stream(),
            AnalysisKeys.ANALYSES.names().stream()).toList();

    // ---- rules ---------------------------------------------------------------------------------------

    /** The message for an unknown key: the closest allowed key, or the block the key belongs in. */
    static String unknownKey(String prefix, String key, List<String> allowed) {
        String msg = "unknown key; allowed: " + String.join(", ", allowed);
        String hint = Text.closest(key, allowed);
        if (hint != null) {
            return msg + "; did you mean '" + hint + "'?";
        }
        if (!prefix.isEmpty() && TOP_KEYS.contains(key)) {
            return msg + "; '" + key + "' belongs at the top level";
        }
        if (!prefix.equals("data") && DATA.names().contains(key)) {
            return msg + "; did you mean 'data." + key + "'?";
        }
        if (!prefix.equals("train") && TRAIN.names().contains(key)) {
            return msg + "; did you mean 'train." + key + "'?";
        }
        return msg;
    }

    /** model.depth: preresnet only, and a depth dnn-mode-connectivity's preresnet.py accepts. */
    private static boolean depth(Checks c, String path, ModelConfig m) {
        if (c.skipped(path) || m.depth() == null) {
            return !c.skipped(path);
        }
        if (!Models.PRERESNET.equals(m.name())) {
            c.add(path, "only for preresnet; " + m.name() + "'s depth is fixed: remove model.depth");
            return false;
        }
        String why = Models.checkDepth(m.depth());
        if (why != null) {
            c.add(path, why + " (as dnn-mode-connectivity's preresnet.py requires)");
            return false;
        }
        return true;
    }

    private static boolean study(Checks c, String path, StudySpec s) {
        String name = s.study();
        if (c.skipped(path)) {
            return false;
        }
        if (name == null) {
            c.add(path, "required: a name matching " + STUDY_REGEX + ", e.g. study: quickstart");
        } else if (name.isEmpty()) {
            c.add(path, "must not be empty: a name matching " + STUDY_REGEX);
        } else if (name.length() > MAX_STUDY_LENGTH) {
            c.add(path, "must be at most " + MAX_STUDY_LENGTH + " characters, got " + name.length()
                    + " (" + Text.quote(name) + ")");
        } else if (!STUDY_PATTERN.matcher(name).matches()) {
            c.add(path, "must be lower-case letters, digits and '-', not starting with '-' (" + STUDY_REGEX
                    + "; it becomes part of storage keys and SQL values), got " + Text.quote(name));
        } else {
            return true;
        }
        return false;
    }

    private static boolean path(Checks c, String path, DataConfig d) {
        String value = d.path();
        if (c.skipped(path) || value == null) {
            return true;
        }
        if (value.isEmpty()) {
            c.add(path, "must not be empty; leave it out (or null) for the dataset's default folder");
        } else if (value.length() > MAX_PATH_LENGTH) {
            c.add(path, "must be at most " + MAX_PATH_LENGTH + " characters, got " + value.length());
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            c.add(path, "must not contain control characters, got " + Text.quote(value));
        } else if (value.startsWith("s3://") && !value.matches("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?")) {
            c.add(path, "must be s3://bucket or s3://bucket/prefix with a valid bucket name (3-63 characters: "
                    + "lower-case letters, digits, '.', '-'), got " + Text.quote(value));
        }
        return true;
    }

    private static boolean trainAndAnalysesGiven(Checks c, String path, StudySpec s) {
        if (s.train() == null) {
            c.add("train", "must not be null");
        }
        if (s.analyses() == null) {
            c.add("analyses", "must not be null; AnalysesConfig.NONE asks for no analysis");
        }
        return true;
    }

    private static boolean optimizerMissing(Checks c, String path, TrainConfig t) {
        c.add(path, "must not be null");
        return false;
    }

    /** Why momentum may not be given with {@code optimizer}: DL4J has no plain-momentum SGD. */
    static String momentumMessage(String optimizer) {
        if (ADAM.equals(optimizer)) {
            return "not allowed with optimizer adam: momentum applies only to nesterov (adam keeps its own moment"
                    + " estimates, and DL4J has no plain-momentum SGD); for SGD with momentum use optimizer: nesterov";
        }
        return "not allowed with optimizer " + optimizer + ": DL4J has no plain-momentum SGD; for SGD with"
                + " momentum use optimizer: nesterov, for plain SGD leave momentum out";
    }

    /** A momentum other than 0 with a known optimizer other than nesterov (an unknown one is reported already). */
    private static boolean momentumOnlyForNesterov(Checks c, String path, TrainConfig t) {
        OptimizerConfig o = t.optimizer();
        if (o != null && !c.skipped("train.optimizer") && OPTIMIZERS.contains(o.name())
                && Double.compare(o.momentum(), 0.0) != 0 && !c.skipped(path)) {
            c.add(path, momentumMessage(o.name()) + ", got " + Text.number(o.momentum()));
        }
        return true;
    }

    /** Why {@code key} may not be given: the schedule read is not {@code schedule} (null when it is). */
    private static String onlyWith(Values v, String schedule, String key) {
        String s = v.get("schedule");
        return schedule.equals(s) ? null : "only with train.schedule " + schedule + " (the schedule is "
                + s + "); leave " + key + " out";
    }

    /** A schedule parameter set (not 0) under a schedule that does not use it: a spec built by hand. */
    private static boolean unused(Checks c, String path, TrainConfig t, double value, String schedule) {
        if (value != 0 && !c.skipped(path)) {
            c.add(path, "only with train.schedule " + schedule + " (the schedule is " + t.schedule()
                    + "); leave it out");
        }
        return true;
    }

    private static boolean swaLr(Checks c, String path, TrainConfig t) {
        double r = t.scheduleParams().swaLr();
        if (c.skipped(path)) {
            return false;
        }
        if (Double.isNaN(r)) {
            c.addNear(path, "required with train.schedule swa: the rate of the averaging phase, > 0 and at most"
                    + " train.lr, e.g. swaLr: 0.01");
        } else if (!c.positive(path, r, 10.0)) {
            return false;
        } else if (c.passed("train.lr") && r > t.optimizer().lr()) {
            c.add(path, "must be at most train.lr (" + Text.number(t.optimizer().lr()) + "): swa's rate falls"
                    + " from lr to swaLr, got " + Text.number(r));
        } else {
            return true;
        }
        return false;
    }

    private static boolean cycle(Checks c, String path, TrainConfig t) {
        int n = t.scheduleParams().cycle();
        if (c.skipped(path)) {
            return false;
        }
        if (n == ABSENT) {
            c.addNear(path, "required with train.schedule cyclic: epochs per cycle, an even number >= 2, e.g. cycle: 4");
        } else if (!c.intIn(path, n, 2, MAX_EPOCHS, "between 2 and " + MAX_EPOCHS)) {
            return false;
        } else if (n % 2 != 0) {
            c.add(path, "must be an even number of epochs (the rate reaches minLr at mid-cycle, an epoch end),"
                    + " got " + n);
        } else {
            return true;
        }
        return false;
    }

    private static boolean minLr(Checks c, String path, TrainConfig t) {
        double r = t.scheduleParams().minLr();
        if (c.skipped(path) || !c.numberIn(path, r, 0, false, 10, false)) {
            return false;
        }
        if (c.passed("train.lr") && r > t.optimizer().lr()) {
            c.add(path, "must be at most train.lr (" + Text.number(t.optimizer().lr()) + "), got "
                    + Text.number(r));
            return false;
        }
        return true;
    }

    private static boolean halveEvery(Checks c, String path, TrainConfig t) {
        int n = t.scheduleParams().halveEvery();
        if (c.skipped(path)) {
            return false;
        }
        if (n == ABSENT) {
            c.addNear(path, "required with train.schedule halve-every: epochs between halvings, >= 1, e.g."
                    + " halveEvery: 10");
            return false;
        }
        return c.intIn(path, n, 1, MAX_EPOCHS, "between 1 and " + MAX_EPOCHS);
    }

    private static boolean checkpointEvery(Checks c, String path, TrainConfig t) {
        if (c.skipped(path)) {
            return false;
        }
        int every = t.checkpointEvery();
        if (every < 1) {
            c.add(path, "must be at least 1 (epochs between checkpoints), got " + every);
        } else if (c.passed("train.epochs") && every > t.epochs()) {
            c.add(path, "must be at most train.epochs (" + t.epochs() + "), got " + every);
        } else {
            return true;
        }
        return false;
    }

    /** Every epoch must have a step: a training subset smaller than a batch would have none. */
    private static boolean subsetHoldsABatch(Checks c, String path, TrainConfig t) {
        DataConfig data = c.spec.data();
        if (data != null && c.passed("train.batchSize") && c.passed("data.trainSubset") && data.trainSubset() > 0
                && data.trainSubset() < t.batchSize()) {
            c.add("data.trainSubset", "must be 0 (all) or at least train.batchSize (" + t.batchSize()
                    + ") so that every epoch has a step, got " + data.trainSubset());
        }
        return true;
    }
}
