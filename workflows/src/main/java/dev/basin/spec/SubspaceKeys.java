package dev.basin.spec;

import static dev.basin.spec.Key.key;
import static dev.basin.spec.SpecRules.DEFAULT_SAMPLES;
import static dev.basin.spec.SpecRules.DIAG_GAUSSIAN;
import static dev.basin.spec.SpecRules.DROPOUT;
import static dev.basin.spec.SpecRules.LOW_RANK_GAUSSIAN;
import static dev.basin.spec.SpecRules.MC_DROPOUT;
import static dev.basin.spec.SpecRules.RANDOM;
import static dev.basin.spec.SpecRules.SUBSPACE_METHODS;

import dev.basin.engine.ModelConfig;
import dev.basin.engine.analysis.SubspaceConfig;
import dev.basin.engine.analysis.SwaConfig;
import dev.basin.engine.model.Models;
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
    private static final String FROM_BOUNDS = "an epoch, between 0 and train.epochs (0: every kept checkpoint)";

    static final Block<SubspaceConfig.Random> RANDOM_BLOCK = new Block<>(RANDOM, SubspaceConfig.Random.class,
            "random directions at fixed distances").optional()
            // Radii are L2 distances in weight space; the bound is far beyond any trained network's norm.
            .key(key("radii", Type.numbers(0, true, 1000.0, false), SubspaceConfig.Random::radii,
                    "distances from the member in weight space (L2)").dflt(List.of(5.0, 10.0, 20.0)))
            .key(key("accuracyFloor", Type.number(0, false, 1, true), SubspaceConfig.Random::accuracyFloor,
                    "samples below this test accuracy are left out").dflt(0.0))
            .build(v -> new SubspaceConfig.Random(v.get("radii"), v.d("accuracyFloor")));

    static final Block<SubspaceConfig.Dropout> DROPOUT_BLOCK = new Block<>(DROPOUT, SubspaceConfig.Dropout.class,
            "weight dropout: the member with a random fraction of its weights set to 0 (not MC dropout)").optional()
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

    /** The low-rank Gaussian's scale conventions (PcaSubspace.Scale). */
    static final List<String> PCA_SCALES = List.of("singular", "unit");

    static final Block<SubspaceConfig.LowRankGaussian> LOW_RANK_BLOCK = new Block<>(LOW_RANK_GAUSSIAN,
            SubspaceConfig.LowRankGaussian.class, "a Gaussian on the PCA of the trajectory's tail; needs trajectory")
            .optional()
            .rule((c, p, l) -> c.needs(p, c.spec.analyses().trajectory(), "trajectory",
                    "the low-rank Gaussian is the PCA of the trajectory's checkpoints"))
            .key(key("rank", Type.integer(1, AnalysisKeys.MAX_SWAG_RANK), SubspaceConfig.LowRankGaussian::rank,
                    "principal components; fewer than the kept checkpoints it is fitted on").dflt(5))
            .key(key("scales", Type.numbers(0, true, MAX_SCALE, false), SubspaceConfig.LowRankGaussian::scales,
                    "multipliers of the standard deviations (or of the unit directions)").dflt(List.of(1.0)))
            .key(key("from", Type.integer(0, SpecKeys.MAX_EPOCHS, FROM_BOUNDS), SubspaceConfig.LowRankGaussian::from,
                    "fit on the kept checkpoints at or after the end of this epoch; 0: every kept checkpoint")
                    .dflt("swa.start with swa, else 0", SubspaceKeys::defaultFrom)
                    .check(SubspaceKeys::fromEpoch, FROM_BOUNDS))
            .key(key("scale", Type.name(PCA_SCALES), SubspaceConfig.LowRankGaussian::scale,
                    "singular: directions times σ_i/√(n−1), as SWAG; unit: unit directions, as Fort's notebook")
                    .dflt("singular"))
            .rule(SubspaceKeys::rankFitsTail)
            .build(v -> new SubspaceConfig.LowRankGaussian(v.i("rank"), v.get("scales"), v.i("from"),
                    v.get("scale")));

    static final Block<SubspaceConfig.McDropout> MC_DROPOUT_BLOCK = new Block<>(MC_DROPOUT,
            SubspaceConfig.McDropout.class, "MC dropout: the member's predictions with its own dropout layers"
            + " sampling; needs a model with dropout").optional()
            .rule(SubspaceKeys::modelHasDropout)
            .build(v -> new SubspaceConfig.McDropout());

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
            .key(key(MC_DROPOUT, MC_DROPOUT_BLOCK.type(), SubspaceConfig::mcDropout, MC_DROPOUT_BLOCK.doc))
            .build(v -> new SubspaceConfig(v.i("around"), v.i("samples"), v.get(RANDOM), v.get(DROPOUT),
                    v.get(DIAG_GAUSSIAN), v.get(LOW_RANK_GAUSSIAN), v.get(MC_DROPOUT)));

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
                || s.mcDropout() != null || c.skippedUnder(path + ".")) {
            return true;
        }
        c.add(path, "needs at least one method: " + String.join(", ", SUBSPACE_METHODS)
                + ", e.g. subspace: {random: {}}");
        return false;
    }

    /** {@code from}'s default: where SWA starts averaging, so that PCA and SWAG see the same tail. */
    private static Object defaultFrom(Values v) {
        SwaConfig swa = v.root().get("swa");
        return swa != null ? swa.start() : 0;
    }

    private static boolean fromEpoch(Checks c, String path, SubspaceConfig.LowRankGaussian l) {
        if (c.skipped(path)) {
            return false;
        }
        SwaConfig swa = c.spec.analyses().swa();
        if (swa != null && l.from() == swa.start() && !c.passed("swa.start")) {
            return false; // the default from a wrong swa.start, reported there
        }
        int epochs = c.epochs();
        if (l.from() < 0 || (epochs > 0 && l.from() > epochs)) {
            c.add(path, "must be an epoch between 0 and train.epochs (" + (epochs > 0 ? epochs : "?") + "), got "
                    + l.from());
            return false;
        }
        return true;
    }

    /** The PCA of n centred checkpoints has at most n − 1 directions: rank + 1 must be kept from {@code from} on. */
    private static boolean rankFitsTail(Checks c, String path, SubspaceConfig.LowRankGaussian l) {
        if (c.kept == null || !c.passed(path + ".rank") || !c.passed(path + ".from")) {
            return true;
        }
        List<Integer> tail = c.kept.stream().filter(e -> e >= l.from()).toList();
        if (l.rank() < tail.size()) {
            return true;
        }
        String where = l.from() == 0 ? "" : " from the end of epoch " + l.from() + " on (from"
                + (c.spec.analyses().swa() != null && l.from() == c.spec.analyses().swa().start() ? ", as swa.start" : "")
                + ")";
        c.add(path + ".rank", l.rank() + " components need at least " + (l.rank() + 1) + " kept checkpoints per member"
                + where + "; the trajectory keeps " + tail.size() + (tail.isEmpty() ? "" : " (epochs " + tail.stream()
                .map(String::valueOf).collect(Collectors.joining(", ")) + ")")
                + "; lower rank" + (l.from() == 0 ? "" : ", set an earlier from") + " or keep more checkpoints");
        return false;
    }

    /** MC dropout samples the model's own dropout layers: refused for a model without any. */
    private static boolean modelHasDropout(Checks c, String path, SubspaceConfig.McDropout m) {
        String name = c.spec.model() == null ? null : c.spec.model().name();
        if (name == null || !Models.names().contains(name) || c.skipped("model")) {
            return true;
        }
        // at the reference width: whether a layer drops does not depend on it (and a bad width is reported apart)
        if (Models.hasDropout(new ModelConfig(name))) {
            return true;
        }
        List<String> with = Models.names().stream().filter(n -> Models.hasDropout(new ModelConfig(n))).toList();
        c.add(path, "MC dropout samples the model's own dropout layers; " + name + " has none. Models with dropout: "
                + (with.isEmpty() ? "none" : String.join(", ", with)) + " (or use the dropout sampler, which drops"
                + " weights)");
        return false;
    }
}
