package dev.basin.activities.landscape;

import dev.basin.engine.data.Dataset;
import dev.basin.engine.metrics.Metrics;
import dev.basin.engine.metrics.Scores;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Loss and error of one weight vector that Basin built (a plane point, a point on a line), as Fort et
 * al. (Fig. 5) and Garipov et al. plot them: NLL and accuracy on the first images of the training set
 * (a subset, because a G×G surface evaluates G² models), NLL and error on the whole test set. The
 * test predictions are kept for the plane's similarity to its first anchor.
 *
 * <p>Such a vector has no BN statistics of its own, so a network with batch norm gets them recomputed
 * over the whole training set first ({@link StudyModels#predictEach}); the train-subset loss is then
 * that of the recomputed network.
 */
public record PointLoss(double trainLoss, double trainAccuracy, double testNll, double testError,
                        INDArray testPredictions) {

    /** Evaluates {@code weights} on {@code trainSubset} and the study's test set. */
    public static PointLoss of(StudyModels models, INDArray weights, Dataset trainSubset) {
        Dataset test = models.data().test();
        List<INDArray> probs = models.predictEach(weights, List.of(trainSubset, test), false);
        Scores train = Metrics.score(probs.get(0), trainSubset.labels());
        Scores onTest = Metrics.score(probs.get(1), test.labels());
        return new PointLoss(train.nll(), train.accuracy(), onTest.nll(), 1 - onTest.accuracy(), probs.get(1));
    }

    /** The first {@code n} training images, or all of them when the training set is smaller. */
    public static Dataset trainSubset(StudyModels models, int n) {
        Dataset train = models.data().train();
        return train.firstN(Math.min(n, train.size()));
    }
}
