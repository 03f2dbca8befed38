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
 * @param dropout         MC dropout
 * @param diagGaussian    SWAG-diagonal Gaussian ({@code diag-gaussian})
 * @param lowRankGaussian Gaussian in the PCA subspace of the trajectory ({@code low-rank-gaussian})
 */
public record SubspaceConfig(int around, int samples, Random random, Dropout dropout, DiagGaussian diagGaussian,
                             LowRankGaussian lowRankGaussian) {

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

    /** MC dropout at each rate. */
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
     * A Gaussian in the span of the first {@code rank} principal components of the member's kept checkpoints.
     *
     * @param rank   number of principal components
     * @param scales multipliers of the components' standard deviations
     */
    public record LowRankGaussian(int rank, List<Double> scales) {
        public LowRankGaussian {
            scales = AnalysesConfig.copy(scales);
        }
    }
}
