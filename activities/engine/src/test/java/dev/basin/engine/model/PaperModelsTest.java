package dev.basin.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.Engine;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Fort et al.'s and Garipov et al.'s models: parameter counts by hand from the layer shapes, and a forward pass. */
class PaperModelsTest {

    private static final OptimizerConfig ADAM = new OptimizerConfig("adam", 1.6e-3, 0, 0);

    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    private static ComputationGraph build(String name, Integer depth, int c, int hw) {
        return Models.build(new ModelConfig(name, 1.0, "he", depth), ADAM, 1, c, hw, hw, 10);
    }

    /** BN running means and variances: DL4J keeps them among the parameters, PyTorch does not. */
    private static long runningStats(ComputationGraph net) {
        return Arrays.stream(net.getLayers()).filter(l -> l.conf().getLayer() instanceof BatchNormalization)
                .mapToLong(l -> l.numParams() / 2).sum();
    }

    @Test
    void fortMediumCnnHasTheNotebooksParameterCount() {
        // conv 3·9·64+64 = 1,792; 64·9·128+128 = 73,856; 128·9·256+256 = 295,168; 256·9·256+256 = 590,080;
        // 32 → 16 → 8 → 4 → 2: dense 2·2·256·10+10 = 10,250. The notebook prints "Number of free parameters=971146".
        assertEquals(971_146, build("fort-medium-cnn", null, 3, 32).numParams());
        // 28×28×1: first conv 1·9·64+64 = 640 (28 → 14 → 7 → 4 → 2, the same 2×2 map)
        assertEquals(969_994, build("fort-medium-cnn", null, 1, 28).numParams());
    }

    @Test
    void fortSmallCnnHasItsParameterCount() {
        // conv 3·9·16+16 = 448; 16·9·32+32 = 4,640; 32·9·32+32 = 9,248; 32 → 16 → 8 → 4: dense 4·4·32·10+10 = 5,130
        assertEquals(19_466, build("fort-small-cnn", null, 3, 32).numParams());
        // 28 → 14 → 7 → 4: first conv 1·9·16+16 = 160
        assertEquals(19_178, build("fort-small-cnn", null, 1, 28).numParams());
    }

    @Test
    void fortCnnsDropAfterEveryConvAndLeaveTheLastBlockLinear() {
        ComputationGraph net = build("fort-medium-cnn", null, 1, 28);
        for (int i = 1; i <= 4; i++) {
            DropoutLayer d = (DropoutLayer) net.getLayer("drop" + i).conf().getLayer();
            assertEquals(0.9, ((org.deeplearning4j.nn.conf.dropout.Dropout) d.getIDropout()).getP(), 0);
            ConvolutionLayer conv = (ConvolutionLayer) net.getLayer("conv" + i).conf().getLayer();
            assertEquals(i < 4 ? Activation.RELU.getActivationFunction().getClass()
                    : Activation.IDENTITY.getActivationFunction().getClass(), conv.getActivationFn().getClass());
        }
        INDArray p = net.outputSingle(false, Nd4j.rand(DataType.FLOAT, 3, 784));
        assertArrayEquals(new long[] {3, 10}, p.shape());
        assertFalse(Models.hasBatchNorm(new ModelConfig("fort-small-cnn")));
    }

