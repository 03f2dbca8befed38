package dev.basin.spec;

import dev.basin.engine.analysis.SamplingMethod;
import dev.basin.engine.analysis.SubspaceConfig;
import dev.basin.engine.analysis.TrajectoryConfig;
import java.util.List;
import java.util.TreeSet;

/**
 * The spec's limits and the rules that code outside the key declarations also needs: the YAML reader's limits
 * (the CLI reads no more than {@link #MAX_SPEC_BYTES}), the names the engine shares, and the derived defaults.
 * Every other default, bound and allowed name is declared with its key ({@link SpecKeys}, {@link AnalysisKeys}).
 * Everything here is an immutable constant or a pure function.
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

    public static final String NESTEROV = "nesterov";
    public static final String ADAM = "adam";
    public static final List<String> OPTIMIZERS = List.of("sgd", NESTEROV, ADAM);

    /** Which pairs {@code similarity} compares; all three unless {@code scopes} says otherwise. */
    public static final List<String> SIMILARITY_SCOPES = List.of("trajectory", "members", "all");
    public static final List<String> CORRUPTIONS = List.of("gaussian-noise", "blur", "rotation", "contrast", "pixelate");
    public static final List<Integer> SEVERITIES = List.of(1, 2, 3, 4, 5);

    // The method names and the default sample count are the engine's (one source for the spec and the activities).
    public static final String RANDOM = SamplingMethod.RANDOM.specName();
    public static final String DROPOUT = SamplingMethod.DROPOUT.specName();
    public static final String DIAG_GAUSSIAN = SamplingMethod.DIAG_GAUSSIAN.specName();
    public static final String LOW_RANK_GAUSSIAN = SamplingMethod.LOW_RANK_GAUSSIAN.specName();
    public static final String MC_DROPOUT = SamplingMethod.MC_DROPOUT.specName();
    public static final List<String> SUBSPACE_METHODS = SamplingMethod.specNames();
    public static final int DEFAULT_SAMPLES = SubspaceConfig.DEFAULT_SAMPLES;

    /** SWAG's K when not given: Maddox et al. use 20; 10 keeps S3 objects small. Capped by the snapshots. */
    private static final int DEFAULT_SWAG_RANK = 10;
    /** Training images the plane and interpolation train losses use, unless the data has fewer. */
    private static final int DEFAULT_ANALYSIS_TRAIN_SUBSET = 5000;

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

    /** The default learning rate for an optimizer name: 0.001 for adam, else 0.05. */
    public static double defaultLr(String optimizer) {
        return ADAM.equals(optimizer) ? 0.001 : 0.05;
    }

    /** The default momentum for an optimizer name: 0.9 for nesterov, else 0 (the others take none). */
    public static double defaultMomentum(String optimizer) {
        return NESTEROV.equals(optimizer) ? 0.9 : 0.0;
    }
}
