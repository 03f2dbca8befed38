package dev.basin.activities.landscape;

import dev.basin.engine.analysis.SamplingMethod;
import dev.basin.engine.analysis.SubspaceConfig;
import dev.basin.engine.train.Seeds;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Names and seeds of the subspace samples, shared by the stage that draws them and the ensembles that
 * read them back. Pure.
 *
 * <p>A sample's seed derives from the study seed, the method, the level's position and the sample's
 * index only, so that a retried or re-run stage draws exactly the same weights and a sample can be
 * redrawn from its name alone. A sample is named (its model variant) by method, level and index, e.g.
 * {@code random r=5 #3}, {@code dropout p=0.1 #0}, {@code diag-gaussian s=1 #2}, {@code mc-dropout p=model #4}
 * (the model's own dropout rates); Multi-SWAG's are
 * {@code multi-swag #i}.
 */
public final class SubspaceSamples {
    /** Kind of the Multi-SWAG model variants and ensembles. */
    public static final String MULTI_SWAG = "multi-swag";
    /** Keeps these streams apart from training's, which derive from (seed, member). */
    private static final long STREAM = 0x5355425350414345L; // "SUBSPACE"

    private SubspaceSamples() {}

    /**
     * The distinct levels (radii, rates or scales) of a method, in spec order: a repeated level would name
     * its samples as the first one does, so it adds nothing.
     */
    public static List<Double> levels(SubspaceConfig c, SamplingMethod method) {
        return new ArrayList<>(new LinkedHashSet<>(method.levels(c)));
    }

    /** {@code r=5}, {@code p=0.1}, {@code s=1}: the level as a short, exact name. */
    public static String level(SamplingMethod method, double level) {
        String prefix = switch (method) {
            case RANDOM -> "r=";
            case DROPOUT -> "p=";
            case DIAG_GAUSSIAN, LOW_RANK_GAUSSIAN -> "s=";
            // one level, the rates the model was built with
            case MC_DROPOUT -> null;
        };
        if (prefix == null) {
            return "p=model";
        }
        return prefix + BigDecimal.valueOf(level).stripTrailingZeros().toPlainString();
    }

    /** The model variant of sample {@code i} at {@code level}: {@code random r=5 #3}. */
    public static String variant(SamplingMethod method, double level, int i) {
        return method.specName() + " " + level(method, level) + " #" + i;
    }

    /**
     * The ensemble kind of one method's samples at one level, {@code subspace/random/r=5}: samples at
     * different radii or scales are different distributions, so each level is its own ensemble.
     */
    public static String ensembleKind(SamplingMethod method, double level) {
        return "subspace/" + method.specName() + "/" + level(method, level);
    }

    /**
     * The seed of sample {@code i} at the level in position {@code levelIndex} of {@code method}; MC dropout's come
     * from {@link #mcDropoutSeed} instead.
     */
    public static long seed(long studySeed, SamplingMethod method, int levelIndex, int i) {
        return Seeds.derive(studySeed, STREAM, code(method), levelIndex, i);
    }

    /**
     * The seed of MC-dropout sample {@code i} around member {@code member}: its mask stream. The member is part of it
     * because every sample has the member's own weights: only the masks tell samples (and members) apart.
     */
    public static long mcDropoutSeed(long studySeed, int member, int i) {
        return Seeds.derive(studySeed, STREAM, code(SamplingMethod.MC_DROPOUT), member, i);
    }

    public static String multiSwagVariant(int i) {
        return MULTI_SWAG + " #" + i;
    }

    /** The seed of Multi-SWAG sample {@code i} around member {@code member}. */
    public static long multiSwagSeed(long studySeed, int member, int i) {
        return Seeds.derive(studySeed, STREAM, 5, member, i);
    }

    /** Multi-SWAG samples per member: {@code subspace.samples}, or the default without the key. */
    public static int multiSwagSamples(SubspaceConfig c) {
        return c == null ? SubspaceConfig.DEFAULT_SAMPLES : c.samples();
    }

    /**
     * A fixed number per method, so that a seed does not depend on which other methods a spec asks for; written
     * out rather than the ordinal, so that reordering {@link SamplingMethod} never changes a drawn sample.
     */
    private static int code(SamplingMethod method) {
        return switch (method) {
            case RANDOM -> 1;
            case DROPOUT -> 2;
            case DIAG_GAUSSIAN -> 3;
            case LOW_RANK_GAUSSIAN -> 4;
            // 5 is Multi-SWAG's
            case MC_DROPOUT -> 6;
        };
    }
}
