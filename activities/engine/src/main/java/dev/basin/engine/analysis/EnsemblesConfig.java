package dev.basin.engine.analysis;

/**
 * The spec's {@code ensembles} key: which ensembles are evaluated (accuracy, NLL, Brier, ECE by size).
 *
 * @param deep      the deep ensemble of the members, sizes 1..M
 * @param swa       the ensemble of the members' SWA solutions (needs {@code swa})
 * @param subspace  per subspace method, the ensemble of its samples, sizes 1..S (needs {@code subspace})
 * @param multiSwag SWAG samples around every member combined across members, Multi-SWAG style (needs {@code swa};
 *                  {@code subspace.samples} samples per member when {@code subspace} is given)
 */
public record EnsemblesConfig(boolean deep, boolean swa, boolean subspace, boolean multiSwag) {

    /** What a study without the {@code ensembles} key evaluates. */
    public static final EnsemblesConfig DEEP_ONLY = new EnsemblesConfig(true, false, false, false);
}
