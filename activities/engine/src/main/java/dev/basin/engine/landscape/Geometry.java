package dev.basin.engine.landscape;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Similarity of two networks, in weight space (cosine, L2 distance) and in function space
 * (disagreement, diversity), with the definitions of DESIGN.md. Weight vectors are rank-1 and
 * reduced in double precision.
 */
public final class Geometry {

    private Geometry() {}

    /**
     * {@code θ1·θ2 / (‖θ1‖‖θ2‖)} over the flattened parameters. NaN when either vector is all zero
     * (the angle is undefined), never a silent 0 or 1.
     */
    public static double cosine(INDArray theta1, INDArray theta2) {
        double[] a = Flat.doubles(theta1, "theta1");
        double[] b = Flat.doubles(theta2, "theta2");
        Flat.requireSameLength(a.length, b.length, "theta2");
        double na = Flat.norm(a);
        double nb = Flat.norm(b);
        if (na == 0 || nb == 0) {
            return Double.NaN;
        }
        return Flat.dot(a, b) / (na * nb);
    }

    /** Euclidean distance ‖θ1 − θ2‖. */
    public static double l2Distance(INDArray theta1, INDArray theta2) {
        double[] a = Flat.doubles(theta1, "theta1");
        double[] b = Flat.doubles(theta2, "theta2");
        Flat.requireSameLength(a.length, b.length, "theta2");
        return Flat.norm(Flat.minus(a, b));
    }

    /**
     * The predicted class of every row of a {@code [n, classes]} probability (or logit) matrix. A tie
     * goes to the lowest class index, as numpy's {@code argmax} does, so equal rows give equal labels.
     */
    public static int[] predictedLabels(INDArray probabilities) {
        if (probabilities.rank() != 2) {
            throw new IllegalArgumentException("expected [n, classes] probabilities, got shape "
                    + java.util.Arrays.toString(probabilities.shape()));
        }
        double[][] p = probabilities.toDoubleMatrix();
        int[] labels = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int k = 1; k < p[i].length; k++) {
                if (p[i][k] > p[i][best]) {
                    best = k;
                }
            }
            labels[i] = best;
        }
        return labels;
    }

    /** Fraction of points whose predicted labels differ, from two {@code [n, classes]} matrices. */
    public static double disagreement(INDArray probabilities1, INDArray probabilities2) {
        return disagreement(predictedLabels(probabilities1), predictedLabels(probabilities2));
    }

    /** Fraction of points whose labels differ; the arrays must be the same, non-zero, length. */
    public static double disagreement(int[] labels1, int[] labels2) {
        if (labels1.length != labels2.length) {
            throw new IllegalArgumentException(labels1.length + " labels against " + labels2.length);
        }
        if (labels1.length == 0) {
            throw new IllegalArgumentException("disagreement of zero points is undefined");
        }
        int differ = 0;
        for (int i = 0; i < labels1.length; i++) {
            if (labels1[i] != labels2[i]) {
                differ++;
            }
        }
        return (double) differ / labels1.length;
    }

    /**
     * Diversity {@code disagreement / (1 − baselineAccuracy)}: disagreement with the baseline as a
     * multiple of the baseline's error rate, so that values from datasets or models of different
     * difficulty can share Fort et al.'s diversity-versus-accuracy plot.
     *
     * <p>A baseline with accuracy exactly 1 leaves nothing to normalise by, so the result is NaN
     * (undefined) rather than an exception: one perfect baseline should not stop a sweep, and NaN
     * is stored and plotted as missing. Accuracies outside [0, 1] and disagreements outside [0, 1]
     * are refused.
     */
    public static double diversity(double disagreement, double baselineAccuracy) {
        if (!(disagreement >= 0 && disagreement <= 1)) {
            throw new IllegalArgumentException("disagreement must be in [0, 1], got " + disagreement);
        }
        if (!(baselineAccuracy >= 0 && baselineAccuracy <= 1)) {
            throw new IllegalArgumentException("baseline accuracy must be in [0, 1], got " + baselineAccuracy);
        }
        if (baselineAccuracy == 1) {
            return Double.NaN;
        }
        return disagreement / (1 - baselineAccuracy);
    }
}
