package dev.basin.engine.model;

import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.optim.TorchNesterov;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The model registry. Every model is a DL4J {@link ComputationGraph} (residual connections need a
 * graph; the plain CNNs are graphs too so that training, checkpoints and weight-space code handle
 * one network type). Every model has one input, {@value #INPUT}, taking flat rows
 * {@code [batch, c*h*w]} (DL4J's {@code convolutionalFlat}, so no reshape copies), and one output,
 * {@value #OUTPUT}, a softmax trained with cross-entropy (MCXENT).
 *
 * <p>Families, one file each: {@code small-cnn} and {@code medium-cnn} here, {@link ResNet20},
 * {@link FortCnn} (Fort et al.'s notebook), {@link Vgg16} and {@link PreResNet} (Garipov et al.'s
 * dnn-mode-connectivity). README's "Models" table gives each one's source and parameter counts.
 *
 * <p>Shared choices:
 * <ul>
 *   <li>Weight init ({@link ModelConfig#init()}, see {@link Init}): by default He normal
 *       ({@link WeightInit#RELU}, N(0, 2/fan_in)) for every weight, the standard choice for ReLU networks;
 *       {@code glorot} (Keras' default), {@code fort} (Fort et al.'s notebook) and {@code pytorch} (PyTorch's default) are
 *       the options. Biases start at 0 (but under pytorch and fort); batch-norm γ at 1, β at 0.</li>
 *   <li>Convolutions use 'same' padding (TensorFlow's: an odd total pad puts the extra row and
 *       column at the bottom/right); 2×2 max-pools use stride 2 and 'same' mode, so odd sizes
 *       round up (28 → 14 → 7 → 4 → 2).</li>
 *   <li>Weight decay is coupled L2 on conv and dense weights AND biases (PyTorch's
 *       {@code weight_decay}, which decays every parameter). DL4J adds it in the updater:
 *       {@code score()} includes ½·wd·‖θ‖², {@code gradient()} does not. Batch-norm γ and β are
 *       NOT decayed: DL4J's batch-norm layer refuses regularisation (unlike PyTorch's default).</li>
 *   <li>Width: {@link ModelConfig#width()} scales every conv and hidden dense layer to
 *       max(1, round(c·width)) channels or units; the output layer keeps one unit per class.</li>
 * </ul>
 */
public final class Models {

    /** The name of every model's input vertex. */
    public static final String INPUT = "input";
    /** The name of every model's softmax output layer. */
    public static final String OUTPUT = "output";

    /** Dropout rate (probability of DROPPING a unit) in front of medium-cnn's dense head. */
    public static final double MEDIUM_CNN_DROPOUT = 0.1;

    /** The model whose depth is a parameter ({@code model.depth}). */
    public static final String PRERESNET = "preresnet";

    /** Registry names and whether the model has batch-norm layers (whose running statistics are parameters). */
    private static final Map<String, Boolean> BATCH_NORM = Map.of("small-cnn", false, "medium-cnn", false,
            "resnet20", true, "fort-small-cnn", false, "fort-medium-cnn", false, "vgg16", false, "vgg16-bn", true,
            PRERESNET, true);

    private Models() {}

    public static List<String> names() {
        return List.of("small-cnn", "medium-cnn", "resnet20", "fort-small-cnn", "fort-medium-cnn", "vgg16",
                "vgg16-bn", PRERESNET);
    }

    /** The initialisations {@code model.init} allows ({@link Init}). */
    public static List<String> inits() {
        return Init.names();
    }

    /** Null when {@code depth} is a depth preresnet is built at (6n+2 below 44, 9n+2 from 44 on), else why not. */
    public static String checkDepth(int depth) {
        return PreResNet.check(depth);
    }

    /** The depth preresnet is built at when {@code model.depth} is not given: the reference code's 110. */
    public static int defaultDepth() {
        return PreResNet.DEFAULT_DEPTH;
    }

    /** Builds and initialises the network; same arguments (and thread count) give identical weights. */
    public static ComputationGraph build(ModelConfig model, OptimizerConfig optimizer, long seed,
                                         int channels, int height, int width, int classes) {
        ComputationGraph net = new ComputationGraph(configuration(model, optimizer, seed, channels, height, width,
                classes));
        net.init();
        Init.biases(net, model.init(), seed);
        return net;
    }

    /** The configuration {@link #build} initialises: layer shapes without allocating parameters. */
    public static ComputationGraphConfiguration configuration(ModelConfig model, OptimizerConfig optimizer, long seed,
                                                              int channels, int height, int width, int classes) {
        double w = checkWidth(model);
        GraphBuilder g = common(optimizer, seed, Init.weights(model.init())).graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutionalFlat(height, width, channels));
        switch (model.name() == null ? "" : model.name()) {
            case "small-cnn" -> smallCnn(g, w, classes);
            case "medium-cnn" -> mediumCnn(g, w, classes);
            case "resnet20" -> ResNet20.add(g, INPUT, w, classes, OUTPUT);
            case "fort-small-cnn" -> FortCnn.add(g, INPUT, FortCnn.SMALL, w, classes, OUTPUT);
            case "fort-medium-cnn" -> FortCnn.add(g, INPUT, FortCnn.MEDIUM, w, classes, OUTPUT);
            case "vgg16" -> Vgg16.add(g, INPUT, false, w, classes, OUTPUT);
            case "vgg16-bn" -> Vgg16.add(g, INPUT, true, w, classes, OUTPUT);
            case PRERESNET -> PreResNet.add(g, INPUT, model.depth() == null ? PreResNet.DEFAULT_DEPTH : model.depth(),
                    w, classes, OUTPUT);
            default -> throw unknown(model.name());
        }
        return g.setOutputs(OUTPUT).build();
    }

    /**
     * Whether the model has batch-norm layers. Their running mean and variance are part of the
     * flat parameter vector (see {@link dev.basin.engine.weights.WeightVectors}) but are not
     * trained by gradient; a model assembled from other weights (an average, a point on a curve)
     * needs them recomputed on training data before it is evaluated.
     */
    public static boolean hasBatchNorm(ModelConfig model) {
        Boolean bn = BATCH_NORM.get(model.name());
        if (bn == null) {
            throw unknown(model.name());
        }
        return bn;
    }

    /**
     * Whether the model has layers that apply dropout, read from its configuration (no parameters allocated, a
     * nominal 3×32×32 input and 10 classes: whether a layer carries dropout does not depend on the data's shape).
     * MC dropout ({@code subspace.mc-dropout}) needs one; every registered model answers from what it builds.
     */
    public static boolean hasDropout(ModelConfig model) {
        return dev.basin.engine.landscape.McDropout.hasDropout(configuration(model,
                new OptimizerConfig("sgd", 0.1, 0, 0), 0, 3, 32, 32, 10));
    }

    /** Whether {@code net} has batch-norm layers (for a network restored from a checkpoint). */
    public static boolean hasBatchNorm(ComputationGraph net) {
        return Arrays.stream(net.getLayers()).anyMatch(l -> l.conf().getLayer() instanceof BatchNormalization);
    }

    /** {@code channels} scaled by the width multiplier: max(1, round(channels·width)), halves rounding up. */
    public static int scaled(int channels, double width) {
        return (int) Math.max(1, Math.round(channels * width));
    }

    /**
     * sgd → plain SGD; nesterov → Nesterov momentum as PyTorch computes it ({@link TorchNesterov}: the current
     * rate applies to the whole step; M2.1 has no heavy-ball momentum); adam → Adam.
     */
    public static IUpdater updater(OptimizerConfig o) {
        return switch (o.name()) {
            case "sgd" -> new Sgd(o.lr());
            case "nesterov" -> new TorchNesterov(o.lr(), o.momentum());
            case "adam" -> new Adam(o.lr());
            default -> throw new IllegalArgumentException("unknown optimizer '" + o.name()
                    + "'; known: sgd, nesterov, adam");
        };
    }

    private static double checkWidth(ModelConfig model) {
        double w = model.width();
        if (!(w > 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException("model width must be a finite number > 0, got " + w);
        }
        return w;
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown model '" + name + "'; known: " + String.join(", ", names()));
    }

    /**
     * SmallCNN: conv 3×3 16 → ReLU → max-pool → conv 3×3 32 → ReLU → max-pool → dense 128 ReLU →
     * softmax. 206,922 parameters on 28×28×1 at width 1.
     */
    private static void smallCnn(GraphBuilder g, double w, int classes) {
        Chain c = new Chain(g, INPUT);
        c.add("conv1", conv(scaled(16, w))).add("pool1", pool())
         .add("conv2", conv(scaled(32, w))).add("pool2", pool())
         .add("dense", new DenseLayer.Builder().nOut(scaled(128, w)).activation(Activation.RELU).build())
         .add(OUTPUT, softmax(classes, 0));
    }

    /**
     * Basin's older approximation of Fort et al.'s MediumCNN: four conv 3×3 + ReLU + max-pool blocks with 64,
     * 128, 256, 256 filters, no batch norm, one dropout in front of the dense softmax head. Kept so that
     * existing studies keep their numbers; {@code fort-medium-cnn} ({@link FortCnn}) is the notebook's net.
     */
    private static void mediumCnn(GraphBuilder g, double w, int classes) {
        Chain c = new Chain(g, INPUT);
        int[] filters = {64, 128, 256, 256};
        for (int i = 0; i < filters.length; i++) {
            c.add("conv" + (i + 1), conv(scaled(filters[i], w))).add("pool" + (i + 1), pool());
        }
        c.add(OUTPUT, softmax(classes, MEDIUM_CNN_DROPOUT));
    }

    private static NeuralNetConfiguration.Builder common(OptimizerConfig o, long seed, WeightInit init) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater(o))
                .l2(o.weightDecay())
                .l2Bias(o.weightDecay())
                .weightInit(init)
                .convolutionMode(ConvolutionMode.Same);
    }

    private static ConvolutionLayer conv(int filters) {
        return new ConvolutionLayer.Builder(3, 3).stride(1, 1).nOut(filters).activation(Activation.RELU).build();
    }

    private static SubsamplingLayer pool() {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }

    /** @param dropRate probability of dropping each input of the head (DL4J's dropOut takes the retain probability) */
    static OutputLayer softmax(int classes, double dropRate) {
        OutputLayer.Builder b = new OutputLayer.Builder(LossFunction.MCXENT).nOut(classes).activation(Activation.SOFTMAX);
        if (dropRate > 0) {
            b.dropOut(1.0 - dropRate);
        }
        return b.build();
    }

    /** Appends layers one after another, each fed by the previous. */
    private static final class Chain {
        private final GraphBuilder g;
        private String last;

        Chain(GraphBuilder g, String from) {
            this.g = g;
            this.last = from;
        }

        Chain add(String name, Layer layer) {
            g.addLayer(name, layer, last);
            last = name;
            return this;
        }
    }
}
