package dev.basin.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.engine.Engine;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.model.Models;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class FlopsTest {

    @Test
    void smallCnnForwardAndTrainingFlopsFromLayerShapes() {
        Engine.init(2);
        MultiLayerNetwork net = Models.build(new ModelConfig("small-cnn"), new OptimizerConfig("sgd", 0.1, 0, 0),
                1, 1, 28, 28, 10);
        InputType in = InputType.convolutionalFlat(28, 28, 1);
        // 2·(28·28·16·9·1 + 14·14·32·9·16 + 1568·128 + 128·10) = 2·1,218,048
        assertEquals(2_436_096, Flops.forwardPerExample(net.getLayerWiseConfigurations(), in), 0);
        assertEquals(7_308_288, Flops.trainPerExample(net.getLayerWiseConfigurations(), in), 0);
    }
}
