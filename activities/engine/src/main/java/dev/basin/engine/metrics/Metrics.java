package dev.basin.engine.metrics;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Accuracy, NLL, Brier and ECE of predicted class probabilities; sums in double precision. */
public final class Metrics {

    /**
     * Probabilities are clamped below at this value before the log, so a float32 softmax that
     * underflowed to exactly 0 costs ln(1e12) ≈ 27.6 nats instead of infinity.
     */
    public static final double NLL_EPSILON = 1e-12;

    public static final int ECE_BINS = 15;

    private Metrics() {}

    /** @param probs {@code [n, k]}, each row a probability vector */
    public static Scores score(INDArray probs, int[] labels) {
        if (probs.rank() != 2 || probs.rows() != labels.length) {
            throw new IllegalArgumentException("probs " + Arrays.toString(probs.shape()) + " vs " + labels.length + " labels");
        }
        return score(probs.castTo(DataType.DOUBLE).dup('c').data().asDouble(), (int) probs.columns(), labels);
    }

    /**
     * The same for probabilities held row-major in double precision ({@code p[i * k + c]}), as the subset
     * ensembles ({@link SubsetEnsembles}) sum them.
     *
     * @param k the number of classes
     */
    public static Scores score(double[] p, int k, int[] labels) {
        int n = labels.length;
        if (n == 0) {
            throw new IllegalArgumentException("no points to score");
        }
        if (p.length != (long) n * k) {
            throw new IllegalArgumentException(p.length + " probabilities vs " + n + " labels x " + k + " classes");
        }
        double[] binCount = new double[ECE_BINS];
        double[] binCorrect = new double[ECE_BINS];
        double[] binConfidence = new double[ECE_BINS];
        double correct = 0, nll = 0, brier = 0;
        for (int i = 0; i < n; i++) {
            int y = labels[i];
            if (y < 0 || y >= k) {
                throw new IllegalArgumentException("label " + y + " at " + i + " outside [0, " + k + ")");
            }
            int best = 0;
            for (int c = 0; c < k; c++) {
                double pc = p[i * k + c];
                if (pc > p[i * k + best]) {
                    best = c;
                }
                double d = pc - (c == y ? 1 : 0);
                brier += d * d;
            }
            double confidence = p[i * k + best];
            double hit = best == y ? 1 : 0;
            correct += hit;
            nll -= Math.log(Math.max(p[i * k + y], NLL_EPSILON));
            int b = bin(confidence);
            binCount[b]++;
            binCorrect[b] += hit;
            binConfidence[b] += confidence;
        }
        double ece = 0;
        for (int b = 0; b < ECE_BINS; b++) {
            if (binCount[b] > 0) {
                ece += binCount[b] / n * Math.abs(binCorrect[b] / binCount[b] - binConfidence[b] / binCount[b]);
            }
        }
        return new Scores(correct / n, nll / n, brier / n, ece);
    }

    /**
     * The ECE bin of a confidence: bin b holds (b/15, (b+1)/15], as in Guo et al. (2017); a
     * confidence of exactly 0 goes to bin 0.
     */
    static int bin(double confidence) {
        int b = (int) Math.ceil(confidence * ECE_BINS) - 1;
        b = Math.max(0, Math.min(ECE_BINS - 1, b));
        // Make the edges exact despite rounding in confidence * 15.
        while (b > 0 && confidence <= (double) b / ECE_BINS) {
            b--;
        }
        while (b < ECE_BINS - 1 && confidence > (double) (b + 1) / ECE_BINS) {
            b++;
        }
        return b;
    }

    /** The ensemble's prediction: the element-wise mean of the members' probabilities (a new array). */
    public static INDArray ensembleMean(List<INDArray> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("empty ensemble");
        }
        INDArray sum = members.get(0).dup('c');
        for (int m = 1; m < members.size(); m++) {
            INDArray p = members.get(m);
            if (!Arrays.equals(p.shape(), sum.shape())) {
                throw new IllegalArgumentException("member " + m + " has shape " + Arrays.toString(p.shape())
                        + ", member 0 " + Arrays.toString(sum.shape()));
            }
            sum.addi(p);
        }
        return sum.divi(members.size());
    }
}
