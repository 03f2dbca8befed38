package dev.basin.engine.curve;

import dev.basin.engine.analysis.CurveConfig;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.train.Seeds;
import dev.basin.engine.train.Trainer;
import dev.basin.engine.weights.WeightVectors;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains the bend θ of a curve between two fixed networks so that the loss is low along the whole curve
 * (Garipov et al. 2018; the semantics of dnn-mode-connectivity's {@code train.py} with a curve). Deterministic and
 * resumable at any step boundary, like {@link Trainer}:
 * <ul>
 *   <li>epoch e visits the data in {@link Trainer#epochOrder}'s permutation of (seed, e), in consecutive
 *       minibatches, the last partial one kept;</li>
 *   <li>global step s draws its own t ~ U(0, 1) from (seed, s), and ND4J's RNG (dropout) is reseeded from
 *       (seed, epoch, s);</li>
 *   <li>the loss is CE(φ(t)) + ½·wd·‖φ(t)‖² over the trainable entries, so the gradient at θ is
 *       c_θ(t)·(∇CE(φ(t)) + wd·φ(t)) there; batch-norm running statistics are not trainable (gradient 0, θ keeps
 *       its initial value: the evaluation recomputes them for every point anyway);</li>
 *   <li>SGD with momentum in PyTorch's form, buf ← μ·buf + g, θ ← θ − lr·buf, at {@link CurveSchedule}'s
 *       rate for the epoch.</li>
 * </ul>
 * Checkpoints follow {@link Trainer}'s rules: the end of every {@code checkpointEvery}-th epoch, the last epoch,
 * and every {@code checkpointEverySteps}-th global step when that is positive, one per position.
 *
 * <p>The network only serves to evaluate gradients at φ(t): its parameters are overwritten every step (after a
 * run they hold the last φ(t)), and its own L2/weight-decay configuration is switched off
 * ({@link #stripRegularization}) so that the only decay is the curve's.
 */
public final class CurveTrainer {

    private static final long T_STREAM = 3;

    /** The curve loss at one t on one batch and its gradient with respect to θ (zero where not trainable). */
    public record LossAndGradient(double loss, float[] gradient) {}

    private final CurveConfig config;
    private final Curve curve;
    private final long seed;
    private final CurveListener listener;
    private final int reportEvery;
    private final int checkpointEvery;
    private final int checkpointEverySteps;

    public CurveTrainer(CurveConfig config, long seed, CurveListener listener, int reportEvery, int checkpointEvery,
                        int checkpointEverySteps) {
        if (config.epochs() < 1 || config.batchSize() < 1 || checkpointEvery < 1 || reportEvery < 1) {
            throw new IllegalArgumentException("epochs, batchSize, checkpointEvery and reportEvery must be >= 1: "
                    + config + ", checkpointEvery " + checkpointEvery + ", reportEvery " + reportEvery);
        }
        if (checkpointEverySteps < 0) {
            throw new IllegalArgumentException("checkpointEverySteps must be >= 0 (0 = off), got " + checkpointEverySteps);
        }
        this.config = config;
        this.curve = new Curve(config.type());
        this.seed = seed;
        this.listener = listener;
        this.reportEvery = reportEvery;
        this.checkpointEvery = checkpointEvery;
        this.checkpointEverySteps = checkpointEverySteps;
    }

    /** The t of global step {@code step}: 53 random bits as a double in [0, 1). */
    public static double sampleT(long seed, long step) {
        return (Seeds.derive(seed, T_STREAM, step) >>> 11) * 0x1.0p-53;
    }

    /** Trains from {@code from} to the last epoch. */
    public CurveState run(ComputationGraph net, INDArray w1, INDArray w2, Dataset train, CurveState from) {
        return run(net, w1, w2, train, from, Long.MAX_VALUE);
    }

    /** Trains from {@code from} until the last epoch or {@code untilStep} global steps, whichever comes first. */
    public CurveState run(ComputationGraph net, INDArray w1, INDArray w2, Dataset train, CurveState from,
                          long untilStep) {
        float[] a = Curve.floats(w1, "w1");
        float[] c = Curve.floats(w2, "w2");
        if (a.length != net.numParams() || c.length != net.numParams() || from.theta().length != net.numParams()) {
            throw new IllegalArgumentException("w1, w2 and theta have " + a.length + ", " + c.length + " and "
                    + from.theta().length + " entries for a network of " + net.numParams());
        }
        stripRegularization(net);
        float[] mask = trainableMask(net).toFloatVector();
        FlatSgd sgd = new FlatSgd(seed, config.epochs(), config.batchSize(), config.momentum(),
                (epoch, s, perEpoch) -> CurveSchedule.rate(config.lr(), epoch, config.epochs()), listener,
                reportEvery, checkpointEvery, checkpointEverySteps);
        return sgd.run(train, from, untilStep, (theta, x, y, rows, step) ->
                evaluate(net, a, theta, c, mask, x, y, sampleT(seed, step)));
    }

    /**
     * The curve loss CE(φ(t)) + ½·wd·‖m ⊙ φ(t)‖² on one batch and its gradient c_θ(t)·m ⊙ (∇CE(φ(t)) + wd·φ(t))
     * with respect to θ, m the {@link #trainableMask}. CE is the minibatch mean (DL4J's score); DL4J's flat
     * gradient is the minibatch SUM (its updater divides by the batch size), so it is divided here. Leaves φ(t)
     * in the network and switches off the network's own regularisation. Dropout uses ND4J's RNG as it stands.
     */
    public LossAndGradient lossAndGradient(ComputationGraph net, INDArray w1, INDArray theta, INDArray w2,
                                           INDArray features, INDArray labels, double t) {
        stripRegularization(net);
        return evaluate(net, Curve.floats(w1, "w1"), Curve.floats(theta, "theta"), Curve.floats(w2, "w2"),
                trainableMask(net).toFloatVector(), features, labels, t);
    }

    private LossAndGradient evaluate(ComputationGraph net, float[] w1, float[] theta, float[] w2, float[] mask,
                                     INDArray x, INDArray y, double t) {
        float[] phi = curve.point(w1, theta, w2, t);
        float[] sum = FlatSgd.gradientSum(net, phi, x, y);
        double ce = net.score();
        double bend = curve.bendCoefficient(t);
        double wd = config.weightDecay();
        double perExample = 1.0 / x.size(0);
        double squares = 0;
        float[] g = new float[phi.length];
        for (int i = 0; i < g.length; i++) {
            if (mask[i] != 0) {
                squares += (double) phi[i] * phi[i];
                g[i] = (float) (bend * (sum[i] * perExample + wd * phi[i]));
            }
        }
        return new LossAndGradient(ce + 0.5 * wd * squares, g);
    }

    /**
     * 1 at every parameter trained by gradient, 0 at the running mean and variance (or log10 std) of batch-norm
     * layers, as a rank-1 float vector in {@code params()} layout. Found through the layers' own parameter views,
     * so it does not depend on knowing the flat layout; the network's parameters are restored afterwards.
     */
    public static INDArray trainableMask(ComputationGraph net) {
        INDArray saved = WeightVectors.flat(net);
        try {
            net.params().assign(1);
            for (Layer layer : net.getLayers()) {
                if (layer instanceof BatchNormalization) {
                    for (String key : List.of(BatchNormalizationParamInitializer.GLOBAL_MEAN,
                            BatchNormalizationParamInitializer.GLOBAL_VAR,
                            BatchNormalizationParamInitializer.GLOBAL_LOG_STD)) {
                        if (layer.paramTable().containsKey(key)) {
                            layer.getParam(key).assign(0);
                        }
                    }
                }
            }
            return WeightVectors.flat(net);
        } finally {
            WeightVectors.set(net, saved);
        }
    }

    /**
     * Removes every layer's L2/weight-decay settings, so that neither DL4J's score nor its gradient carries a
     * decay term: the curve applies its own, to φ(t) rather than to θ.
     */
    public static void stripRegularization(ComputationGraph net) {
        for (Layer layer : net.getLayers()) {
            if (layer.conf().getLayer() instanceof BaseLayer conf) {
                conf.setRegularization(new ArrayList<>());
                conf.setRegularizationBias(new ArrayList<>());
            }
        }
    }
}
