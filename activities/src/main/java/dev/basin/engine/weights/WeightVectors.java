package dev.basin.engine.weights;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Networks as points in weight space. The flat layout is DL4J's {@code params()}: layer by layer,
 * conv {@code [bias, W]}, dense {@code [W, bias]}; pooling layers have no parameters.
 */
public final class WeightVectors {

    private WeightVectors() {}

    /** A copy of all parameters as a rank-1 float vector (never a view into the live network). */
    public static INDArray flat(MultiLayerNetwork net) {
        return net.params().dup('c').reshape(net.numParams());
    }

    /** Copies {@code weights} (from {@link #flat}) into the network. */
    public static void set(MultiLayerNetwork net, INDArray weights) {
        if (weights.length() != net.numParams()) {
            throw new IllegalArgumentException(weights.length() + " weights for a network of " + net.numParams());
        }
        net.params().assign(weights.reshape(net.params().shape()));
    }
}
