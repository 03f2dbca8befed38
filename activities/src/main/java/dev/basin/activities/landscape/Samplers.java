package dev.basin.activities.landscape;

import dev.basin.db.ModelRow;
import dev.basin.engine.analysis.SamplingMethod;
import dev.basin.engine.analysis.SubspaceConfig;
import dev.basin.engine.landscape.DropoutSample;
import dev.basin.engine.landscape.PcaSubspace;
import dev.basin.engine.landscape.RandomDirection;
import dev.basin.engine.landscape.SwagMoments;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weight distributions the subspace methods draw from around one member (Fort et al. §4, Fig. 6):
 * each draw a pure function of the level (radius, rate or scale) and a seed, so a retried stage redraws
 * exactly the same weights.
 */
final class Samplers {
    private Samplers() {}

    /** Draws one weight vector at {@code level} from {@code seed}. */
    @FunctionalInterface
    interface Sampler {
        INDArray draw(double level, long seed);
    }

    /**
     * The sampler of {@code method} around member {@code member}: {@code random} and {@code dropout} perturb
     * its final weights; {@code diag-gaussian} is SWAG's diagonal Gaussian around its SWA solution;
     * {@code low-rank-gaussian} is a Gaussian in the PCA subspace of its kept trajectory checkpoints. All of them
     * work on trainable weights (no BN running statistics, which every sample gets recomputed when evaluated).
     */
    static Sampler of(StudyModels models, SubspaceConfig s, SamplingMethod method, ModelRow finalRow) {
        int member = finalRow.member();
        return switch (method) {
            case RANDOM -> {
                INDArray theta = models.weights(finalRow);
                yield (radius, seed) -> RandomDirection.sample(theta, radius, seed);
            }
            case DROPOUT -> {
                INDArray theta = models.weights(finalRow);
                yield (rate, seed) -> DropoutSample.sample(theta, rate, seed);
            }
            case DIAG_GAUSSIAN -> {
                SwagMoments swag = swag(models, member);
                yield (scale, seed) -> swag.sampleDiagonal(scale, new SplittableRandom(seed));
            }
            case LOW_RANK_GAUSSIAN -> {
                PcaSubspace pca = PcaSubspace.fit(trajectory(models, member), s.lowRankGaussian().rank());
                yield (scale, seed) -> pca.sample(scale, new SplittableRandom(seed));
            }
        };
    }

    /**
     * Multi-SWAG's sampler around member {@code member}'s SWA solution (Wilson &amp; Izmailov 2020; Fort et
     * al. Fig. 8): SWAG's low-rank-plus-diagonal Gaussian when at least two deviations were kept
     * ({@code swa.rank} ≥ 2), else the diagonal one.
     */
    static Sampler multiSwag(StudyModels models, int member) {
        SwagMoments swag = swag(models, member);
        return swag.rank() >= 2
                ? (scale, seed) -> swag.sampleLowRank(scale, new SplittableRandom(seed))
                : (scale, seed) -> swag.sampleDiagonal(scale, new SplittableRandom(seed));
    }

    private static SwagMoments swag(StudyModels models, int member) {
        return models.swag(member).orElseThrow(() -> new IllegalStateException("study " + models.request().study()
                + " has no SWAG moments of member " + member + "; the swa stage must run first"));
    }

    private static List<INDArray> trajectory(StudyModels models, int member) {
        List<INDArray> weights = new ArrayList<>();
        for (ModelRow row : models.kept(member)) {
            models.heartbeat("loading " + row.kind() + " " + row.epoch());
            weights.add(models.weights(row));
        }
        return weights;
    }
}
