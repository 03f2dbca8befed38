package dev.basin.spec;

import dev.basin.engine.analysis.SamplingMethod;
import dev.basin.engine.analysis.SubspaceConfig;
import dev.basin.engine.analysis.TrajectoryConfig;
import java.util.List;
import java.util.TreeSet;
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
    /** Deepest nesting of lists and maps accepted by the YAML reader; a valid spec nests four deep
     * ({@code interpolation.pairs[0][1]}). */
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

    public static final List<String> MODELS = List.of("small-cnn", "medium-cnn", "resnet20");
    public static final String DEFAULT_MODEL = "small-cnn";
    /** {@code model.width} default: the network as published. */
    public static final double DEFAULT_WIDTH = 1.0;
    public static final double MIN_WIDTH = 0.25;
    public static final double MAX_WIDTH = 16.0;

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

    public static final List<String> TOP_KEYS = List.of("study", "seed", "data", "model", "train", "trajectory",
            "similarity", "tsne", "swa", "subspace", "ensembles", "plane", "interpolation", "shift");
    /** The top-level keys that ask for an analysis; each is optional and absent means not asked for. */
    public static final List<String> ANALYSIS_KEYS = TOP_KEYS.subList(5, TOP_KEYS.size());
    public static final List<String> DATA_KEYS = List.of("dataset", "path", "trainSubset", "testSubset");
    public static final List<String> MODEL_KEYS = List.of("name", "width");
    public static final List<String> TRAIN_KEYS = List.of("members", "epochs", "batchSize", "optimizer", "lr",
            "momentum", "weightDecay", "schedule", "checkpointEvery", "checkpointEverySteps");

    // ---- analyses -----------------------------------------------------------------------------------

    public static final List<String> TRAJECTORY_KEYS = List.of("every", "everySteps");
    /** {@code trajectory: {}} keeps the end of every epoch. */
    public static final int DEFAULT_TRAJECTORY_EVERY = 1;

    public static final List<String> SIMILARITY_KEYS = List.of("scopes");
    /** Which pairs {@code similarity} compares; all three unless {@code scopes} says otherwise. */
    public static final List<String> SIMILARITY_SCOPES = List.of("trajectory", "members", "all");

    public static final List<String> TSNE_KEYS = List.of("perplexity", "seed");
    public static final double DEFAULT_PERPLEXITY = 30.0;
    public static final double MIN_PERPLEXITY = 2.0;
    public static final double MAX_PERPLEXITY = 100.0;

    public static final List<String> SWA_KEYS = List.of("start", "rank");
    /** SWAG's K when not given: Maddox et al. use 20; 10 keeps S3 objects small. Capped by the snapshots. */
    public static final int DEFAULT_SWAG_RANK = 10;
    public static final int MAX_SWAG_RANK = 64;

    // The method names and the default sample count are the engine's (one source for the spec and the activities).
    public static final String RANDOM = SamplingMethod.RANDOM.specName();
    public static final String DROPOUT = SamplingMethod.DROPOUT.specName();
    public static final String DIAG_GAUSSIAN = SamplingMethod.DIAG_GAUSSIAN.specName();
    public static final String LOW_RANK_GAUSSIAN = SamplingMethod.LOW_RANK_GAUSSIAN.specName();
    public static final List<String> SUBSPACE_METHODS = SamplingMethod.specNames();
    public static final List<String> SUBSPACE_KEYS =
            List.of("around", "samples", RANDOM, DROPOUT, DIAG_GAUSSIAN, LOW_RANK_GAUSSIAN);
    public static final int DEFAULT_AROUND = 0;
    public static final int DEFAULT_SAMPLES = SubspaceConfig.DEFAULT_SAMPLES;
    public static final int MAX_SAMPLES = 100;
    public static final List<String> RANDOM_KEYS = List.of("radii", "accuracyFloor");
    public static final List<Double> DEFAULT_RADII = List.of(5.0, 10.0, 20.0);
    /** Radii are L2 distances in weight space; far beyond any trained network's norm. */
    public static final double MAX_RADIUS = 1000.0;
    public static final double DEFAULT_ACCURACY_FLOOR = 0.0;
    public static final List<String> DROPOUT_KEYS = List.of("rates");
    public static final List<Double> DEFAULT_DROPOUT_RATES = List.of(0.1, 0.3);
    public static final List<String> DIAG_GAUSSIAN_KEYS = List.of("scales");
    public static final List<Double> DEFAULT_DIAG_SCALES = List.of(0.5, 1.0);
    public static final List<String> LOW_RANK_GAUSSIAN_KEYS = List.of("rank", "scales");
    public static final int DEFAULT_LOW_RANK = 5;
    public static final List<Double> DEFAULT_LOW_RANK_SCALES = List.of(1.0);
    public static final double MAX_SCALE = 100.0;
    /** Most values in one list of radii, rates or scales. */
    public static final int MAX_VALUES = 16;

    public static final List<String> ENSEMBLES_KEYS = List.of("deep", "swa", "subspace", "multiSwag");

    public static final List<String> PLANE_KEYS = List.of("anchors", "grid", "margin", "trainSubset");
    public static final int MAX_PLANES = 16;
    public static final int DEFAULT_GRID = 11;
    public static final int MIN_GRID = 3;
    public static final int MAX_GRID = 101;
    public static final double DEFAULT_MARGIN = 0.2;
    public static final double MAX_MARGIN = 2.0;
    /** Training images the plane and interpolation train losses use, unless the data has fewer. */
    public static final int DEFAULT_ANALYSIS_TRAIN_SUBSET = 5000;
    public static final int MIN_ANALYSIS_TRAIN_SUBSET = 100;

    public static final List<String> INTERPOLATION_KEYS = List.of("pairs", "points", "margin", "trainSubset");
    public static final int MAX_PAIRS = 64;
    public static final int DEFAULT_POINTS = 21;
    public static final int MIN_POINTS = 3;
    public static final int MAX_POINTS = 201;

    public static final List<String> SHIFT_KEYS = List.of("corruptions", "severities");
    public static final List<String> CORRUPTIONS = List.of("gaussian-noise", "blur", "rotation", "contrast", "pixelate");
    public static final List<Integer> SEVERITIES = List.of(1, 2, 3, 4, 5);

    /** {@code swa.start} when not given: the epoch after the first 3/4 of training, as Izmailov et al. do. */
    public static int defaultSwaStart(int epochs) {
        return Math.max(1, epochs - epochs / 4);
    }

    /** {@code swa.rank} when not given: {@value #DEFAULT_SWAG_RANK}, or fewer when fewer epochs are averaged. */
    public static int defaultSwagRank(int epochs, int start) {
        return Math.max(0, Math.min(DEFAULT_SWAG_RANK, epochs - start + 1));
    }

    /** {@code trainSubset} of a plane or interpolation when not given: {@value #DEFAULT_ANALYSIS_TRAIN_SUBSET}, or
     * all of {@code data.trainSubset} when that is smaller. */
    public static int defaultAnalysisTrainSubset(int dataTrainSubset) {
        return dataTrainSubset > 0 ? Math.min(DEFAULT_ANALYSIS_TRAIN_SUBSET, dataTrainSubset)
                : DEFAULT_ANALYSIS_TRAIN_SUBSET;
    }

    /**
     * The epochs whose end-of-epoch weights the trajectory keeps, ascending: every {@code every}-th epoch and the
     * last; with {@code everySteps} only the last is known before training (where step checkpoints fall depends on
     * the data's size), so only it can be named by a {@code checkpoint:M@E} anchor.
     */
    public static List<Integer> keptEpochs(TrajectoryConfig trajectory, int epochs) {
        TreeSet<Integer> kept = new TreeSet<>();
        if (trajectory.every() > 0) {
            for (int e = trajectory.every(); e <= epochs; e += trajectory.every()) {
                kept.add(e);
            }
        }
        kept.add(epochs);
        return List.copyOf(kept);
    }

    /** The default learning rate for an optimizer name: {@value #DEFAULT_ADAM_LR} for adam, else {@value #DEFAULT_LR}. */
    public static double defaultLr(String optimizer) {
        return ADAM.equals(optimizer) ? DEFAULT_ADAM_LR : DEFAULT_LR;
    }

    /** The default momentum for an optimizer name: {@value #DEFAULT_MOMENTUM} for nesterov, else 0. */
    public static double defaultMomentum(String optimizer) {
        return NESTEROV.equals(optimizer) ? DEFAULT_MOMENTUM : 0.0;
    }
}
