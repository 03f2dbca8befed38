package dev.basin.engine.train;

import java.util.List;
import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Knowledge distillation (Hinton et al. 2015) as a DL4J loss: per example
 * {@code (1 − α)·CE(y, p_S) + α·τ²·KL(p_T^τ ‖ p_S^τ)}, with {@code p_S = softmax(z)},
 * {@code p_S^τ = softmax(z/τ)} and {@code p_T^τ = softmax(log p_T / τ)}. The τ² keeps the soft
 * term's gradient on the scale of the hard one as τ grows (its gradient is {@code α·τ·(p_S^τ − p_T^τ)}).
 *
 * <p><b>The output layer must use {@link Activation#IDENTITY}</b>: the loss applies the softmax
 * itself, because it needs the logits z twice (at temperature 1 and τ), which a softmax output
 * layer would have already collapsed. The network's output is therefore logits; turn it into
 * probabilities with {@link #probabilities}. (Any other activation is treated as producing the
 * logits and is backpropagated through, but there is no reason to use one.)
 *
 * <p>Labels have 2C columns for C classes: {@code [one-hot y | teacher probabilities at τ = 1]},
 * built by {@link #labels}. The teacher's probabilities are tempered here, from their logarithms,
 * so that one label matrix serves any τ; a zero teacher probability stays zero at every τ.
 *
 * <p>As with DL4J's own losses, scores and gradients are per example and summed over the
 * minibatch (the layer divides the score by the minibatch size); a mask, if given, has one
 * entry per example. Arithmetic is in double: minibatches are small and this keeps the gradient
 * check tight.
 */
public final class DistillationLoss implements ILossFunction {

    private static final long serialVersionUID = 1L;

    @JsonProperty("alpha")
    private final double alpha;
    @JsonProperty("temperature")
    private final double temperature;

    /**
     * @param alpha       the weight of the distillation term, in [0, 1]; 0 is plain cross-entropy
     * @param temperature τ &gt; 0
     */
    @JsonCreator
    public DistillationLoss(@JsonProperty("alpha") double alpha, @JsonProperty("temperature") double temperature) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must lie in [0, 1], got " + alpha);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and > 0, got " + temperature);
        }
        this.alpha = alpha;
        this.temperature = temperature;
    }

    public double alpha() {
        return alpha;
    }

    public double temperature() {
        return temperature;
    }

    /** The label matrix {@code [oneHot | teacherProbabilities]}, both [N, C]. */
    public static INDArray labels(INDArray oneHot, INDArray teacherProbabilities) {
        if (oneHot.rank() != 2 || !oneHot.equalShapes(teacherProbabilities)) {
            throw new IllegalArgumentException("one-hot labels and teacher probabilities must both be [N, C]: "
                    + java.util.Arrays.toString(oneHot.shape()) + " vs "
                    + java.util.Arrays.toString(teacherProbabilities.shape()));
        }
        return Nd4j.hstack(oneHot, teacherProbabilities.castTo(oneHot.dataType()));
    }

    /** A teacher for an ensemble: the mean of its members' probabilities (each [N, C]). */
    public static INDArray ensembleTeacher(List<INDArray> memberProbabilities) {
        if (memberProbabilities.isEmpty()) {
            throw new IllegalArgumentException("need at least one member");
        }
        INDArray sum = memberProbabilities.get(0).castTo(DataType.DOUBLE).dup();
        for (int i = 1; i < memberProbabilities.size(); i++) {
            sum.addi(memberProbabilities.get(i).castTo(DataType.DOUBLE));
        }
        return sum.divi(memberProbabilities.size()).castTo(memberProbabilities.get(0).dataType());
    }

    /** Row-wise softmax of the logits a network trained with this loss outputs. */
    public static INDArray probabilities(INDArray logits) {
        return Activation.SOFTMAX.getActivationFunction().getActivation(logits.dup(), false);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double[] scores = evaluate(labels, preOutput, activationFn, mask, null);
        double sum = 0;
        for (double s : scores) {
            sum += s;
        }
        return average ? sum / scores.length : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        double[] scores = evaluate(labels, preOutput, activationFn, mask, null);
        return Nd4j.create(scores, new long[] {scores.length, 1}, DataType.DOUBLE).castTo(preOutput.dataType());
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        int n = (int) preOutput.rows();
        double[][] grad = new double[n][];
        evaluate(labels, preOutput, activationFn, mask, grad);
        INDArray dLdLogits = Nd4j.create(grad).castTo(preOutput.dataType());
        // Masked rows already hold 0 and the activation's backprop is row-local, so they stay 0.
        return activationFn.backprop(preOutput.dup(), dLdLogits).getFirst();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return toString();
    }

    /**
     * The per-example (masked) scores; when {@code grad} is non-null, also fills it with dL/d(logits)
     * per example.
     */
    private double[] evaluate(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                              double[][] grad) {
        if (preOutput.rank() != 2 || labels.rank() != 2) {
            throw new IllegalArgumentException("distillation needs 2-d outputs and labels, got output "
                    + java.util.Arrays.toString(preOutput.shape()) + ", labels " + java.util.Arrays.toString(labels.shape()));
        }
        int n = (int) preOutput.rows();
        int c = (int) preOutput.columns();
        if (labels.rows() != n || labels.columns() != 2L * c) {
            throw new IllegalArgumentException("labels must be [N, 2C] = [" + n + ", " + 2 * c
                    + "] ([one-hot | teacher probabilities]), got " + java.util.Arrays.toString(labels.shape()));
        }
        double[] weights = maskWeights(mask, n);
        double[][] z = activationFn.getActivation(preOutput.dup(), true).castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] y = labels.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            double[] g = grad == null ? null : new double[c];
            scores[i] = weights[i] == 0 ? 0 : weights[i] * example(z[i], y[i], c, g);
            if (g != null) {
                for (int k = 0; k < c; k++) {
                    g[k] *= weights[i];
                }
                grad[i] = g;
            }
        }
        return scores;
    }

    /** One example's loss; adds its gradient with respect to the logits into {@code g} when non-null. */
    private double example(double[] z, double[] labelRow, int c, double[] g) {
        double[] logP = logSoftmax(z, 1);
        double ce = 0;
        double ySum = 0;
        for (int k = 0; k < c; k++) {
            if (labelRow[k] != 0) {
                ce -= labelRow[k] * logP[k];
            }
            ySum += labelRow[k];
        }
        double loss = (1 - alpha) * ce;
        if (g != null) {
            for (int k = 0; k < c; k++) {
                g[k] = (1 - alpha) * (Math.exp(logP[k]) * ySum - labelRow[k]);
            }
        }
        if (alpha == 0) {
            // the teacher columns are unused, so they may be anything (e.g. zeros when no teacher exists)
            return loss;
        }
        double[] logQ = temperedTeacher(labelRow, c);
        double[] logS = logSoftmax(z, temperature);
        double kl = 0;
        for (int k = 0; k < c; k++) {
            // 0·log 0 = 0: a class the teacher rules out contributes nothing
            if (logQ[k] != Double.NEGATIVE_INFINITY) {
                kl += Math.exp(logQ[k]) * (logQ[k] - logS[k]);
            }
        }
        loss += alpha * temperature * temperature * kl;
        if (g != null) {
            for (int k = 0; k < c; k++) {
                g[k] += alpha * temperature * (Math.exp(logS[k]) - Math.exp(logQ[k]));
            }
        }
        return loss;
    }

    /** log softmax(log p_T / τ) from the teacher columns of a label row. */
    private double[] temperedTeacher(double[] labelRow, int c) {
        double[] l = new double[c];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c; k++) {
            double p = labelRow[c + k];
            if (!(p >= 0) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("teacher probabilities must be finite and >= 0, got " + p);
            }
            l[k] = Math.log(p) / temperature;
            max = Math.max(max, l[k]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("teacher probabilities of an example are all 0");
        }
        return normaliseLog(l, max);
    }

    private static double[] logSoftmax(double[] z, double temperature) {
        double[] l = new double[z.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < z.length; k++) {
            l[k] = z[k] / temperature;
            max = Math.max(max, l[k]);
        }
        return normaliseLog(l, max);
    }

    /** {@code l − logsumexp(l)} in place, shifted by the max so that exp cannot overflow. */
    private static double[] normaliseLog(double[] l, double max) {
        double s = 0;
        for (double v : l) {
            s += Math.exp(v - max);
        }
        double lse = max + Math.log(s);
        for (int k = 0; k < l.length; k++) {
            l[k] -= lse;
        }
        return l;
    }

    private static double[] maskWeights(INDArray mask, int n) {
        double[] w = new double[n];
        if (mask == null) {
            java.util.Arrays.fill(w, 1);
            return w;
        }
        if (mask.length() != n) {
            throw new IllegalArgumentException("distillation supports only per-example masks (" + n
                    + " entries), got shape " + java.util.Arrays.toString(mask.shape()));
        }
        double[] m = mask.castTo(DataType.DOUBLE).reshape(n).toDoubleVector();
        System.arraycopy(m, 0, w, 0, n);
        return w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DistillationLoss d
                && Double.compare(alpha, d.alpha) == 0 && Double.compare(temperature, d.temperature) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(alpha, temperature);
    }

    @Override
    public String toString() {
        return "DistillationLoss(alpha=" + alpha + ", temperature=" + temperature + ")";
    }
}
