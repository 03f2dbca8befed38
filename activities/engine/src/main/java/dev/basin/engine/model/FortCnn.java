package dev.basin.engine.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * Fort et al.'s CNNs ("Deep Ensembles: A Loss Landscape Perspective", 2019), as the function
 * {@code multilayer_CNN} of their notebook defines them (google-deepmind/deepmind-research,
 * ensemble_loss_landscape/cifar10_medium_cnn_experiments.ipynb). Each block i is
 * <pre>  conv 3×3, 'SAME', with bias → dropout(rate 0.1) → max-pool 2×2 stride 2 'SAME' → ReLU</pre>
 * except that the LAST block has no ReLU (the notebook applies its nonlinearity to every block but the last);
 * the pooled map is flattened into one dense layer to the classes (logits, softmax cross-entropy). No batch
 * norm, no hidden dense layer.
 *
 * <p>Here the ReLU sits on the conv (before dropout and pool): ReLU commutes with inverted dropout (a
 * non-negative scaling) and with max-pooling (monotone), so the function is the notebook's. Dropout is a
 * {@link DropoutLayer} between conv and pool, active in training only, in that order as in the notebook.
 *
 * <ul>
 *   <li>{@code fort-medium-cnn}: filters 64, 128, 256, 256 (the notebook's "Medium CNN"). 971,146 parameters
 *       on 32×32×3 (the count the notebook prints), 969,994 on 28×28×1.</li>
 *   <li>{@code fort-small-cnn}: the same function with three blocks of 16, 32, 32 filters, the paper's
 *       SmallCNN (the notebook only instantiates the medium one). 19,466 parameters on 32×32×3, 19,178 on
 *       28×28×1.</li>
 * </ul>
 */
final class FortCnn {

    /** The notebook's {@code dropout = 0.1}: probability of dropping a unit. */
    static final double DROPOUT = 0.1;
    static final int[] SMALL = {16, 32, 32};
    static final int[] MEDIUM = {64, 128, 256, 256};

    private FortCnn() {}

    /** Adds the network fed by {@code input}, its softmax layer named {@code output}. */
    static void add(GraphBuilder g, String input, int[] filters, double width, int classes, String output) {
        String last = input;
        for (int i = 0; i < filters.length; i++) {
            int n = i + 1;
            boolean relu = i < filters.length - 1;
            g.addLayer("conv" + n, new ConvolutionLayer.Builder(3, 3).stride(1, 1).nOut(Models.scaled(filters[i], width))
                    .activation(relu ? Activation.RELU : Activation.IDENTITY).build(), last);
            g.addLayer("drop" + n, new DropoutLayer.Builder(1.0 - DROPOUT).build(), "conv" + n);
            g.addLayer("pool" + n, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
                    "drop" + n);
            last = "pool" + n;
        }
        g.addLayer(output, Models.softmax(classes, 0), last);
    }
}
