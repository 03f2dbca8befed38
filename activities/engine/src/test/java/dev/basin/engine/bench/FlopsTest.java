package dev.basin.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.engine.Engine;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.model.Models;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;

class FlopsTest {

    @Test
    void smallCnnForwardAndTrainingFlopsFromLayerShapes() {
        Engine.init(2);
        ComputationGraph net = Models.build(new ModelConfig("small-cnn"), new OptimizerConfig("sgd", 0.1, 0, 0),
                1, 1, 28, 28, 10);
        InputType in = InputType.convolutionalFlat(28, 28, 1);
        // 2·(28·28·16·9·1 + 14·14·32·9·16 + 1568·128 + 128·10) = 2·1,218,048
        assertEquals(2_436_096, Flops.forwardPerExample(net.getConfiguration(), in), 0);
        assertEquals(7_308_288, Flops.trainPerExample(net.getConfiguration(), in), 0);
    }

    @Test
    void resnet20OnCifarShapesCountsEveryConvOnceIncludingTheProjections() {
        Engine.init(2);
        var conf = Models.configuration(new ModelConfig("resnet20"), new OptimizerConfig("sgd", 0.1, 0, 0),
                1, 3, 32, 32, 10);
        // multiply-adds: stem 32·32·16·9·3 = 442,368; stage 1: 6 × 32·32·16·9·16 = 14,155,776;
        // stage 2: 16·16·32·9·16 + 5 × 16·16·32·9·32 + 1×1 projection 16·16·32·16 = 13,107,200;
        // stage 3: 8·8·64·9·32 + 5 × 8·8·64·9·64 + 8·8·64·32 = 13,107,200; dense 64·10 = 640;
        // in all 40,813,184 (the ~41M usually quoted for ResNet20), 2 FLOPs each
        assertEquals(81_626_368, Flops.forwardPerExample(conf, InputType.convolutionalFlat(32, 32, 3)), 0);
    }
}
