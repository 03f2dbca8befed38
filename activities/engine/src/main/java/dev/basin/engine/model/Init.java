package dev.basin.engine.model;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@code model.init} options: how conv and dense weights (and biases) start. Batch-norm γ starts at 1
 * and β at 0 under every option (as in PyTorch and Keras).
 *
 * <ul>
 *   <li>{@code he}: He normal, N(0, 2/fan_in) ({@link WeightInit#RELU}); biases 0. Basin's default.</li>
 *   <li>{@code glorot}: Glorot/Xavier uniform, U(±√(6/(fan_in+fan_out))) ({@link WeightInit#XAVIER_UNIFORM}),
 *       Keras' default and the initialiser of Fort et al.'s notebook (tf.contrib {@code xavier_initializer});
 *       biases 0 as in Keras (the notebook also Xavier-initialises its biases; see README).
 *       For a conv, fan_in = c_in·k·k and fan_out = c_out·k·k, divided by the stride's area in DL4J (equal to
 *       TensorFlow's for the stride-1 convs of Fort's nets).</li>
 *   <li>{@code fort}: what Fort et al.'s notebook does: tf.contrib's {@code xavier_initializer} on every
 *       variable, the biases included: weights as {@code glorot}, and a bias of shape [1, n] (n units) draws from
 *       U(±√(6/(1+n))) (fan_in 1, fan_out n), drawn here after DL4J's init from a generator seeded by the
 *       member's seed.</li>
 *   <li>{@code pytorch}: PyTorch's default for {@code nn.Conv2d}/{@code nn.Linear}: weights
 *       kaiming_uniform(a=√5), which is U(±1/√fan_in) ({@link WeightInit#UNIFORM}), and biases
 *       U(±1/√fan_in), drawn here after DL4J's init (DL4J has only constant bias init) from a generator
 *       seeded by the member's seed.</li>
 * </ul>
 */
public final class Init {

    public static final String HE = "he";
    public static final String GLOROT = "glorot";
    public static final String PYTORCH = "pytorch";
    public static final String FORT = "fort";

    private static final Map<String, WeightInit> WEIGHTS = Map.of(HE, WeightInit.RELU, GLOROT,
            WeightInit.XAVIER_UNIFORM, PYTORCH, WeightInit.UNIFORM, FORT, WeightInit.XAVIER_UNIFORM);

    /** Mixed into the seed of the bias generator, so that it is not the stream DL4J drew the weights from. */
    private static final long BIAS_SALT = 0x5DEECE66DL;

    private Init() {}

    public static List<String> names() {
        return List.of(HE, GLOROT, PYTORCH, FORT);
    }

    /** DL4J's initialiser for the weights. */
    static WeightInit weights(String init) {
        WeightInit w = WEIGHTS.get(init);
        if (w == null) {
            throw new IllegalArgumentException("unknown model init '" + init + "'; known: "
                    + String.join(", ", names()));
        }
        return w;
    }

    /** Redraws the biases of an initialised network where {@code init} asks for random ones (pytorch, fort). */
    static void biases(ComputationGraph net, String init, long seed) {
        if (!PYTORCH.equals(init) && !FORT.equals(init)) {
            return;
        }
        SplittableRandom rng = new SplittableRandom(seed ^ BIAS_SALT);
        for (Layer layer : net.getLayers()) {
            if (!(layer.conf().getLayer() instanceof FeedForwardLayer ff)) {
                continue;
            }
            INDArray b = layer.paramTable().get("b");
            if (b == null || ff.getNIn() <= 0) {
                continue;
            }
            double bound = PYTORCH.equals(init) ? 1.0 / Math.sqrt(fanIn(ff)) : Math.sqrt(6.0 / (1 + b.length()));
            float[] values = new float[(int) b.length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
            b.assign(org.nd4j.linalg.factory.Nd4j.createFromArray(values).reshape(b.shape()));
        }
    }

    /** PyTorch's fan_in: in_features for a dense layer, in_channels·kH·kW for a conv. */
    static long fanIn(FeedForwardLayer layer) {
        long fan = layer.getNIn();
        if (layer instanceof ConvolutionLayer conv) {
            fan *= (long) conv.getKernelSize()[0] * conv.getKernelSize()[1];
        }
        return fan;
    }
}
