package dev.basin.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.plan.StageCost.Cost;
import dev.basin.plan.StageCost.ModelSize;
import dev.basin.spec.SpecParser;
import dev.basin.spec.StudySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cost estimate's counting rules, on small specs whose numbers can be worked out by hand. */
class StageCostTest {
    private static final long P = 206_922; // small-cnn
    private static final String TINY = """
            study: tiny
            data: {dataset: fashion-mnist, trainSubset: 512, testSubset: 256}
            model: small-cnn
            train: {members: 2, epochs: 3, batchSize: 128}
            trajectory: {every: 1}
            tsne: {perplexity: 10}
            """;

    private static Map<String, Cost> costs(String yaml, ModelSize model) {
        StudySpec spec = SpecParser.parse(yaml);
        return StageCost.of(spec, StagePlan.of(spec, "run", "engine"), model);
    }

    @Test
    void trainingIsEpochsTimesImagesAndOneCheckpointPerCadencePosition() {
        Cost train = costs(TINY, new ModelSize(P, false)).get("train/member-000");
        assertEquals(3 * 512, train.backwardImages());
        assertEquals(0, train.forwardImages());
        // three epoch checkpoints with Nesterov's momentum, then the final weights alone
        long checkpoint = 4 * P * 2 + StageCost.MODEL_OVERHEAD_BYTES;
        long weights = 4 * P + StageCost.MODEL_OVERHEAD_BYTES;
        assertEquals(3 * checkpoint + weights, train.s3Bytes());
        assertEquals(3 + 1 + 1 + 1, train.dbRows(), "3 checkpoint rows, the final, a progress row, the stage row");
    }

    @Test
    void evaluationTrajectoryAndTsne() {
        Map<String, Cost> c = costs(TINY, new ModelSize(P, false));
        long npy = 256 * 10 * 4 + 128;
        assertEquals(new Cost(256, 0, npy, 6), c.get("evaluate/member-001"));
        assertEquals(new Cost(3 * 256, 0, 3 * npy, 16), c.get("trajectory/member-000"), "3 kept checkpoints");
        assertEquals(new Cost(0, 0, 0, 2 * 3 + 1), c.get("tsne"), "one point per kept checkpoint");
        assertEquals(new Cost(0, 0, 0, 2 * 5 + 1), c.get("ensembles/deep"));
        assertEquals(StagePlan.of(SpecParser.parse(TINY), "run", "engine").names(), c.keySet().stream().toList());
    }

    @Test
    void checkpointPositionsCountMidEpochStepsOnce() {
        // 2 epochs of 4 steps, every epoch and every 3 steps: epoch ends 4 and 8, steps 3 and 6
        assertEquals(4, StageCost.positions(2, 4, 1, 3));
        // every 4 steps falls on the epoch ends: no extra checkpoint
        assertEquals(2, StageCost.positions(2, 4, 1, 4));
        // every 2 epochs of 5: epochs 2, 4 and the last
        assertEquals(3, StageCost.positions(5, 10, 2, 0));
    }

    @Test
    void batchNormModelsPayATrainingSetPassPerBuiltWeightVector() throws IOException {
        String landscape = Files.readString(Path.of("..", "examples", "landscape.yaml"));
        Map<String, Cost> plain = costs(landscape, new ModelSize(P, false));
        Map<String, Cost> bn = costs(landscape, new ModelSize(P, true));
        // a plane row: 11 points on 5,000 train + 10,000 test images, plus 60,000 for BN statistics each
        assertEquals(11L * 15_000, plain.get("plane/0/row-00").forwardImages());
        assertEquals(11L * 75_000, bn.get("plane/0/row-00").forwardImages());
        // 2 rates × 6 samples, each a BN pass over the 60,000 training images
        assertEquals(plain.get("subspace/dropout").forwardImages() + 12L * 60_000,
                bn.get("subspace/dropout").forwardImages(), "weight dropout's samples are built weight vectors");
        assertTrue(plain.values().stream().allMatch(x -> x.dbRows() > 0 && x.s3Bytes() >= 0));
        assertEquals(5L * 6 * 60_000, plain.values().stream().mapToLong(Cost::backwardImages).sum(),
                "only training trains");
    }

    @Test
    void secondsAreImagesOverTheMeasuredRatesPlusAnOverheadPerStage() {
        var rates = new StageCost.Rates(1000, 5000, 0.5);
        assertEquals(2 + 1 + 0.5, rates.seconds(new Cost(5000, 2000, 0, 0)), 1e-9);
    }

    /** CIFAR's full training split is 50,000 images; CIFAR-100's predictions are 100 wide. */
    @Test
    void fullSplitsAndClassesFollowTheDataset() {
        assertEquals(60_000, StageCost.trainImages(new dev.basin.engine.DataConfig("mnist", null, 0, 0)));
        assertEquals(50_000, StageCost.trainImages(new dev.basin.engine.DataConfig("cifar10", null, 0, 0)));
        assertEquals(700, StageCost.trainImages(new dev.basin.engine.DataConfig("cifar100", null, 700, 0)));
        assertEquals(10_000, StageCost.testImages(new dev.basin.engine.DataConfig("cifar100", null, 0, 0)));
        assertEquals(100, StageCost.classes(new dev.basin.engine.DataConfig("cifar100", null, 0, 0)));
        assertEquals(10, StageCost.classes(new dev.basin.engine.DataConfig("fashion-mnist", null, 0, 0)));
    }
}
