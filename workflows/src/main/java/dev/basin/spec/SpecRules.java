package dev.basin.spec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The study spec's defaults, bounds and allowed names, in one place (the parser, validator, printer and CLI help
 * all read them from here). Everything here is an immutable constant.
 */
public final class SpecRules {

    private SpecRules() {}

    /** Largest accepted spec text, in UTF-8 bytes (256 KiB). */
    public static final int MAX_SPEC_BYTES = 256 * 1024;
    /** Most aliases ({@code *x}) to lists or maps that one spec may use; a spec needs none (billion-laughs guard). */
    public static final int MAX_COLLECTION_ALIASES = 10;
    /** Deepest nesting of lists and maps accepted by the YAML reader; a valid spec nests two deep. */
    public static final int MAX_NESTING_DEPTH = 16;

    /** Study names: lower-case letters, digits and '-', not starting with '-', 1 to 63 characters. */
    public static final String STUDY_REGEX = "^[a-z0-9][a-z0-9-]{0,62}$";
    public static final Pattern STUDY_PATTERN = Pattern.compile(STUDY_REGEX);
    public static final int MAX_STUDY_LENGTH = 63;

    public static final long DEFAULT_SEED = 0L;

    public static final List<String> DATASETS = List.of("fashion-mnist", "mnist");
    public static final String DEFAULT_DATASET = "fashion-mnist";
    /** {@code data.path} default: {@code null}, the dataset's default folder. */
    public static final String DEFAULT_PATH = null;
    public static final int DEFAULT_TRAIN_SUBSET = 0;
    public static final int DEFAULT_TEST_SUBSET = 0;
    public static final int MAX_TRAIN_SUBSET = 60_000;
    public static final int MAX_TEST_SUBSET = 10_000;
    public static final int MAX_PATH_LENGTH = 4096;

    public static final List<String> MODELS = List.of("small-cnn", "medium-cnn");
    public static final String DEFAULT_MODEL = "small-cnn";

    public static final int MIN_MEMBERS = 1;
    public static final int MAX_MEMBERS = 64;
    public static final int MIN_EPOCHS = 1;
    public static final int MAX_EPOCHS = 1000;
    public static final int MIN_BATCH_SIZE = 1;
    public static final int MAX_BATCH_SIZE = 8192;
    public static final int DEFAULT_BATCH_SIZE = 128;

    public static final String SGD = "sgd";
    public static final String NESTEROV = "nesterov";
    public static final String ADAM = "adam";
    public static final List<String> OPTIMIZERS = List.of(SGD, NESTEROV, ADAM);
    public static final String DEFAULT_OPTIMIZER = NESTEROV;

    /** Default learning rate for {@code sgd} and {@code nesterov}. */
    public static final double DEFAULT_LR = 0.05;
    /** Default learning rate for {@code adam}. */
    public static final double DEFAULT_ADAM_LR = 0.001;
    /** Learning rates must be {@code > 0} and at most this. */
    public static final double MAX_LR = 10.0;
    /** Default momentum for {@code nesterov}; other optimizers carry momentum 0. */
    public static final double DEFAULT_MOMENTUM = 0.9;
    /** Default coupled L2 coefficient (PyTorch {@code weight_decay}), for every optimizer. */
    public static final double DEFAULT_WEIGHT_DECAY = 5e-4;

    public static final List<String> SCHEDULES = List.of("constant", "step", "cosine");
    public static final String DEFAULT_SCHEDULE = "cosine";
    public static final int DEFAULT_CHECKPOINT_EVERY = 1;
    /** {@code train.checkpointEverySteps} default: 0, no checkpoints between epoch ends. */
    public static final int DEFAULT_CHECKPOINT_EVERY_STEPS = 0;
    /** Largest {@code train.checkpointEverySteps}: far beyond any run, small enough to be a deliberate number. */
    public static final int MAX_CHECKPOINT_EVERY_STEPS = 100_000_000;

    public static final List<String> TOP_KEYS = List.of("study", "seed", "data", "model", "train");
    public static final List<String> DATA_KEYS = List.of("dataset", "path", "trainSubset", "testSubset");
    public static final List<String> MODEL_KEYS = List.of("name");
    public static final List<String> TRAIN_KEYS = List.of("members", "epochs", "batchSize", "optimizer", "lr",
            "momentum", "weightDecay", "schedule", "checkpointEvery", "checkpointEverySteps");

    /** The default learning rate for an optimizer name: {@value #DEFAULT_ADAM_LR} for adam, else {@value #DEFAULT_LR}. */
    public static double defaultLr(String optimizer) {
        return ADAM.equals(optimizer) ? DEFAULT_ADAM_LR : DEFAULT_LR;
    }

    /** The default momentum for an optimizer name: {@value #DEFAULT_MOMENTUM} for nesterov, else 0. */
    public static double defaultMomentum(String optimizer) {
        return NESTEROV.equals(optimizer) ? DEFAULT_MOMENTUM : 0.0;
    }
}
