package dev.basin.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basin.engine.Engine;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.data.SyntheticIdx;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import dev.basin.engine.optim.TorchNesterov;
import org.nd4j.linalg.learning.config.Sgd;

class ModelsTest {

    private static final OptimizerConfig NESTEROV = new OptimizerConfig("nesterov", 0.05, 0.9, 5e-4);

    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    @Test
    void smallCnnHasTheReferenceParameterCount() {
        ComputationGraph net = Models.build(new ModelConfig("small-cnn"), NESTEROV, 1, 1, 28, 28, 10);
        // conv 16·9+16 = 160, conv 32·16·9+32 = 4,640, dense 1568·128+128 = 200,832, out 128·10+10 = 1,290
        assertEquals(206_922, net.numParams());
        BaseLayer dense = (BaseLayer) net.getLayer("dense").conf().getLayer();
        assertEquals(5e-4, dense.getRegularization().get(0).getClass().getSimpleName().equals("L2Regularization")
                ? ((org.nd4j.linalg.learning.regularization.L2Regularization) dense.getRegularization().get(0))
                        .getL2().valueAt(0, 0) : -1, 0);
        assertEquals(1, dense.getRegularizationBias().size());
    }

    @Test
    void mediumCnnRunsOn28And32PixelInputsWithDropoutRetainProbability() {
        for (int[] chw : new int[][] {{1, 28, 28}, {3, 32, 32}}) {
            ComputationGraph net = Models.build(new ModelConfig("medium-cnn"), NESTEROV, 1, chw[0], chw[1], chw[2], 10);
            INDArray x = Nd4j.rand(DataType.FLOAT, 4, (long) chw[0] * chw[1] * chw[2]);
            INDArray p = net.outputSingle(false, x);
            assertArrayEquals(new long[] {4, 10}, p.shape());
            assertEquals(4.0, p.sumNumber().doubleValue(), 1e-4);
            // 2x2 spatial map after four 'same' pools (28 → 14 → 7 → 4 → 2, 32 → 16 → 8 → 4 → 2)
            assertEquals(256 * 2 * 2 * 10 + 10, net.getLayer(Models.OUTPUT).numParams());
        }
        ComputationGraph net = Models.build(new ModelConfig("medium-cnn"), NESTEROV, 1, 1, 28, 28, 10);
        Dropout d = (Dropout) ((BaseLayer) net.getLayer(Models.OUTPUT).conf().getLayer()).getIDropout();
        assertEquals(1 - Models.MEDIUM_CNN_DROPOUT, d.getP(), 0);
    }

    @Test
    void widthScalesEveryConvAndHiddenDenseLayerButNotTheOutput() {
        // width 2: conv 32·9+32 = 320, conv 64·32·9+64 = 18,496, dense 3136·256+256 = 803,072, out 256·10+10 = 2,570
        assertEquals(824_458, Models.build(new ModelConfig("small-cnn", 2.0), NESTEROV, 1, 1, 28, 28, 10).numParams());
        // width 0.5: conv 8·9+8 = 80, conv 16·8·9+16 = 1,168, dense 784·64+64 = 50,240, out 64·10+10 = 650
        assertEquals(52_138, Models.build(new ModelConfig("small-cnn", 0.5), NESTEROV, 1, 1, 28, 28, 10).numParams());
        ComputationGraph tiny = Models.build(new ModelConfig("medium-cnn", 0.001), NESTEROV, 1, 1, 28, 28, 10);
        // every conv keeps one filter: 1·9+1 = 10, then 3 × (1·1·9+1) = 30, out 1·2·2·10+10 = 50
        assertEquals(90, tiny.numParams());
        assertEquals(24, Models.scaled(16, 1.5));
        assertEquals(3, Models.scaled(10, 0.25), "halves round up");
        assertEquals(1, Models.scaled(16, 0.01));
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class,
                    () -> Models.build(new ModelConfig("small-cnn", bad), NESTEROV, 1, 1, 28, 28, 10), "width " + bad);
        }
        assertEquals(new ModelConfig("small-cnn", 1.0), new ModelConfig("small-cnn"));
    }

    @Test
    void batchNormByNameMatchesTheLayers() {
        java.util.Set<String> withBn = java.util.Set.of("resnet20", "vgg16-bn", "preresnet");
        for (String name : Models.names()) {
            // preresnet at its smallest depth, to keep the test cheap
            ModelConfig model = new ModelConfig(name, 1.0, "he", name.equals("preresnet") ? 8 : null);
            ComputationGraph net = Models.build(model, NESTEROV, 1, 1, 28, 28, 10);
            assertEquals(withBn.contains(name), Models.hasBatchNorm(net), name);
            assertEquals(Models.hasBatchNorm(net), Models.hasBatchNorm(new ModelConfig(name)), name);
        }
        assertThrows(IllegalArgumentException.class, () -> Models.hasBatchNorm(new ModelConfig("resnet")));
    }

    @Test
    void optimizersAndUnknownNames() {
        assertInstanceOf(Sgd.class, Models.updater(new OptimizerConfig("sgd", 0.1, 0, 0)));
        TorchNesterov n = (TorchNesterov) Models.updater(NESTEROV);
        assertEquals(0.9, n.getMomentum(), 0);
        assertEquals(0.05, n.getLearningRate(), 0);
        assertInstanceOf(Adam.class, Models.updater(new OptimizerConfig("adam", 1e-3, 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> Models.updater(new OptimizerConfig("rmsprop", 1, 0, 0)));
        assertThrows(IllegalArgumentException.class,
                () -> Models.build(new ModelConfig("resnet"), NESTEROV, 1, 1, 28, 28, 10));
    }

    @Test
    void sameSeedSameInitDifferentSeedDifferentInit() {
        ComputationGraph a = Models.build(new ModelConfig("small-cnn"), NESTEROV, 5, 1, 28, 28, 10);
        ComputationGraph b = Models.build(new ModelConfig("small-cnn"), NESTEROV, 5, 1, 28, 28, 10);
        ComputationGraph c = Models.build(new ModelConfig("small-cnn"), NESTEROV, 6, 1, 28, 28, 10);
        assertEquals(a.params(), b.params());
        assertEquals(false, a.params().equals(c.params()));
    }

    @Test
    void predictorGivesSoftmaxRowsInBatches() {
        Dataset d = SyntheticIdx.dataset(25, 2);
        ComputationGraph net = Models.build(new ModelConfig("small-cnn"), NESTEROV, 5, 1, 28, 28, 10);
        INDArray p = Predictor.predict(net, d, 10);
        assertArrayEquals(new long[] {25, 10}, p.shape());
        assertEquals(net.outputSingle(false, d.features()), p);
    }
}
