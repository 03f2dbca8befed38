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
 * PreResNet (He et al. 2016, "Identity Mappings in Deep Residual Networks") as Garipov et al.'s
 * dnn-mode-connectivity defines it (models/preresnet.py, after bearpaw/pytorch-classification): a 3×3 conv
 * of 16 filters (no bias); three stages of n blocks with 16, 32, 64 base filters (× width), the first block
 * of stages 2 and 3 striding 2; BN → ReLU; global average pooling; dense to the classes.
 *
 * <p>Depth, validated as that code validates it ({@link #check}): below 44, depth = 6n+2 and the blocks are
 * basic (BN → ReLU → conv 3×3 → BN → ReLU → conv 3×3, plus the shortcut); from 44 on, depth = 9n+2 and the
 * blocks are bottlenecks (BN → ReLU → conv 1×1 → BN → ReLU → conv 3×3 → BN → ReLU → conv 1×1 to 4× the
 * filters, plus the shortcut). The shortcut is the identity, or a 1×1 conv (no bias, no BN) of the block's
 * raw input where the stride or the channel count changes. Convs have no bias. Here n ≥ 1 (the reference
 * code would build one block per stage for depth 2, a net of another depth).
 *
 * <p>Trainable parameters on 32×32×3, 10 classes (PyTorch's {@code parameters()}): depth 20: 272,282;
 * depth 110 (bottleneck, n = 12, Garipov's PreResNet110): 1,146,842; depth 164 (PreResNet164): 1,703,258.
 * DL4J also counts the BN running means and variances. The reference's AvgPool2d(8) is the global average
 * on CIFAR's 8×8 final maps; global pooling here also accepts 28×28 inputs (final maps 7×7). Strided convs
 * use 'same' padding, as {@link ResNet20}'s.
 */
final class PreResNet {

    /** The reference code's default depth. */
    static final int DEFAULT_DEPTH = 110;
    static final int MAX_DEPTH = 1001;
    private static final int[] FILTERS = {16, 32, 64};

    private PreResNet() {}

    /** Null when {@code depth} is one the reference code builds (n ≥ 1, at most {@value #MAX_DEPTH}), else why not. */
    static String check(int depth) {
        if (depth < 8 || depth > MAX_DEPTH) {
            return "must be between 8 and " + MAX_DEPTH + ", got " + depth;
        }
        if (depth < 44 && (depth - 2) % 6 != 0) {
            return "must be 6n+2 below 44 (basic blocks: 8, 14, 20, 26, 32, 38), got " + depth;
        }
        if (depth >= 44 && (depth - 2) % 9 != 0) {
            return "must be 9n+2 from 44 on (bottleneck blocks: 47, 56, 65, ..., 110, 164), got " + depth;
        }
        return null;
    }

    static void add(GraphBuilder g, String input, int depth, double width, int classes, String output) {
        String why = check(depth);
        if (why != null) {
            throw new IllegalArgumentException("preresnet depth " + why);
        }
        boolean bottleneck = depth >= 44;
        int n = bottleneck ? (depth - 2) / 9 : (depth - 2) / 6;
        int expansion = bottleneck ? 4 : 1;
        String x = conv(g, "stem", input, Models.scaled(FILTERS[0], width), 3, 1);
        int in = Models.scaled(FILTERS[0], width);
        for (int stage = 0; stage < FILTERS.length; stage++) {
            int planes = Models.scaled(FILTERS[stage], width);
            for (int b = 0; b < n; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                boolean project = stride != 1 || in != planes * expansion;
                String name = "s" + (stage + 1) + "b" + (b + 1);
                x = bottleneck ? bottleneck(g, name, x, planes, stride, project)
                        : basic(g, name, x, planes, stride, project);
                in = planes * expansion;
            }
        }
        x = bnRelu(g, "final", x);
        g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        g.addLayer(output, Models.softmax(classes, 0), "pool");
    }

    private static String basic(GraphBuilder g, String name, String in, int planes, int stride, boolean project) {
        String h = conv(g, name + "-1", bnRelu(g, name + "-1", in), planes, 3, stride);
        h = conv(g, name + "-2", bnRelu(g, name + "-2", h), planes, 3, 1);
        return add(g, name, h, project ? conv(g, name + "-proj", in, planes, 1, stride) : in);
    }

    private static String bottleneck(GraphBuilder g, String name, String in, int planes, int stride, boolean project) {
        String h = conv(g, name + "-1", bnRelu(g, name + "-1", in), planes, 1, 1);
        h = conv(g, name + "-2", bnRelu(g, name + "-2", h), planes, 3, stride);
        h = conv(g, name + "-3", bnRelu(g, name + "-3", h), planes * 4, 1, 1);
        return add(g, name, h, project ? conv(g, name + "-proj", in, planes * 4, 1, stride) : in);
    }

    private static String add(GraphBuilder g, String name, String a, String b) {
        g.addVertex(name + "-add", new ElementWiseVertex(ElementWiseVertex.Op.Add), a, b);
        return name + "-add";
    }

    private static String bnRelu(GraphBuilder g, String name, String in) {
        g.addLayer(name + "-bn", new BatchNormalization.Builder().useLogStd(false).build(), in);
        g.addLayer(name + "-relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "-bn");
        return name + "-relu";
    }

    /** conv without bias, identity activation; returns its name. */
    private static String conv(GraphBuilder g, String name, String in, int filters, int kernel, int stride) {
        g.addLayer(name + "-conv", new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(filters)
                .hasBias(false).activation(Activation.IDENTITY).build(), in);
        return name + "-conv";
    }
}
