package dev.basin.spec;

import static dev.basin.spec.SpecRules.*;

import dev.basin.engine.DataConfig;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.TrainConfig;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Checks the values of a {@link StudySpec}: ranges, allowed names, cross-field rules. {@link SpecParser} runs
 * it on every parsed spec (with line numbers); call it directly on a spec built in code (problems then carry
 * line 0). Pure and deterministic: safe in Temporal workflow code.
 */
public final class SpecValidator {

    private SpecValidator() {}

    /** Every problem with {@code spec}; empty when it is valid. */
    public static List<SpecProblem> problems(StudySpec spec) {
        return check(spec, p -> 0, Set.of());
    }

    /** Returns {@code spec} when valid, else throws a {@link SpecException} listing every problem. */
    public static StudySpec validate(StudySpec spec) {
        List<SpecProblem> found = problems(spec);
        if (!found.isEmpty()) {
            throw new SpecException(found);
        }
        return spec;
    }

    /**
     * @param lineOf line of the value at a path (0 when unknown)
     * @param skip   paths already reported by the parser; no further checks on them, nor cross-field checks
     *               involving them
     */
    static List<SpecProblem> check(StudySpec spec, ToIntFunction<String> lineOf, Set<String> skip) {
        Checks c = new Checks(lineOf, skip);
        if (spec == null) {
            c.add("", "spec is null");
            return c.problems;
        }
        c.study(spec.study());
        DataConfig data = spec.data();
        if (data == null) {
            c.add("data", "must not be null");
        } else {
            c.oneOf("data.dataset", data.dataset(), DATASETS);
            c.path("data.path", data.path());
            c.intRange("data.trainSubset", data.trainSubset());
            c.intRange("data.testSubset", data.testSubset());
        }
        ModelConfig model = spec.model();
        if (model == null) {
            c.add("model", "must not be null");
        } else {
            c.oneOf("model", model.name(), MODELS);
            c.numberIn("model.width", model.width(), MIN_WIDTH, false, MAX_WIDTH, false);
        }
        TrainConfig train = spec.train();
        if (train == null) {
            c.add("train", "must not be null");
        }
        if (spec.analyses() == null) {
            c.add("analyses", "must not be null; AnalysesConfig.NONE asks for no analysis");
        }
        if (train == null) {
            return c.problems;
        }
        c.intRange("train.members", train.members());
        boolean epochsOk = c.intRange("train.epochs", train.epochs());
        boolean batchOk = c.intRange("train.batchSize", train.batchSize());
        OptimizerConfig opt = train.optimizer();
        if (opt == null) {
            c.add("train.optimizer", "must not be null");
        } else {
            boolean nameOk = c.oneOf("train.optimizer", opt.name(), OPTIMIZERS);
            c.lr(opt.lr());
            if (NESTEROV.equals(opt.name())) {
                c.unitInterval("train.momentum", opt.momentum());
            } else if (nameOk && Double.compare(opt.momentum(), 0.0) != 0 && !skip.contains("train.momentum")) {
                c.add("train.momentum", momentumMessage(opt.name()) + ", got " + Text.number(opt.momentum()));
            }
            c.unitInterval("train.weightDecay", opt.weightDecay());
        }
        c.oneOf("train.schedule", train.schedule(), SCHEDULES);
        if (!skip.contains("train.checkpointEvery")) {
            int every = train.checkpointEvery();
            if (every < 1) {
                c.add("train.checkpointEvery", "must be at least 1 (epochs between checkpoints), got " + every);
            } else if (epochsOk && !skip.contains("train.epochs") && every > train.epochs()) {
                c.add("train.checkpointEvery", "must be at most train.epochs (" + train.epochs()
                        + "), got " + every);
            }
        }
        c.intRange("train.checkpointEverySteps", train.checkpointEverySteps());
        if (data != null && batchOk && !skip.contains("train.batchSize") && !skip.contains("data.trainSubset")
                && data.trainSubset() > 0 && data.trainSubset() <= MAX_TRAIN_SUBSET
                && data.trainSubset() < train.batchSize()) {
            c.add("data.trainSubset", "must be 0 (all) or at least train.batchSize (" + train.batchSize()
                    + ") so that every epoch has a step, got " + data.trainSubset());
        }
        if (spec.analyses() != null) {
            new AnalysisValidator(c, spec).check(spec.analyses());
        }
        return c.problems;
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

    /** "between 1 and 64 (...)": the allowed range of an integer key, as used in messages. */
    static String intBounds(String path) {
        return switch (path) {
            case "data.trainSubset" -> "between 0 and " + MAX_TRAIN_SUBSET + " (0 means all)";
            case "data.testSubset" -> "between 0 and " + MAX_TEST_SUBSET + " (0 means all)";
            case "train.members" -> "between " + MIN_MEMBERS + " and " + MAX_MEMBERS
                    + " (" + MAX_MEMBERS + " is a sane upper bound for one study)";
            case "train.epochs" -> "between " + MIN_EPOCHS + " and " + MAX_EPOCHS;
            case "train.batchSize" -> "between " + MIN_BATCH_SIZE + " and " + MAX_BATCH_SIZE;
            case "train.checkpointEvery" -> "between 1 and train.epochs";
            case "train.checkpointEverySteps" -> "between 0 and " + MAX_CHECKPOINT_EVERY_STEPS
                    + " (global steps between checkpoints; 0 = only at epoch ends)";
            default -> AnalysisValidator.intBounds(path);
        };
    }

    static long[] intRangeOf(String path) {
        return switch (path) {
            case "data.trainSubset" -> new long[] {0, MAX_TRAIN_SUBSET};
            case "data.testSubset" -> new long[] {0, MAX_TEST_SUBSET};
            case "train.members" -> new long[] {MIN_MEMBERS, MAX_MEMBERS};
            case "train.epochs" -> new long[] {MIN_EPOCHS, MAX_EPOCHS};
            case "train.batchSize" -> new long[] {MIN_BATCH_SIZE, MAX_BATCH_SIZE};
            case "train.checkpointEverySteps" -> new long[] {0, MAX_CHECKPOINT_EVERY_STEPS};
            default -> throw new IllegalArgumentException("no integer bounds for " + path);
        };
    }
}
