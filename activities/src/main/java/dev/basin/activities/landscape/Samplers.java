package dev.basin.activities.landscape;

import dev.basin.activities.Heartbeats;
import dev.basin.db.ModelRow;
import dev.basin.engine.analysis.SamplingMethod;
import dev.basin.engine.analysis.SubspaceConfig;
import dev.basin.engine.landscape.DropoutSample;
import dev.basin.engine.landscape.McDropout;
import dev.basin.engine.landscape.PcaSubspace;
import dev.basin.engine.landscape.RandomDirection;
import dev.basin.engine.landscape.SwagMoments;
import dev.basin.engine.model.Predictor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
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

        /**
         * The drawn vector's test predictions: inference mode, BN statistics recomputed (a drawn vector has none of
         * its own); MC dropout samples its masks from {@code seed} instead.
         */
        default INDArray predict(StudyModels models, INDArray weights, long seed) {
            return models.predict(weights, models.data().test());
        }
    }

    /**
     * The sampler of {@code method} around member {@code member}: {@code random} and {@code dropout} (weight
     * dropout) perturb its final weights; {@code diag-gaussian} is SWAG's diagonal Gaussian around its SWA solution;
     * {@code low-rank-gaussian} is a Gaussian in the PCA subspace of its kept trajectory checkpoints from the
     * end of epoch {@code from} on (the spec's default: {@code swa.start}); {@code mc-dropout} keeps the final
     * weights and samples the network's dropout layers when it predicts. The weight samplers work on trainable
     * weights (no BN running statistics, which every sample gets recomputed when evaluated).
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
                SubspaceConfig.LowRankGaussian l = s.lowRankGaussian();
                int from = l.from();
                PcaSubspace pca = PcaSubspace.fit(tail(models, member, from), l.rank());
                PcaSubspace.Scale convention = PcaSubspace.Scale.fromSpec(l.scale());
                yield (scale, seed) -> pca.sample(scale, convention, new SplittableRandom(seed));
            }
            case MC_DROPOUT -> mcDropout(models, finalRow);
        };
    }

    /**
     * MC dropout around a member: every draw is the member's own weights; its predictions come from the restored
     * final network (its own BN statistics, in inference mode) with its dropout layers sampling masks from the seed.
     */
    private static Sampler mcDropout(StudyModels models, ModelRow finalRow) {
        INDArray theta = models.weights(finalRow);
        ComputationGraph net = models.restore(finalRow).net();
        return new Sampler() {
            @Override
            public INDArray draw(double level, long seed) {
                return theta;
            }

            @Override
            public INDArray predict(StudyModels m, INDArray weights, long seed) {
                try (var phase = Heartbeats.phase("predicting with MC dropout")) {
                    return McDropout.predict(net, m.data().test(), seed, Predictor.DEFAULT_BATCH,
                            () -> m.heartbeat(null));
                }
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

    /** The member's kept checkpoints at or after the end of epoch {@code from}, oldest first: what PCA fits. */
    private static List<INDArray> tail(StudyModels models, int member, int from) {
        List<INDArray> weights = new ArrayList<>();
        List<ModelRow> rows = Trajectories.from(models.kept(member), from, models.stepsPerEpoch());
        if (rows.size() < 2) {
            throw new IllegalStateException("member " + member + " has " + rows.size() + " kept checkpoint(s) from"
                    + " the end of epoch " + from + " on; the low-rank Gaussian needs at least 2");
        }
        for (ModelRow row : rows) {
            models.heartbeat("loading " + row.kind() + " " + row.epoch());
            weights.add(models.weights(row));
        }
        return weights;
    }
}
