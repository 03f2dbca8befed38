package dev.basin.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.Engine;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The empirical spread of initialised weights against each option's formula. fort-medium-cnn's conv4 on 28×28×1:
 * 256 → 256 channels, 3×3, so fan_in = fan_out = 2,304 and 589,824 weights; its dense layer has fan_in 1,024.
 */
class InitTest {

    private static final OptimizerConfig ADAM = new OptimizerConfig("adam", 1e-3, 0, 0);
    private static final double FAN = 256 * 9;

    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    private static ComputationGraph net(String init, long seed) {
        return Models.build(new ModelConfig("fort-medium-cnn", 1.0, init, null), ADAM, seed, 1, 28, 28, 10);
    }

    private static double variance(INDArray a) {
        double mean = a.meanNumber().doubleValue();
        return a.sub(mean).muli(a.sub(mean)).meanNumber().doubleValue();
    }

    @Test
    void heIsNormalWithVarianceTwoOverFanIn() {
        INDArray w = net("he", 1).getLayer("conv4").getParam("W");
        assertEquals(2 / FAN, variance(w), 0.01 * 2 / FAN);
        assertEquals(0, net("he", 1).getLayer("conv4").getParam("b").maxNumber().doubleValue(), 0);
        assertEquals(net("he", 1).params(), Models.build(new ModelConfig("fort-medium-cnn"), ADAM, 1, 1, 28, 28, 10)
                .params(), "he is the default");
    }

    @Test
    void glorotIsUniformOverSixOverFanInPlusFanOut() {
        ComputationGraph net = net("glorot", 1);
        INDArray w = net.getLayer("conv4").getParam("W");
        double limit = Math.sqrt(6 / (FAN + FAN));
        assertEquals(limit * limit / 3, variance(w), 0.01 * limit * limit / 3);
        assertTrue(w.amaxNumber().doubleValue() <= limit && w.amaxNumber().doubleValue() > 0.99 * limit);
        // dense: fan_in 2·2·256 = 1,024, fan_out 10
        INDArray d = net.getLayer(Models.OUTPUT).getParam("W");
        assertTrue(d.amaxNumber().doubleValue() <= Math.sqrt(6.0 / 1034));
        assertEquals(0, net.getLayer("conv4").getParam("b").amaxNumber().doubleValue(), 0);
    }

    @Test
    void pytorchIsUniformOverOneOverRootFanInForWeightsAndBiases() {
        ComputationGraph net = net("pytorch", 1);
        double bound = 1 / Math.sqrt(FAN);
        INDArray w = net.getLayer("conv4").getParam("W");
        assertEquals(bound * bound / 3, variance(w), 0.01 * bound * bound / 3);
        assertTrue(w.amaxNumber().doubleValue() <= bound && w.amaxNumber().doubleValue() > 0.99 * bound);
        INDArray b = net.getLayer("conv4").getParam("b");
        assertTrue(b.amaxNumber().doubleValue() <= bound && b.amaxNumber().doubleValue() > 0.9 * bound);
        assertEquals(bound * bound / 3, variance(b), 0.25 * bound * bound / 3);
        // first conv: fan_in 1·3·3 = 9, so biases in ±1/3; dense: fan_in 1,024
        assertTrue(net.getLayer("conv1").getParam("b").amaxNumber().doubleValue() <= 1 / 3.0);
        assertTrue(net.getLayer("conv1").getParam("b").amaxNumber().doubleValue() > 0.25);
        assertTrue(net.getLayer(Models.OUTPUT).getParam("b").amaxNumber().doubleValue() <= 1 / 32.0);
        assertEquals(net.params(), net("pytorch", 1).params(), "same seed, same biases");
        assertTrue(!net.params().equals(net("pytorch", 2).params()));
    }

    @Test
    void fortIsGlorotWithTheNotebooksXavierBiases() {
        ComputationGraph net = net("fort", 1);
        assertEquals(net("glorot", 1).getLayer("conv4").getParam("W"), net.getLayer("conv4").getParam("W"));
        // a [1, 1, 256] bias: fan_in 1, fan_out 256, so U(±√(6/257)), variance 2/257
        INDArray b = net.getLayer("conv4").getParam("b");
        double limit = Math.sqrt(6.0 / 257);
        assertTrue(b.amaxNumber().doubleValue() <= limit && b.amaxNumber().doubleValue() > 0.9 * limit);
        assertEquals(limit * limit / 3, variance(b), 0.25 * limit * limit / 3);
        // the final [1, 10] bias: U(±√(6/11)) = ±0.739
        INDArray out = net.getLayer(Models.OUTPUT).getParam("b");
        assertTrue(out.amaxNumber().doubleValue() <= Math.sqrt(6.0 / 11) && out.amaxNumber().doubleValue() > 0.1);
    }

    @Test
    void anUnknownInitIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net("xavier", 1));
        assertTrue(e.getMessage().contains("he, glorot, pytorch, fort"), e.getMessage());
    }
}
