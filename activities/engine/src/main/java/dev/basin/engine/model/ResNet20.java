package dev.basin.engine.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.activations.Activation;

/**
 * ResNet-20 v1, the CIFAR variant of He et al. 2016 ("Deep Residual Learning", section 4.2) that
 * Fort et al. use as their third architecture: a 3×3 conv with 16 filters → BN → ReLU; three stages
 * of three basic blocks with 16, 32 and 64 filters (× width), the first block of stages 2 and 3
 * striding 2; global average pooling; a dense softmax. 6·3 + 2 = 20 weight layers.
 *
 * <p>Basic block: conv 3×3 → BN → ReLU → conv 3×3 → BN, plus the shortcut, then ReLU. The
 * shortcut is the identity when the shape is unchanged and otherwise a 1×1 conv with stride 2
 * followed by BN (He et al.'s option B, the projection). Option A (strided identity padded with
 * zero channels) is what the paper used on CIFAR, but DL4J has no zero-channel-padding vertex and
 * a hand-written one would need its own backward pass; B costs 2,752 extra parameters (1%) at
 * width 1 and is what most Keras/TensorFlow ResNet20 re-implementations use.
 *
 * <p>Convolutions have no bias (the following BN's β takes that role). Batch norm: DL4J defaults
 * decay 0.9 (PyTorch's momentum 0.1) and ε 1e-5, with {@code useLogStd(false)} so the running
 * variance is stored as "var" (DL4J's default would store log10 of the standard deviation): the
 * statistics in the weight vector then read as PyTorch's {@code running_mean}/{@code running_var}.
 * Every block is NCHW; 28×28 inputs become 28 → 14 → 7 and 32×32 ones 32 → 16 → 8.
 */
final class ResNet20 {

    private static final int[] FILTERS = {16, 32, 64};
    private static final int BLOCKS = 3;

    private ResNet20() {}

    /** Adds the network fed by {@code input}, its softmax layer named {@code output}. */
    static void add(GraphBuilder g, String input, double width, int classes, String output) {
        String x = convBn(g, "stem", input, Models.scaled(FILTERS[0], width), 3, 1);
        x = relu(g, "stem-relu", x);
        for (int stage = 0; stage < FILTERS.length; stage++) {
            int filters = Models.scaled(FILTERS[stage], width);
            for (int block = 0; block < BLOCKS; block++) {
                boolean downsample = stage > 0 && block == 0;
                x = block(g, "s" + (stage + 1) + "b" + (block + 1), x, filters, downsample);
            }
        }
        g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        g.addLayer(output, Models.softmax(classes, 0), "pool");
    }

    private static String block(GraphBuilder g, String name, String in, int filters, boolean downsample) {
        int stride = downsample ? 2 : 1;
        String h = relu(g, name + "-relu1", convBn(g, name + "-1", in, filters, 3, stride));
        h = convBn(g, name + "-2", h, filters, 3, 1);
        String shortcut = downsample ? convBn(g, name + "-proj", in, filters, 1, stride) : in;
        g.addVertex(name + "-add", new ElementWiseVertex(ElementWiseVertex.Op.Add), h, shortcut);
        return relu(g, name + "-relu", name + "-add");
    }

    /** conv (no bias, identity activation) → BN; returns the BN layer's name. */
    private static String convBn(GraphBuilder g, String name, String in, int filters, int kernel, int stride) {
        g.addLayer(name + "-conv", new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(filters)
                .hasBias(false).activation(Activation.IDENTITY).build(), in);
        g.addLayer(name + "-bn", new BatchNormalization.Builder().useLogStd(false).build(), name + "-conv");
        return name + "-bn";
    }

    private static String relu(GraphBuilder g, String name, String in) {
        g.addLayer(name, new ActivationLayer.Builder().activation(Activation.RELU).build(), in);
        return name;
    }
}
