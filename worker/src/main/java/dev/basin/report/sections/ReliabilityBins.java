package dev.basin.report.sections;

/**
 * A reliability diagram's bins: the test points split by their confidence (the largest predicted probability)
 * into 15 equal bins, bin b holding (b/15, (b+1)/15] and a confidence of 0 going to bin 0, as Basin's ECE defines
 * them (DESIGN.md; Guo et al. 2017). The ECE is the count-weighted mean gap between accuracy and confidence.
 *
 * @param count      points per bin
 * @param confidence mean confidence per bin (NaN when empty)
 * @param accuracy   fraction predicted correctly per bin (NaN when empty)
 */
public record ReliabilityBins(int[] count, double[] confidence, double[] accuracy) {
    public static final int BINS = 15;

    /** The bins of {@code probabilities} (points × classes) against {@code labels}. */
    public static ReliabilityBins of(double[][] probabilities, int[] labels) {
        if (probabilities.length != labels.length) {
            throw new IllegalArgumentException(probabilities.length + " predictions for " + labels.length + " labels");
        }
        int[] count = new int[BINS];
        double[] confidenceSum = new double[BINS];
        double[] correct = new double[BINS];
        for (int i = 0; i < labels.length; i++) {
            double[] p = probabilities[i];
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            int b = bin(p[best]);
            count[b]++;
            confidenceSum[b] += p[best];
            correct[b] += best == labels[i] ? 1 : 0;
        }
        double[] confidence = new double[BINS];
        double[] accuracy = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            confidence[b] = count[b] == 0 ? Double.NaN : confidenceSum[b] / count[b];
            accuracy[b] = count[b] == 0 ? Double.NaN : correct[b] / count[b];
        }
        return new ReliabilityBins(count, confidence, accuracy);
    }

    /** The mean of several models' probabilities (a deep ensemble's prediction), in double precision. */
    public static double[][] mean(java.util.List<float[][]> models) {
        int n = models.get(0).length;
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new double[models.get(0)[i].length];
            for (float[][] m : models) {
                for (int c = 0; c < out[i].length; c++) {
                    out[i][c] += m[i][c];
                }
            }
            for (int c = 0; c < out[i].length; c++) {
                out[i][c] /= models.size();
            }
        }
        return out;
    }

    /** Float probabilities widened to double, as the metrics widen them before scoring. */
    public static double[][] widen(float[][] p) {
        double[][] out = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            out[i] = new double[p[i].length];
            for (int c = 0; c < p[i].length; c++) {
                out[i][c] = p[i][c];
            }
        }
        return out;
    }

    /** The bin of a confidence, edges exact despite rounding in {@code confidence * 15}. */
    static int bin(double confidence) {
        int b = (int) Math.ceil(confidence * BINS) - 1;
        b = Math.max(0, Math.min(BINS - 1, b));
        while (b > 0 && confidence <= (double) b / BINS) {
            b--;
        }
        while (b < BINS - 1 && confidence > (double) (b + 1) / BINS) {
            b++;
        }
        return b;
    }

    public int total() {
        int n = 0;
        for (int c : count) {
            n += c;
        }
        return n;
    }

    /** Expected calibration error: sum over bins of count/n × |accuracy − confidence|. */
    public double ece() {
        int n = total();
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            if (count[b] > 0) {
                ece += (double) count[b] / n * Math.abs(accuracy[b] - confidence[b]);
            }
        }
        return ece;
    }
}
