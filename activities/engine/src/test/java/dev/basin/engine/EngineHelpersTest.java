package dev.basin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.data.Dataset;
import dev.basin.engine.data.SyntheticIdx;
import dev.basin.engine.model.Models;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/** Guards the DL4J speed trap (ENGINE-NOTES): without oneDNN helpers training is ~4x slower. */
class EngineHelpersTest {

    private static final OptimizerConfig NESTEROV = new OptimizerConfig("nesterov", 0.05, 0.9, 5e-4);

    @Test
    void smallCnnConvAndPoolingRunThroughOneDnn() {
        Engine.init(2);
        Engine.init(2);
        assertTrue(Engine.oneDnnHelpersActive(), "oneDNN helpers are off");
        assertTrue(Engine.nativesHaveOneDnn(), "natives without oneDNN loaded (extension '" + Engine.nativeExtension()
                + "'): no nd4j-native oneDNN jar on the classpath matches this CPU's instruction set");
        ComputationGraph net = Models.build(new ModelConfig("small-cnn"), NESTEROV, 1, 1, 28, 28, 10);
        fitAndPredict(net);
        assertInstanceOf(MKLDNNConvHelper.class, ((ConvolutionLayer) net.getLayer("conv1")).getHelper());
        assertInstanceOf(MKLDNNSubsamplingHelper.class, ((SubsamplingLayer) net.getLayer("pool1")).getHelper());
        assertInstanceOf(MKLDNNConvHelper.class, ((ConvolutionLayer) net.getLayer("conv2")).getHelper());
        assertInstanceOf(MKLDNNSubsamplingHelper.class, ((SubsamplingLayer) net.getLayer("pool2")).getHelper());
    }

    /** Every conv and batch-norm layer of the residual graph keeps its helper after training steps. */
    @Test
    void resnet20ConvAndBatchNormRunThroughOneDnn() {
        Engine.init(2);
        ComputationGraph net = Models.build(new ModelConfig("resnet20"), NESTEROV, 1, 1, 28, 28, 10);
        fitAndPredict(net);
        int convs = 0;
        int norms = 0;
        for (Layer l : net.getLayers()) {
            if (l instanceof ConvolutionLayer c) {
                assertInstanceOf(MKLDNNConvHelper.class, c.getHelper(), l.conf().getLayer().getLayerName());
                convs++;
            } else if (l instanceof BatchNormalization b) {
                assertInstanceOf(MKLDNNBatchNormHelper.class, b.getHelper(), l.conf().getLayer().getLayerName());
                norms++;
            }
        }
        // 19 3×3 convs + 2 projection shortcuts, each followed by a batch norm
        assertEquals(21, convs);
        assertEquals(21, norms);
    }

    private static void fitAndPredict(ComputationGraph net) {
        Dataset d = SyntheticIdx.dataset(64, 7);
        int[] rows = IntStream.range(0, 64).toArray();
        net.fit(new DataSet(d.features(), d.oneHot(rows)));
        net.outputSingle(false, d.features());
    }
}
