package dev.basin.activities.landscape;

import dev.basin.activities.StageRun;
import dev.basin.activities.WorkerContext;
import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import dev.basin.db.SwagRow;
import dev.basin.engine.analysis.SwaConfig;
import dev.basin.engine.landscape.SwagMoments;
import dev.basin.engine.weights.WeightVectors;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage {@code swa/member-NNN}: SWA and SWAG of one member (DESIGN.md "Definitions"; Fort et al. Fig. 7/8).
 * The SWA solution is the mean of the member's end-of-epoch weights from epoch {@code swa.start} on, which the
 * workflow made training checkpoint (every epoch once {@code swa} is asked for); the SWAG moments (diagonal
 * variance, last {@code swa.rank} deviations) are collected from the same vectors in the same order, so their mean
 * is bit-identical to the SWA solution.
 *
 * <p>The SWA solution is stored as a model of kind {@code swa} at the epoch and step of the last averaged
 * checkpoint and evaluated on the test set ({@code swa_metrics}). A network with batch norm has its statistics
 * recomputed over the training set first (an average of weights has none of its own), and the stored weights
 * carry the recomputed statistics; {@code swag_moments.bn_recomputed} (also in {@code swa_metrics}) says whether
 * that happened. The moments go to S3 ({@code analysis/swag/member-NNN.bin}) with a row in {@code swag_moments},
 * from which the subspace stages load them ({@link StudyModels#swag}).
 *
 * <p>Reused when the SWA model's test predictions and metrics and the moments' row are stored under this
 * stage's input key.
 */
public final class SwaActivityImpl implements SwaActivity {
    private static final Logger log = LoggerFactory.getLogger(SwaActivityImpl.class);

    private final WorkerContext context;

    public SwaActivityImpl(WorkerContext context) {
        this.context = context;
    }

    @Override
    public int averageWeights(AnalysisRequest r) {
        String stage = r.stage();
        String key = r.inputKey();
        StudyModels models = new StudyModels(context, r);
        return StageRun.run(context, r.study(), stage, key, () -> stored(models, key), () -> average(models, key));
    }

    private static Optional<Integer> stored(StudyModels models, String key) {
        int member = models.request().member();
        Optional<ModelRow> swa = models.analysisRow(ModelKind.SWA, member, "");
        Optional<SwagRow> swag = models.swagRow(member);
        if (swa.isEmpty() || swag.isEmpty() || !key.equals(swag.get().inputKey())
                || swag.get().swaModelId() != swa.get().id() || !models.evaluated(swa.get(), key)) {
            return Optional.empty();
        }
        return Optional.of(swag.get().averaged());
    }

    private static int average(StudyModels models, String key) {
        AnalysisRequest r = models.request();
        int member = r.member();
        SwaConfig config = r.analyses().swa();
        List<ModelRow> epochs = Trajectories.swaEpochs(models.checkpoints(member), config.start(),
                models.stepsPerEpoch());
        int expected = r.train().epochs() - config.start() + 1;
        if (epochs.size() != expected) {
            throw ApplicationFailure.newNonRetryableFailure("member " + member + " has " + epochs.size()
                    + " end-of-epoch checkpoints from epoch " + config.start() + " on, SWA needs all " + expected
                    + " (epochs " + config.start() + " to " + r.train().epochs() + "); a member trained before swa was"
                    + " asked for has only the checkpoints its cadence wrote", "MissingCheckpoints");
        }
        SwagMoments moments = new SwagMoments((int) models.trainableCount(), config.rank());
        for (ModelRow row : epochs) {
            models.heartbeat(row.epoch());
            moments.add(models.weights(row));
        }
        INDArray mean = moments.mean();
        boolean bn = models.recomputesBatchNorm();
        INDArray probs = models.predict(mean, models.data().test());
        // predict() left the recomputed statistics in the network: those are the SWA solution's own.
        // (the moments are over trainable weights; the stored SWA model is the whole network with those statistics)
        INDArray weights = bn ? WeightVectors.flat(models.network()) : mean;
        ModelRow last = epochs.get(epochs.size() - 1);
        ModelRow swa = models.storeModel(ModelKind.SWA, member, last.epoch(), last.step(), "", weights);
        models.storeEvaluation(swa, probs, key);
        models.storeSwag(swa, moments, bn, key);
        log.info("swa of study {} member {}: averaged epochs {} to {} ({} vectors, {} deviations kept){}", r.study(),
                member, config.start(), last.epoch(), epochs.size(), moments.rank(),
                bn ? "; batch-norm statistics recomputed over the training set" : "");
        return epochs.size();
    }
}
