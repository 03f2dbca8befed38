package dev.basin.engine;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.data.Dataset;
import dev.basin.engine.data.SyntheticIdx;
import dev.basin.engine.model.Models;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/** Guards the DL4J speed trap (ENGINE-NOTES): without oneDNN helpers training is ~4x slower. */
class EngineHelpersTest {

    @Test
    void smallCnnConvAndPoolingRunThroughOneDnn() {
        Engine.init(2);
        Engine.init(2);
        assertTrue(Engine.oneDnnHelpersActive(), "oneDNN helpers are off");
        assertTrue(Engine.nativesHaveOneDnn(), "natives without oneDNN loaded (extension '" + Engine.nativeExtension()
                + "'): no nd4j-native oneDNN jar on the classpath matches this CPU's instruction set");
        Dataset d = SyntheticIdx.dataset(64, 7);
        MultiLayerNetwork net = Models.build(new ModelConfig("small-cnn"),
                new OptimizerConfig("nesterov", 0.05, 0.9, 5e-4), 1, 1, 28, 28, 10);
        int[] rows = java.util.stream.IntStream.range(0, 64).toArray();
        net.fit(new DataSet(d.features(), d.oneHot(rows)));
        net.output(d.features(), false);
        assertInstanceOf(MKLDNNConvHelper.class, ((ConvolutionLayer) net.getLayer(0)).getHelper());
        assertInstanceOf(MKLDNNSubsamplingHelper.class, ((SubsamplingLayer) net.getLayer(1)).getHelper());
        assertInstanceOf(MKLDNNConvHelper.class, ((ConvolutionLayer) net.getLayer(2)).getHelper());
        assertInstanceOf(MKLDNNSubsamplingHelper.class, ((SubsamplingLayer) net.getLayer(3)).getHelper());
    }
}
