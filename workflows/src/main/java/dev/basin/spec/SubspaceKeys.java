package dev.basin.spec;

import static dev.basin.spec.Key.key;
import static dev.basin.spec.SpecRules.DEFAULT_SAMPLES;
import static dev.basin.spec.SpecRules.DIAG_GAUSSIAN;
import static dev.basin.spec.SpecRules.DROPOUT;
import static dev.basin.spec.SpecRules.LOW_RANK_GAUSSIAN;
import static dev.basin.spec.SpecRules.RANDOM;
import static dev.basin.spec.SpecRules.SUBSPACE_METHODS;

import dev.basin.engine.analysis.SubspaceConfig;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The declarations of the {@code subspace} key: samples around one member, one block per method. Immutable after
 * class initialisation.
 */
final class SubspaceKeys {

    private SubspaceKeys() {}

    /** Gaussian scales multiply the fitted standard deviations; far beyond any useful one. */
    private static final double MAX_SCALE = 100.0;

    static final Block<SubspaceConfig.Random> RANDOM_BLOCK = new Block<>(RANDOM, SubspaceConfig.Random.class,
            "random directions at fixed distances").optional()
            // Radii are L2 distances in weight space; the bound is far beyond any trained network's norm.
            .key(key("radii", Type.numbers(0, true, 1000.0, false), SubspaceConfig.Random::radii,
                    "distances from the member in weight space (L2)").dflt(List.of(5.0, 10.0, 20.0)))
            .key(key("accuracyFloor", Type.number(0, false, 1, true), SubspaceConfig.Random::accuracyFloor,
                    "samples below this test accuracy are left out").dflt(0.0))
            .build(v -> new SubspaceConfig.Random(v.get("radii"), v.d("accuracyFloor")));

    static final Block<SubspaceConfig.Dropout> DROPOUT_BLOCK = new Block<>(DROPOUT, SubspaceConfig.Dropout.class,
            "the member with a random fraction of its weights set to 0").optional()
            .key(key("rates", Type.numbers(0, true, 1, true), SubspaceConfig.Dropout::rates,
                    "fractions of weights dropped").dflt(List.of(0.1, 0.3)))
            .build(v -> new SubspaceConfig.Dropout(v.get("rates")));

    static final Block<SubspaceConfig.DiagGaussian> DIAG_BLOCK = new Block<>(DIAG_GAUSSIAN,
            SubspaceConfig.DiagGaussian.class, "the SWAG-diagonal Gaussian; needs swa").optional()
            .rule((c, p, g) -> c.needs(p, c.spec.analyses().swa(), "swa",
                    "the SWAG-diagonal Gaussian uses the SWAG moments"))
            .key(key("scales", Type.numbers(0, true, MAX_SCALE, false), SubspaceConfig.DiagGaussian::scales,
                    "multipliers of the standard deviations").dflt(List.of(0.5, 1.0)))
            .build(v -> new SubspaceConfig.DiagGaussian(v.get("scales")));

    static final Block<SubspaceConfig.LowRankGaussian> LOW_RANK_BLOCK = new Block<>(LOW_RANK_GAUSSIAN,
            SubspaceConfig.LowRankGaussian.class, "a Gaussian on the PCA of the trajectory; needs trajectory")
            .optional()
            .rule((c, p, l) -> c.needs(p, c.spec.analyses().trajectory(), "trajectory",
                    "the low-rank Gaussian is the PCA of the trajectory's checkpoints"))
            .key(key("rank", Type.integer(1, AnalysisKeys.MAX_SWAG_RANK), SubspaceConfig.LowRankGaussian::rank,
                    "principal components; fewer than the kept checkpoints per member").dflt(5)
                    .then(SubspaceKeys::rankFitsTrajectory))
            .key(key("scales", Type.numbers(0, true, MAX_SCALE, false), SubspaceConfig.LowRankGaussian::scales,
                    "multipliers of the standard deviations").dflt(List.of(1.0)))
            .build(v -> new SubspaceConfig.LowRankGaussian(v.i("rank"), v.get("scales")));

    static final Block<SubspaceConfig> SUBSPACE = new Block<>("subspace", SubspaceConfig.class,
            "samples around one member by each method given; accuracy, disagreement and diversity").optional()
            .key(key("around", Type.integer(0, SpecKeys.MAX_MEMBERS - 1,
                    "a member index, between 0 and train.members - 1"), SubspaceConfig::around,
                    "the member sampled around").dflt(0).check(SubspaceKeys::around, "0 to train.members - 1"))
            .key(key("samples", Type.integer(1, 100), SubspaceConfig::samples, "samples per method and setting")
                    .dflt(DEFAULT_SAMPLES))
            .rule(SubspaceKeys::someMethod)
            .key(key(RANDOM, RANDOM_BLOCK.type(), SubspaceConfig::random, RANDOM_BLOCK.doc))
            .key(key(DROPOUT, DROPOUT_BLOCK.type(), SubspaceConfig::dropout, DROPOUT_BLOCK.doc))
            .key(key(DIAG_GAUSSIAN, DIAG_BLOCK.type(), SubspaceConfig::diagGaussian, DIAG_BLOCK.doc))
            .key(key(LOW_RANK_GAUSSIAN, LOW_RANK_BLOCK.type(), SubspaceConfig::lowRankGaussian, LOW_RANK_BLOCK.doc))
            .build(v -> new SubspaceConfig(v.i("around"), v.i("samples"), v.get(RANDOM), v.get(DROPOUT),
                    v.get(DIAG_GAUSSIAN), v.get(LOW_RANK_GAUSSIAN)));

    // ---- rules ---------------------------------------------------------------------------------------

    private static boolean around(Checks c, String path, SubspaceConfig s) {
        if (c.skipped(path)) {
            return false;
        }
        if (s.around() < 0) {
            c.add(path, "must be a member index, 0 or more, got " + s.around());
        } else if (c.members() > 0 && s.around() >= c.members()) {
            c.add(path, "member " + s.around() + " does not exist; train.members is " + c.members());
        } else {
            return true;
        }
        return false;
    }

    /** A method given but unreadable (already reported) counts: it was meant. */
    private static boolean someMethod(Checks c, String path, SubspaceConfig s) {
        if (s.random() != null || s.dropout() != null || s.diagGaussian() != null || s.lowRankGaussian() != null
                || c.skippedUnder(path + ".")) {
            return true;
        }
        c.add(path, "needs at least one method: " + String.join(", ", SUBSPACE_METHODS)
                + ", e.g. subspace: {random: {}}");
        return false;
    }

    private static boolean rankFitsTrajectory(Checks c, String path, SubspaceConfig.LowRankGaussian l) {
        if (c.kept == null || l.rank() < c.kept.size()) {
            return true;
        }
        c.add(path, l.rank() + " components need at least " + (l.rank() + 1) + " kept checkpoints per member;"
                + " the trajectory keeps " + c.kept.size() + " (" + c.kept.stream().map(String::valueOf)
                .collect(Collectors.joining(", ")) + ")");
        return false;
    }
}
