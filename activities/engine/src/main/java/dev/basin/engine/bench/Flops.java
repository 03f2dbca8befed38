package dev.basin.engine.bench;

import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Floating-point operation counts from layer shapes. Only multiply-adds of conv and dense layers
 * are counted (2 FLOPs each); activations, pooling, batch norm, residual adds, softmax and the
 * update are ignored (&lt; 1% for the plain CNNs, a few % for ResNet20).
 */
public final class Flops {

    private Flops() {}

    /** FLOPs of one forward pass of one example through a single-input graph. */
    public static double forwardPerExample(ComputationGraphConfiguration conf, InputType input) {
        Map<String, InputType> outputs = conf.getLayerActivationTypes(input);
        double flops = 0;
        for (Map.Entry<String, GraphVertex> v : conf.getVertices().entrySet()) {
            if (!(v.getValue() instanceof LayerVertex lv)) {
                continue;
            }
            Layer layer = lv.getLayerConf().getLayer();
            if (layer instanceof ConvolutionLayer conv
                    && outputs.get(v.getKey()) instanceof InputType.InputTypeConvolutional out) {
                int[] k = conv.getKernelSize();
                flops += 2.0 * out.getHeight() * out.getWidth() * conv.getNOut() * k[0] * k[1] * conv.getNIn();
            } else if (layer instanceof DenseLayer || layer instanceof BaseOutputLayer) {
                FeedForwardLayer ff = (FeedForwardLayer) layer;
                flops += 2.0 * ff.getNIn() * ff.getNOut();
            }
        }
        return flops;
    }

    /**
     * FLOPs of one training example: forward + backward ≈ 3 × forward (the backward pass computes
     * the gradient with respect to each layer's input and to its weights, each costing about one
     * forward).
     */
    public static double trainPerExample(ComputationGraphConfiguration conf, InputType input) {
        return 3 * forwardPerExample(conf, input);
    }
}
