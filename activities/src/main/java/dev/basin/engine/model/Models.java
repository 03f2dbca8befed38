package dev.basin.engine.model;

import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The model registry. Every model takes flat input rows {@code [batch, c*h*w]} (DL4J's
 * {@code convolutionalFlat}, so no reshape copies) and ends in a softmax trained with
 * cross-entropy (MCXENT).
 *
 * <p>Shared choices:
 * <ul>
 *   <li>Weight init: He normal ({@link WeightInit#RELU}, N(0, 2/fan_in)) for every weight, the
 *       standard choice for ReLU networks; it keeps activation variance roughly constant through
 *       the ReLU layers. (PyTorch's default, Kaiming-uniform with a = √5, is narrower: members
 *       here do not start from PyTorch's distribution.) Biases start at 0.</li>
 *   <li>Convolutions use 'same' padding, stride 1; 2×2 max-pools use stride 2 and 'same' mode, so
 *       odd sizes round up (28 → 14 → 7 → 4 → 2).</li>
 *   <li>Weight decay is coupled L2 on weights AND biases (PyTorch's {@code weight_decay}, which
 *       decays every parameter). DL4J adds it in the updater: {@code score()} includes
 *       ½·wd·‖θ‖², {@code gradient()} does not.</li>
 * </ul>
 */
public final class Models {

    /** Dropout rate (probability of DROPPING a unit) in front of medium-cnn's dense head. */
    public static final double MEDIUM_CNN_DROPOUT = 0.1;

    private Models() {}

    public static List<String> names() {
        return List.of("small-cnn", "medium-cnn");
    }

    /** Builds and initialises the network; same arguments (and thread count) give identical weights. */
    public static MultiLayerNetwork build(ModelConfig model, OptimizerConfig optimizer, long seed,
                                          int channels, int height, int width, int classes) {
        NeuralNetConfiguration.ListBuilder layers = common(optimizer, seed).list();
        switch (model.name()) {
            case "small-cnn" -> smallCnn(layers, classes);
            case "medium-cnn" -> mediumCnn(layers, classes);
            default -> throw new IllegalArgumentException("unknown model '" + model.name()
                    + "'; known: " + String.join(", ", names()));
        }
        MultiLayerConfiguration conf = layers.setInputType(InputType.convolutionalFlat(height, width, channels)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * SmallCNN: conv 3×3 16 → ReLU → max-pool → conv 3×3 32 → ReLU → max-pool → dense 128 ReLU →
     * softmax. 206,922 parameters on 28×28×1.
     */
    private static void smallCnn(NeuralNetConfiguration.ListBuilder b, int classes) {
        b.layer(conv(16)).layer(pool())
         .layer(conv(32)).layer(pool())
         .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
         .layer(softmax(classes, 0));
    }

    /**
     * MediumCNN after Fort et al.: four conv 3×3 + ReLU + max-pool blocks with 64, 128, 256, 256
     * filters, no batch norm, dropout, then a dense softmax head.
     */
    private static void mediumCnn(NeuralNetConfiguration.ListBuilder b, int classes) {
        for (int filters : new int[] {64, 128, 256, 256}) {
            b.layer(conv(filters)).layer(pool());
        }
        b.layer(softmax(classes, MEDIUM_CNN_DROPOUT));
    }

    private static NeuralNetConfiguration.Builder common(OptimizerConfig o, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater(o))
                .l2(o.weightDecay())
                .l2Bias(o.weightDecay())
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same);
    }

    /** sgd → plain SGD; nesterov → Nesterov momentum (M2.1 has no heavy-ball momentum); adam → Adam. */
    public static IUpdater updater(OptimizerConfig o) {
        return switch (o.name()) {
            case "sgd" -> new Sgd(o.lr());
            case "nesterov" -> new Nesterovs(o.lr(), o.momentum());
            case "adam" -> new Adam(o.lr());
            default -> throw new IllegalArgumentException("unknown optimizer '" + o.name()
                    + "'; known: sgd, nesterov, adam");
        };
    }

    private static ConvolutionLayer conv(int filters) {
        return new ConvolutionLayer.Builder(3, 3).stride(1, 1).nOut(filters).activation(Activation.RELU).build();
    }

    private static SubsamplingLayer pool() {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }

    /** @param dropRate probability of dropping each input of the head (DL4J's dropOut takes the retain probability) */
    private static OutputLayer softmax(int classes, double dropRate) {
        OutputLayer.Builder b = new OutputLayer.Builder(LossFunction.MCXENT).nOut(classes).activation(Activation.SOFTMAX);
        if (dropRate > 0) {
            b.dropOut(1.0 - dropRate);
        }
        return b.build();
    }
}
