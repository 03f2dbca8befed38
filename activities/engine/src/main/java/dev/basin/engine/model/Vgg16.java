package dev.basin.engine.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * VGG16 as Garipov et al.'s dnn-mode-connectivity defines it (models/vgg.py, {@code VGG16} and
 * {@code VGG16BN}, after torchvision's): five blocks of 3×3 convs (padding 1, with bias) of
 * 64·2, 128·2, 256·3, 512·3, 512·3 filters, each conv followed (with BN) by batch norm, then ReLU; a 2×2
 * stride-2 max-pool after each block; then the classifier dropout(0.5) → dense 512 → ReLU → dropout(0.5) →
 * dense 512 → ReLU → dense to the classes. The classifier's input is the 1×1×512 map left after five pools.
 *
 * <p>Parameters on 32×32×3 with 10 classes: 15,245,130 ({@code vgg16}); {@code vgg16-bn} adds γ and β for
 * its 4,224 BN channels, 15,253,578 trainable, as PyTorch counts {@code parameters()} (DL4J's count also
 * holds the 8,448 running means and variances). On 28×28×1: 1,152 fewer (the first conv's input channels);
 * pools are 'same' here, so 28 → 14 → 7 → 4 → 2 → 1 also ends at 1×1 (PyTorch's floor pooling would not).
 *
 * <p>Not copied: Garipov's own init (conv weights N(0, 2/(k²·c_out)), biases 0); {@code model.init} applies.
 * BN as in {@link ResNet20} (decay 0.9, ε 1e-5, variance stored as variance).
 */
final class Vgg16 {

    static final int[][] BLOCKS = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
    static final int HIDDEN = 512;
    /** nn.Dropout()'s default rate. */
    static final double DROPOUT = 0.5;

    private Vgg16() {}

    static void add(GraphBuilder g, String input, boolean batchNorm, double width, int classes, String output) {
        String x = input;
        for (int b = 0; b < BLOCKS.length; b++) {
            for (int i = 0; i < BLOCKS[b].length; i++) {
                String name = "b" + (b + 1) + "c" + (i + 1);
                g.addLayer(name, new ConvolutionLayer.Builder(3, 3).stride(1, 1).nOut(Models.scaled(BLOCKS[b][i], width))
                        .activation(batchNorm ? Activation.IDENTITY : Activation.RELU).build(), x);
                x = name;
                if (batchNorm) {
                    g.addLayer(name + "-bn", new BatchNormalization.Builder().useLogStd(false).build(), x);
                    g.addLayer(name + "-relu", new ActivationLayer.Builder().activation(Activation.RELU).build(),
                            name + "-bn");
                    x = name + "-relu";
                }
            }
            String pool = "pool" + (b + 1);
            g.addLayer(pool, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), x);
            x = pool;
        }
        int hidden = Models.scaled(HIDDEN, width);
        g.addLayer("fc1", new DenseLayer.Builder().nOut(hidden).activation(Activation.RELU).dropOut(1.0 - DROPOUT)
                .build(), x);
        g.addLayer("fc2", new DenseLayer.Builder().nOut(hidden).activation(Activation.RELU).dropOut(1.0 - DROPOUT)
                .build(), "fc1");
        g.addLayer(output, Models.softmax(classes, 0), "fc2");
    }
}
