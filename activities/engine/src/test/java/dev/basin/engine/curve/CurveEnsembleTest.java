package dev.basin.engine.curve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.basin.engine.Engine;
import dev.basin.engine.analysis.CurveType;
import dev.basin.engine.metrics.Metrics;
import dev.basin.engine.weights.WeightVectors;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class CurveEnsembleTest {

    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    @Test
    void interiorPointsAreEvenlySpacedInsideTheInterval() {
        assertArrayEquals(new double[] {0.5}, CurveEnsemble.interior(1));
        assertArrayEquals(new double[] {0.25, 0.5, 0.75}, CurveEnsemble.interior(3));
        assertEquals(1.0 / 3, CurveEnsemble.interior(2)[0]);
        assertThrows(IllegalArgumentException.class, () -> CurveEnsemble.interior(0));
    }

    /** The curve's ensemble at t = {0, 1} is the two-model ensemble of its ends, bit for bit, for both types. */
    @Test
    void theEndsAloneAreTheTwoMemberEnsemble() {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).updater(new Sgd(0.1)).graphBuilder()
                .addInputs("in").setInputTypes(InputType.feedForward(4))
                .addLayer("dense", new DenseLayer.Builder().nOut(5).activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX)
                        .build(), "dense")
                .setOutputs("out").build());
        net.init();
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 4);
        INDArray w1 = random(net.numParams(), 1);
        INDArray theta = random(net.numParams(), 2);
        INDArray w2 = random(net.numParams(), 3);
        for (CurveType type : CurveType.values()) {
            Curve curve = new Curve(type);
            INDArray ensemble = CurveEnsemble.mean(new double[] {0, 1}, t -> output(net, curve.point(w1, theta, w2, t), x));
            INDArray members = Metrics.ensembleMean(List.of(output(net, w1, x), output(net, w2, x)));
            assertArrayEquals(members.ravel().toFloatVector(), ensemble.ravel().toFloatVector(), type.text());
            assertEquals(Metrics.score(members, new int[] {0, 1, 2, 0, 1, 2, 0, 1}),
                    CurveEnsemble.score(new double[] {0, 1}, t -> output(net, curve.point(w1, theta, w2, t), x),
                            new int[] {0, 1, 2, 0, 1, 2, 0, 1}));
        }
    }

    private static INDArray output(ComputationGraph net, INDArray weights, INDArray x) {
        WeightVectors.set(net, weights);
        return net.outputSingle(false, x);
    }

    private static INDArray random(long n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return Nd4j.createFromArray(v);
    }
}
