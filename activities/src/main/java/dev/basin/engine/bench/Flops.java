package dev.basin.engine.bench;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Floating-point operation counts from layer shapes. Only multiply-adds of conv and dense layers
 * are counted (2 FLOPs each); activations, pooling, softmax and the update are ignored (&lt; 1%
 * for the CNNs here).
 */
public final class Flops {

    private Flops() {}

    /** FLOPs of one forward pass of one example. */
    public static double forwardPerExample(MultiLayerConfiguration conf, InputType input) {
        List<InputType> outputs = conf.getLayerActivationTypes(input);
        double flops = 0;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            if (layer instanceof ConvolutionLayer conv && outputs.get(i) instanceof InputType.InputTypeConvolutional out) {
                int[] k = conv.getKernelSize();
                flops += 2.0 * out.getHeight() * out.getWidth() * conv.getNOut() * k[0] * k[1] * conv.getNIn();
            } else if (layer instanceof FeedForwardLayer ff && !(layer instanceof ConvolutionLayer)) {
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
    public static double trainPerExample(MultiLayerConfiguration conf, InputType input) {
        return 3 * forwardPerExample(conf, input);
    }
}
