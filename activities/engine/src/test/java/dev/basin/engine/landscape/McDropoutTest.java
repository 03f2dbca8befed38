package dev.basin.engine.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.Engine;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.model.Models;
import dev.basin.engine.model.Predictor;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class McDropoutTest {
    private static final OptimizerConfig SGD = new OptimizerConfig("sgd", 0.1, 0, 0);

    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    private static Dataset images(int n) {
        SplittableRandom rng = new SplittableRandom(5);
        float[] x = new float[n * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble();
        }
        return new Dataset(Nd4j.create(x, new long[] {n, 784}, 'c'), new int[n], 1, 28, 28, 10);
    }

    private static ComputationGraph net(String model) {
        return Models.build(new ModelConfig(model, 0.25), SGD, 3, 1, 28, 28, 10);
    }

    @Test
    void whichModelsHaveDropoutIsReadFromTheirConfiguration() {
        assertTrue(Models.hasDropout(new ModelConfig("medium-cnn")));
        assertFalse(Models.hasDropout(new ModelConfig("small-cnn")));
        assertFalse(Models.hasDropout(new ModelConfig("resnet20")));
        assertTrue(McDropout.hasDropout(net("medium-cnn")));
        assertFalse(McDropout.hasDropout(net("small-cnn")));
    }

    @Test
    void seededMasksDifferPerSampleAndRepeatPerSeed() {
        ComputationGraph net = net("medium-cnn");
        Dataset data = images(40);
        INDArray deterministic = Predictor.predict(net, data);
        INDArray a = McDropout.predict(net, data, 11, 16, () -> {});
        INDArray again = McDropout.predict(net, data, 11, 16, () -> {});
        INDArray b = McDropout.predict(net, data, 12, 16, () -> {});
        assertEquals(a, again, "same seed, same masks, same predictions");
        assertNotEquals(a, b, "another seed draws other masks");
        assertEquals(deterministic, Predictor.predict(net, data), "MC dropout leaves the network as it was");
        // the mean of the samples is not the deterministic (inference-mode) output
        INDArray mean = Nd4j.zeros(DataType.FLOAT, 40, 10);
        for (long seed = 0; seed < 8; seed++) {
            mean.addi(McDropout.predict(net, data, seed, 40, () -> {}));
        }
        mean.divi(8);
        double gap = mean.sub(deterministic).amaxNumber().doubleValue();
        assertTrue(gap > 1e-4, "mean of MC samples vs inference output: " + gap);
        assertEquals(40.0, mean.sumNumber().doubleValue(), 1e-3, "rows are still distributions");
    }

    @Test
    void refusesANetworkWithoutDropout() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> McDropout.predict(net("small-cnn"), images(2), 1, 2, () -> {}));
        assertTrue(e.getMessage().contains("dropout layers"), e.getMessage());
    }

    /**
     * Batch norm stays in inference mode: running statistics far from the batch's (mean 5, variance 4), and a
     * dropout that keeps all but one unit in a million, so that the MC output equals the inference output only when
     * batch norm uses its running statistics (in training mode it would normalise by the batch's).
     */
    @Test
    void batchNormKeepsItsRunningStatistics() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(4))
                .addLayer("bn", new BatchNormalization.Builder().nOut(4).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX)
                        .dropOut(1 - 1e-6).build(), "bn")
                .setOutputs("out").build());
        g.init();
        g.getLayer("bn").setParam("mean", Nd4j.valueArrayOf(new long[] {1, 4}, 5f));
        g.getLayer("bn").setParam("var", Nd4j.valueArrayOf(new long[] {1, 4}, 4f));
        INDArray before = g.params().dup();
        INDArray x = Nd4j.rand(DataType.FLOAT, 30, 4);
        Dataset data = new Dataset(x, new int[30], 1, 1, 4, 3);
        INDArray mc = McDropout.predict(g, data, 7, 30, () -> {});
        assertTrue(mc.equalsWithEps(Predictor.predict(g, data), 1e-5), "inference-mode batch norm");
        assertEquals(before, g.params(), "running statistics untouched");
    }
}