    /**
     * Fort's last block has no ReLU, so its pool sees negative values; on 28×28 inputs fort-small-cnn's last pool
     * pads (7 → 4). TensorFlow's 'SAME' max-pool ignores the padding; so must DL4J's, or the border would read 0.
     */
    @Test
    void sameModeMaxPoolIgnoresItsPaddingAsTensorFlowDoes() {
        ComputationGraph g = new ComputationGraph(new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                .convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Same).graphBuilder().addInputs("in")
                .setInputTypes(org.deeplearning4j.nn.conf.inputs.InputType.convolutionalFlat(3, 3, 1))
                .addLayer("pool", new org.deeplearning4j.nn.conf.layers.SubsamplingLayer.Builder(
                        org.deeplearning4j.nn.conf.layers.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), "in")
                .addLayer("out", Models.softmax(2, 0), "pool").setOutputs("out").build());
        g.init();
        INDArray x = Nd4j.createFromArray(new float[][] {{-1, -2, -3, -4, -5, -6, -7, -8, -9}});
        INDArray pooled = g.feedForward(x, false).get("pool");
        // windows {-1,-2,-4,-5}, {-3,-6}, {-7,-8}, {-9}: no zeros from the padding
        assertArrayEquals(new float[] {-1, -3, -7, -9}, pooled.reshape(4).toFloatVector(), 0f);
    }

    @Test
    void vgg16HasTheReferenceCodesParameterCount() {
        // convs 1,792 + 36,928 + 73,856 + 147,584 + 295,168 + 2·590,080 + 1,180,160 + 5·2,359,808 = 14,714,688;
        // classifier 2·(512·512+512) + 512·10+10 = 530,442: 15,245,130 (dnn-mode-connectivity's VGG16, CIFAR-10)
        ComputationGraph vgg = build("vgg16", null, 3, 32);
        assertEquals(15_245_130, vgg.numParams());
        assertEquals(15_245_130 - 1_152, build("vgg16", null, 1, 28).numParams());
        // BN: γ, β over 2·64 + 2·128 + 3·256 + 6·512 = 4,224 channels → 15,253,578 trainable (PyTorch's count)
        ComputationGraph bn = build("vgg16-bn", null, 3, 32);
        assertEquals(8_448, runningStats(bn));
        assertEquals(15_253_578, bn.numParams() - runningStats(bn));
        assertTrue(Models.hasBatchNorm(new ModelConfig("vgg16-bn")));
        assertFalse(Models.hasBatchNorm(new ModelConfig("vgg16")));
        assertArrayEquals(new long[] {2, 10}, bn.outputSingle(false, Nd4j.rand(DataType.FLOAT, 2, 3 * 32 * 32)).shape());
    }

    @Test
    void preResNetHasTheReferenceCodesParameterCounts() {
        // depth 20, basic blocks (n = 3): stem 432; stage 1: 3 × (32 + 2,304 + 32 + 2,304); stage 2: first block
        // 32 + 4,608 + 64 + 9,216 + proj 512, then 2 × (64 + 9,216 + 64 + 9,216); stage 3 likewise at 32 → 64;
        // final BN 128; dense 650: 272,282 trainable
        ComputationGraph d20 = build("preresnet", 20, 3, 32);
        assertEquals(272_282, d20.numParams() - runningStats(d20));
        assertEquals(1_376, runningStats(d20));
        // Garipov's PreResNet110 (bottleneck, n = 12) and PreResNet164 (n = 18) on CIFAR-10
        ComputationGraph d110 = build("preresnet", null, 3, 32);
        assertEquals(1_146_842, d110.numParams() - runningStats(d110));
        ComputationGraph d164 = build("preresnet", 164, 3, 32);
        assertEquals(1_703_258, d164.numParams() - runningStats(d164));
        assertTrue(Models.hasBatchNorm(new ModelConfig("preresnet")));
        assertArrayEquals(new long[] {2, 10}, build("preresnet", 8, 1, 28).outputSingle(false,
                Nd4j.rand(DataType.FLOAT, 2, 784)).shape());
    }

    @Test
    void everyNewModelTakesATrainingStepUnderEveryInit() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 10);
        for (int i = 0; i < 4; i++) {
            y.putScalar(i, i, 1);
        }
        // one init each (he, glorot, pytorch, fort); vgg16 is vgg16-bn without its BN layers
        String[] names = {"fort-small-cnn", "fort-medium-cnn", "vgg16-bn", "preresnet"};
        for (int i = 0; i < names.length; i++) {
            String init = Models.inits().get(i % Models.inits().size());
            ModelConfig m = new ModelConfig(names[i], 0.25, init, names[i].equals("preresnet") ? 8 : null);
            ComputationGraph net = Models.build(m, ADAM, 3, 1, 28, 28, 10);
            INDArray before = net.params().dup();
            net.fit(new org.nd4j.linalg.dataset.DataSet(x, y));
            assertTrue(Double.isFinite(net.score()), names[i]);
            assertTrue(net.params().distance2(before) > 0, names[i] + " moved");
        }
    }

    @Test
    void fortsNetsAndVggHaveDropoutForMcDropoutPreResNetHasNone() {
        for (String name : new String[] {"fort-small-cnn", "fort-medium-cnn", "vgg16", "vgg16-bn"}) {
            assertTrue(Models.hasDropout(new ModelConfig(name)), name);
        }
        assertFalse(Models.hasDropout(new ModelConfig("preresnet", 1.0, "he", 8)));
        // MC dropout samples fort-small-cnn's dropout layers: seeded, and not the deterministic prediction
        ComputationGraph net = build("fort-small-cnn", null, 1, 28);
        dev.basin.engine.data.Dataset data = new dev.basin.engine.data.Dataset(Nd4j.rand(DataType.FLOAT, 6, 784),
                new int[] {0, 1, 2, 3, 4, 5}, 1, 28, 28, 10);
        INDArray a = dev.basin.engine.landscape.McDropout.predict(net, data, 1, 4, () -> { });
        assertEquals(a, dev.basin.engine.landscape.McDropout.predict(net, data, 1, 4, () -> { }));
        assertTrue(a.distance2(net.outputSingle(false, data.features())) > 0);
    }

    @Test
    void weightMatchingFindsThePermutationsOfEveryNewModel() {
        for (String name : new String[] {"fort-small-cnn", "fort-medium-cnn", "vgg16", "vgg16-bn", "preresnet"}) {
            ModelConfig m = new ModelConfig(name, 0.25, "he", name.equals("preresnet") ? 8 : null);
            assertNotNull(dev.basin.engine.align.PermutationSpecs.of(Models.build(m, ADAM, 1, 1, 28, 28, 10)), name);
        }
    }

    @Test
    void preResNetDepthIsValidatedAsTheReferenceCodeDoes() {
        for (int ok : new int[] {8, 14, 20, 32, 38, 47, 56, 110, 164, 1001}) {
            assertNull(Models.checkDepth(ok), "depth " + ok);
        }
        for (int bad : new int[] {2, 7, 21, 44, 50, 100, 1010}) {
            assertNotNull(Models.checkDepth(bad), "depth " + bad);
        }
        assertTrue(Models.checkDepth(21).contains("6n+2"));
        assertTrue(Models.checkDepth(100).contains("9n+2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build("preresnet", 21, 1, 28));
        assertTrue(e.getMessage().contains("6n+2"), e.getMessage());
    }
}
