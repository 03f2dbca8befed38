package dev.basin.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.Engine;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.TrainConfig;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.data.SyntheticIdx;
import dev.basin.engine.model.Models;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Training with {@code data.augment}: deterministic, resumable bit-identically, and different from without. */
class TrainerAugmentTest {

    private static final OptimizerConfig NESTEROV = new OptimizerConfig("nesterov", 0.05, 0.9, 5e-4);
    private static final TrainConfig CONFIG = new TrainConfig(1, 2, 32, NESTEROV, "cosine", 1, 0);

    private static Dataset tiny;

    @BeforeAll
    static void init() {
        Engine.init(2);
        tiny = SyntheticIdx.dataset(64, 6);
    }

    private static ComputationGraph fresh(long seed) {
        return Models.build(new ModelConfig("small-cnn"), NESTEROV, seed, 1, 28, 28, 10);
    }

    private static float[] train(long seed, boolean augment) {
        ComputationGraph net = fresh(seed);
        new Trainer(CONFIG, seed, TrainListener.NONE, 3).augmenting(augment).run(net, tiny, TrainPosition.START);
        return net.params().data().asFloat();
    }

    /**
     * Crashes at the epoch-1 checkpoint, restores it in a fresh trainer and finishes: same bits as straight
     * through (so also deterministic), and not the bits of training without augmentation.
     */
    @Test
    void augmentedTrainingResumesBitIdenticallyAndDiffersFromPlainTraining() {
        long seed = Seeds.member(7, 1);
        float[] straight = train(seed, true);
        assertFalse(Arrays.equals(straight, train(seed, false)));
        List<Checkpoint> saved = new ArrayList<>();
        TrainListener cancelling = new TrainListener() {
            @Override
            public void checkpoint(Checkpoint checkpoint) {
                saved.add(checkpoint);
                throw new IllegalStateException("cancelled");
            }
        };
        ComputationGraph net = fresh(seed);
        assertThrows(IllegalStateException.class, () -> new Trainer(CONFIG, seed, cancelling, 3).augmenting(true)
                .run(net, tiny, TrainPosition.START));
        Checkpoints.Restored r = Checkpoints.read(saved.get(0).bytes());
        assertEquals(new TrainPosition(1, 2), r.position());
        new Trainer(CONFIG, seed, TrainListener.NONE, 3).augmenting(true).run(r.net(), tiny, r.position());
        assertArrayEquals(straight, r.net().params().data().asFloat());
    }

    /** Basin's models build on CIFAR's 3x32x32 images and train a step on augmented batches of them. */
    @Test
    void basinsModelsTrainOnAugmentedThreeChannelImages() {
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3 * 32 * 32);
        Dataset cifarLike = new Dataset(x, new int[] {0, 1, 2, 3}, 3, 32, 32, 10);
        TrainConfig one = new TrainConfig(1, 1, 4, NESTEROV, "constant", 1, 0);
        // Basin's own three; VGG16 and PreResNet are CIFAR nets by design, and a step of VGG16 alone costs
        // minutes on a busy two-core machine.
        for (String model : List.of("small-cnn", "medium-cnn", "resnet20")) {
            ComputationGraph net = Models.build(new ModelConfig(model), NESTEROV, 3, 3, 32, 32, 10);
            float[] before = net.params().data().asFloat();
            new Trainer(one, 3, TrainListener.NONE, 1).augmenting(true).run(net, cifarLike, TrainPosition.START);
            assertFalse(Arrays.equals(before, net.params().data().asFloat()), model);
            assertTrue(Double.isFinite(net.score()), model);
            assertArrayEquals(new long[] {4, 10}, net.outputSingle(x).shape(), model);
        }
    }
}
