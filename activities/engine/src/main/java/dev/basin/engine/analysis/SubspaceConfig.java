package dev.basin.engine.analysis;

import java.util.List;

/**
 * The spec's {@code subspace} key: samples drawn around one member by each {@link SamplingMethod} asked for
 * ({@code null} when not), each evaluated against that member (accuracy, disagreement, diversity); the other
 * members get the same numbers.
 *
 * @param around          index of the member the samples are drawn around
 * @param samples         samples per method and per radius, rate or scale
 * @param random          random directions
 * @param dropout         weight dropout (Fort et al.'s notebook: each weight zeroed at a rate; not MC dropout)
 * @param diagGaussian    SWAG-diagonal Gaussian ({@code diag-gaussian})
 * @param lowRankGaussian Gaussian in the PCA subspace of the trajectory ({@code low-rank-gaussian})
 * @param mcDropout       MC dropout through the model's own dropout layers ({@code mc-dropout}); {@code null} in
 *                        a request from before it existed
 */
public record SubspaceConfig(int around, int samples, Random random, Dropout dropout, DiagGaussian diagGaussian,
                             LowRankGaussian lowRankGaussian, McDropout mcDropout) {

    /** Without MC dropout. */
    public SubspaceConfig(int around, int samples, Random random, Dropout dropout, DiagGaussian diagGaussian,
                          LowRankGaussian lowRankGaussian) {
        this(around, samples, random, dropout, diagGaussian, lowRankGaussian, null);
    }

    /**
     * {@code samples} when the spec does not give it, and the Multi-SWAG samples per member of a spec without the
     * {@code subspace} key: one constant for the spec parser and the activities.
     */
    public static final int DEFAULT_SAMPLES = 8;

    /**
     * Random Gaussian directions, normalised to unit length and scaled to each radius.
     *
     * @param radii         L2 distances from the member's weights
     * @param accuracyFloor samples below this test accuracy are dropped (0 keeps all), as Fort et al. do
     */
    public record Random(List<Double> radii, double accuracyFloor) {
        public Random {
            radii = AnalysesConfig.copy(radii);
        }
    }

    /** Weight dropout at each rate: a random fraction of the member's weights set to 0, the rest rescaled. */
    public record Dropout(List<Double> rates) {
        public Dropout {
            rates = AnalysesConfig.copy(rates);
        }
    }

    /** The SWAG-diagonal Gaussian around the member's SWA solution, its standard deviations times each scale. */
    public record DiagGaussian(List<Double> scales) {
        public DiagGaussian {
            scales = AnalysesConfig.copy(scales);
        }
    }

    /**
     * A Gaussian in the span of the first {@code rank} principal components of the member's kept checkpoints from
     * the end of epoch {@code from} on (the tail of the trajectory, as SWAG's moments are).
     *
     * @param rank   number of principal components
     * @param scales multipliers of the components' standard deviations (or of unit directions, see {@code scale})
     * @param from   1-based epoch: the kept checkpoints at or after the end of this epoch are fitted; 0 fits every
     *               kept checkpoint (what a request from before the key existed meant)
     * @param scale  {@code singular} (each direction scaled by σ_i/√(n−1)) or {@code unit}; {@code null} reads as
     *               singular
     */
    public record LowRankGaussian(int rank, List<Double> scales, int from, String scale) {
        public LowRankGaussian {
            scales = AnalysesConfig.copy(scales);
        }

        /** The whole kept trajectory, singular-value scaling. */
        public LowRankGaussian(int rank, List<Double> scales) {
            this(rank, scales, 0, "singular");
        }
    }

    /**
     * MC dropout: predictions of the member's own weights with its dropout layers sampling at the rates the model
     * was built with, one seeded mask stream per sample.
     */
    public record McDropout() {}
}
