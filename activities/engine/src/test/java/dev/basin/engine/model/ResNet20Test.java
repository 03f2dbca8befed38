package dev.basin.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.Engine;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.data.SyntheticIdx;
import dev.basin.engine.train.Checkpoints;
import dev.basin.engine.train.TrainPosition;
import dev.basin.engine.weights.WeightVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class ResNet20Test {

    private static final OptimizerConfig NESTEROV = new OptimizerConfig("nesterov", 0.05, 0.9, 5e-4);
    private static final ModelConfig RESNET20 = new ModelConfig("resnet20");

    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    /**
     * Counted by hand at width 1 (convs have no bias; DL4J counts each BN channel 4 times: γ, β and
     * the running mean and variance):
     * stem 3·3·C·16 = 144·C, BN 4·16 = 64;
     * stage 1, 3 blocks × (2 × 3·3·16·16 + 2 × 4·16) = 3 × 4,736 = 14,208;
     * stage 2, first block 3·3·16·32 + 3·3·32·32 + 2 × 4·32 + projection 16·32 + 4·32 = 14,720,
     * then 2 × (2 × 9,216 + 256) = 37,376, so 52,096;
     * stage 3, first block 3·3·32·64 + 3·3·64·64 + 2 × 4·64 + 32·64 + 4·64 = 58,112,
     * then 2 × (2 × 36,864 + 512) = 148,480, so 206,592;
     * dense 64·10 + 10 = 650.
     * C = 1: 144 + 64 + 14,208 + 52,096 + 206,592 + 650 = 273,754; C = 3: 288 more, 274,042.
     * The 784 BN channels (16 + 6·16 + 7·32 + 7·64) hold 1,568 running statistics, so 272,474
     * are trained on CIFAR: the usual 269,722 of option A plus the 2,752 of the two projections.
     */
    @Test
    void parameterCountsAtWidthOne() {
        ComputationGraph mnist = Models.build(RESNET20, NESTEROV, 1, 1, 28, 28, 10);
        ComputationGraph cifar = Models.build(RESNET20, NESTEROV, 1, 3, 32, 32, 10);
        assertEquals(273_754, mnist.numParams());
        assertEquals(274_042, cifar.numParams());
        assertEquals(272_474, cifar.numParams() - runningStatistics(cifar));
        assertEquals(1_568, runningStatistics(mnist));
    }

    @Test
    void widthScalesEveryStageButNotTheClasses() {
        ComputationGraph wide = Models.build(new ModelConfig("resnet20", 2.0), NESTEROV, 1, 1, 28, 28, 10);
        assertEquals(32, conv(wide, "stem-conv").getNOut());
        assertEquals(64, conv(wide, "s2b1-proj-conv").getNOut());
        assertEquals(128, conv(wide, "s3b3-2-conv").getNOut());
        assertEquals(128 * 10 + 10, wide.getLayer(Models.OUTPUT).numParams());
    }

    /** 28 → 28 → 14 → 7 and 32 → 32 → 16 → 8 before the global pool; one softmax row per image. */
    @Test
    void forwardPassOnBothInputShapes() {
        for (int[] chw : new int[][] {{1, 28, 28, 7}, {3, 32, 32, 8}}) {
            ComputationGraph net = Models.build(RESNET20, NESTEROV, 1, chw[0], chw[1], chw[2], 10);
            Map<String, InputType> types = net.getConfiguration()
                    .getLayerActivationTypes(InputType.convolutionalFlat(chw[1], chw[2], chw[0]));
            assertEquals(InputType.convolutional(chw[1], chw[2], 16), types.get("s1b3-relu"));
            assertEquals(InputType.convolutional(chw[3], chw[3], 64), types.get("s3b3-relu"));
            INDArray x = Nd4j.rand(DataType.FLOAT, 5, (long) chw[0] * chw[1] * chw[2]);
            INDArray p = net.outputSingle(false, x);
            assertArrayEquals(new long[] {5, 10}, p.shape());
            assertEquals(5.0, p.sumNumber().doubleValue(), 1e-4);
        }
    }

    @Test
    void aFewStepsOnOneBatchReduceTheLossAndMoveTheRunningStatistics() {
        ComputationGraph net = Models.build(RESNET20, NESTEROV, 3, 1, 28, 28, 10);
        DataSet batch = batch(16, 11);
        List<Double> losses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            net.fit(batch);
            losses.add(net.score());
        }
        assertTrue(losses.get(5) < 0.7 * losses.get(0), losses.toString());
        INDArray mean = net.getLayer("stem-bn").getParam("mean");
        INDArray var = net.getLayer("stem-bn").getParam("var");
        assertNotEquals(0.0, mean.amaxNumber().doubleValue(), "running mean still at its initial 0");
        assertNotEquals(Nd4j.onesLike(var), var, "running variance still at its initial 1");
    }

    @Test
    void sameSeedSameWeightsBeforeAndAfterTraining() {
        ComputationGraph a = Models.build(RESNET20, NESTEROV, 5, 1, 28, 28, 10);
        ComputationGraph b = Models.build(RESNET20, NESTEROV, 5, 1, 28, 28, 10);
        ComputationGraph c = Models.build(RESNET20, NESTEROV, 6, 1, 28, 28, 10);
        assertEquals(WeightVectors.sha256(a), WeightVectors.sha256(b));
        assertNotEquals(WeightVectors.sha256(a), WeightVectors.sha256(c));
        DataSet batch = batch(16, 12);
        for (int i = 0; i < 2; i++) {
            a.fit(batch);
            b.fit(batch);
        }
        assertArrayEquals(a.params().data().asFloat(), b.params().data().asFloat());
    }

    /**
     * The flat vector holds each BN layer as [γ, β, running mean, running variance]; a checkpoint
     * restores all four, the updater state, and so the same inference outputs.
     */
    @Test
    void checkpointRoundTripKeepsBatchNormStatisticsAndUpdaterState() {
        ComputationGraph net = Models.build(RESNET20, NESTEROV, 7, 1, 28, 28, 10);
        DataSet batch = batch(16, 13);
        net.fit(batch);
        net.fit(batch);
        Layer bn = net.getLayer("s2b1-proj-bn");
        assertEquals(List.of("gamma", "beta", "mean", "var"), List.copyOf(bn.paramTable().keySet()));
        assertEquals(4 * 32, bn.numParams());

        Checkpoints.Restored back = Checkpoints.read(Checkpoints.write(net, new TrainPosition(0, 2)));
        ComputationGraph r = back.net();
        assertEquals(new TrainPosition(0, 2), back.position());
        assertArrayEquals(net.params().data().asFloat(), r.params().data().asFloat());
        for (String name : new String[] {"stem-bn", "s2b1-proj-bn", "s3b3-2-bn"}) {
            for (String p : new String[] {"mean", "var", "gamma", "beta"}) {
                assertEquals(net.getLayer(name).getParam(p), r.getLayer(name).getParam(p), name + " " + p);
            }
        }
        assertArrayEquals(net.getUpdater().getStateViewArray().data().asFloat(),
                r.getUpdater().getStateViewArray().data().asFloat());
        assertTrue(Models.hasBatchNorm(r));
        INDArray x = batch.getFeatures();
        assertEquals(net.outputSingle(false, x), r.outputSingle(false, x));
        net.fit(batch);
        r.fit(batch);
        assertArrayEquals(net.params().data().asFloat(), r.params().data().asFloat(), "the next step matches too");
    }

    private static long runningStatistics(ComputationGraph net) {
        long n = 0;
        for (Layer l : net.getLayers()) {
            if (l instanceof BatchNormalization) {
                n += l.getParam("mean").length() + l.getParam("var").length();
            }
        }
        return n;
    }

    private static ConvolutionLayer conv(ComputationGraph net, String name) {
        return (ConvolutionLayer) net.getLayer(name).conf().getLayer();
    }

    private static DataSet batch(int n, long seed) {
        Dataset d = SyntheticIdx.dataset(n, seed);
        return new DataSet(d.features(), d.oneHot(IntStream.range(0, n).toArray()));
    }
}
