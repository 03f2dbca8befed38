package dev.basin.engine.tsne;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * 2D t-SNE of models' flattened test-set predictions (Fort et al. Fig. 2c): the exact O(n²) algorithm of
 * L. van der Maaten and G. Hinton, "Visualizing Data using t-SNE", JMLR 9:2579–2605 (2008), written out here
 * because no maintained Apache-2.0 t-SNE is on Maven Central (Smile 1.5.3, used before, has a wrong entropy
 * unit, leaves unconverged rows unnormalised and diverged to |x| ≈ 1.9·10⁶ on a 108-model study).
 *
 * <ol>
 * <li><b>Affinities.</b> Squared Euclidean distances d, computed exactly from the full vectors (up to ~100
 * models × 100,000 values; for a few hundred points this costs less than the PCA to 50 dimensions that van der
 * Maaten uses for many thousands). For each point i, a search on log β makes the Shannon entropy, in nats, of
 * p(j|i) ∝ exp(−β·d_ij) equal ln(perplexity) within {@value #ENTROPY_TOLERANCE}; a row that does not converge
 * in {@value #SEARCH_STEPS} steps is an error, never used as it is. P = (P_cond + P_condᵀ)/(2n), floored at
 * {@value #P_FLOOR} off the diagonal.</li>
 * <li><b>Start.</b> Y ~ N(0, 10⁻⁴ I) (standard deviation 0.01) by Box–Muller on
 * {@link SplittableRandom}{@code (seed).nextDouble()} with {@link StrictMath}, so the start and, since the
 * descent uses only + − × ÷ in a fixed order, the result are the same on every JVM.</li>
 * <li><b>Descent.</b> Gradient 4 Σ_j (α·p_ij − q_ij)(1 + ‖y_i − y_j‖²)⁻¹ (y_i − y_j) with q the Student-t
 * kernel normalised over all pairs; early exaggeration α = {@value #EXAGGERATION} and momentum 0.5 for the
 * first {@value #EXAGGERATION_ITERATIONS} iterations, then α = 1 and momentum 0.8; per-coordinate gains of
 * Jacobs' delta-bar-delta rule as in van der Maaten's bhtsne (+0.2 when the gradient's sign differs from the
 * last update's, ×0.8 otherwise, at least {@value #MIN_GAIN}); Y recentred after every step.</li>
 * </ol>
 *
 * <p><b>Learning rate</b> η = n/α ({@link #learningRate}), which grows with n as Belkina et al. (Nat. Commun.
 * 10:5415, 2019) advise so that the exaggerated phase neither stalls nor oscillates (Linderman &amp;
 * Steinerberger, SIAM J. Math. Data Sci. 1:313, 2019). Measured on clustered data and a softmax-like study
 * (n = 6 to 1000, 3 seeds, 1000 iterations) it gave the lowest final KL, or within 2% of it, everywhere; the
 * classic 200 left 108 softmax-like points at KL 0.78 instead of 0.20 with |y| up to 4,900, and
 * scikit-learn's max(n/α/4, 50) stalled for n ≤ 60 (KL 0.27 instead of 0.0003 on 3 clusters of 10).
 *
 * <p><b>Determinism.</b> Only the distances and the per-point searches run in parallel, each entry or row on
 * one thread; the descent is sequential. So the coordinates depend on the points, perplexity, seed and
 * iterations only, not on the number of threads, and concurrent calls share nothing.
 */
public final class Tsne {

    /** Early exaggeration (×{@value #EXAGGERATION}) and momentum 0.5 last this many iterations. */
    public static final int EXAGGERATION_ITERATIONS = 250;
    /**
     * Names this implementation in the t-SNE stage's input key: a study embedded by another (Smile's,
     * before) is embedded again rather than reused. Change it whenever the embedding of the same input
     * changes.
     */
    public static final String ALGORITHM = "exact-tsne/1";
    static final double EXAGGERATION = 12;
    static final double ENTROPY_TOLERANCE = 1e-5;
    static final int SEARCH_STEPS = 200;
    static final double P_FLOOR = 1e-12;
    static final double MIN_GAIN = 0.01;
    static final double INITIAL_STD = 1e-2;

    private Tsne() {
    }

    /**
     * The largest perplexity {@link #embed} accepts for {@code n} points: (n − 1)/3, the bound of van der
     * Maaten's bhtsne (each point needs about 3·perplexity neighbours for its bandwidth search). A stage that
     * wants a fixed perplexity on small studies clamps to this and records the value it used.
     */
    public static double maxPerplexity(int n) {
        return (n - 1) / 3.0;
    }

    /**
     * Embeds {@code points} (n rows of equal length) in 2D.
     *
     * @param perplexity at least 1 and at most {@link #maxPerplexity}(n); refused otherwise, never clamped, so
     *                   the value stored with the coordinates is the value used
     * @param seed       fixes the initial layout; equal seeds give equal coordinates
     * @param iterations more than {@link #EXAGGERATION_ITERATIONS}; 1000 is usual
     * @return n rows of (x, y), centred on the origin; all zeros when every point is the same
     */
    public static double[][] embed(double[][] points, double perplexity, long seed, int iterations) {
        return embed(points, perplexity, seed, iterations, () -> {});
    }

    /**
     * As {@link #embed(double[][], double, long, int)}, calling {@code progress} on the calling thread between
     * blocks of {@value #PROGRESS_ROWS} rows of the distances and affinities and after every iteration, so that a
     * long embedding reports that it is alive. The coordinates are the same bits as without it.
     */
    public static double[][] embed(double[][] points, double perplexity, long seed, int iterations, Runnable progress) {
        int n = validate(points, perplexity, iterations);
        double[][] d2 = squaredDistances(points, progress);
        if (IntStream.range(0, n).allMatch(i -> IntStream.range(0, n).allMatch(j -> d2[i][j] == 0))) {
            return new double[n][2];
        }
        double[][] y = initialLayout(n, seed);
        descend(jointProbabilities(d2, perplexity, progress), y, iterations, learningRate(n), progress);
        return y;
    }

    /** Rows per parallel block between two progress calls: each row's work is the same whatever the blocks. */
    static final int PROGRESS_ROWS = 64;

    /** Runs {@code row} for rows 0..n-1, in parallel within blocks, calling {@code progress} after each block. */
    private static void inBlocks(int n, IntConsumer row, Runnable progress) {
        for (int from = 0; from < n; from += PROGRESS_ROWS) {
            IntStream.range(from, Math.min(n, from + PROGRESS_ROWS)).parallel().forEach(row);
            progress.run();
        }
    }

    /** n / α; see the class comment. */
    static double learningRate(int n) {
        return n / EXAGGERATION;
    }

    /** Squared Euclidean distances; each entry summed in index order on one thread, so rows may run in parallel. */
    static double[][] squaredDistances(double[][] points) {
        return squaredDistances(points, () -> {});
    }

    private static double[][] squaredDistances(double[][] points, Runnable progress) {
        int n = points.length;
        double[][] d2 = new double[n][n];
        inBlocks(n, i -> {
            double[] a = points[i];
            for (int j = 0; j < i; j++) {
                double[] b = points[j];
                double s = 0;
                for (int k = 0; k < a.length; k++) {
                    double t = a[k] - b[k];
                    s += t * t;
                }
                d2[i][j] = s;
            }
        }, progress);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (!Double.isFinite(d2[i][j])) {
                    throw new IllegalArgumentException("the squared distance of points " + i + " and " + j
                            + " overflows a double; scale the points down");
                }
                d2[j][i] = d2[i][j];
            }
        }
        return d2;
    }

    /** The symmetric joint affinities P of n points from their squared distances; zero on the diagonal. */
    static double[][] jointProbabilities(double[][] d2, double perplexity) {
        return jointProbabilities(d2, perplexity, () -> {});
    }

    private static double[][] jointProbabilities(double[][] d2, double perplexity, Runnable progress) {
        int n = d2.length;
        double[][] cond = new double[n][];
        inBlocks(n, i -> cond[i] = conditionalRow(d2[i], i, perplexity), progress);
        double[][] p = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                p[i][j] = i == j ? 0 : Math.max((cond[i][j] + cond[j][i]) / (2.0 * n), P_FLOOR);
            }
        }
        return p;
    }

    /**
     * p(j|i) ∝ exp(−β·d2[j]) over j ≠ i, with β chosen so that its entropy in nats is ln(perplexity). Distances
     * are taken relative to the nearest neighbour (this leaves p unchanged) so that its weight is 1 and the sum
     * cannot underflow at any β. As β grows the entropy falls from ln(n − 1) to ln(k), k the number of nearest
     * neighbours at the same distance; when ln(perplexity) is not above ln(k) (k points coincide, more than
     * perplexity of them) the row is the β → ∞ limit, uniform on those k, the nearest a finite β can get.
     */
    static double[] conditionalRow(double[] d2, int i, double perplexity) {
        int n = d2.length;
        double min = IntStream.range(0, n).filter(j -> j != i).mapToDouble(j -> d2[j]).min().orElseThrow();
        double[] d = new double[n];
        int ties = 0;
        double mean = 0;
        for (int j = 0; j < n; j++) {
            d[j] = j == i ? 0 : d2[j] - min;
            ties += j != i && d[j] == 0 ? 1 : 0;
            mean += d[j] / (n - 1);
        }
        double target = StrictMath.log(perplexity);
        double[] p = new double[n];
        if (StrictMath.log(ties) >= target - ENTROPY_TOLERANCE) {
            for (int j = 0; j < n; j++) {
                p[j] = j != i && d[j] == 0 ? 1.0 / ties : 0;
            }
            return p;
        }
        // the entropy falls as log β rises: gallop outwards (steps 1, 2, 4, ... in log β) until the target is
        // bracketed, then bisect
        double logBeta = -StrictMath.log(mean);
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        double jump = 1;
        double entropy = Double.NaN;
        for (int step = 0; step < SEARCH_STEPS; step++) {
            double beta = StrictMath.exp(logBeta);
            double sum = 0;
            double weighted = 0;
            for (int j = 0; j < n; j++) {
                p[j] = j == i ? 0 : StrictMath.exp(-beta * d[j]);
                sum += p[j];
                weighted += p[j] * d[j];
            }
            entropy = StrictMath.log(sum) + beta * weighted / sum;
            if (Math.abs(entropy - target) < ENTROPY_TOLERANCE) {
                for (int j = 0; j < n; j++) {
                    p[j] /= sum;
                }
                return p;
            }
            if (entropy > target) {
                lo = logBeta;
            } else {
                hi = logBeta;
            }
            boolean bracketed = Double.isFinite(lo) && Double.isFinite(hi);
            logBeta = bracketed ? (lo + hi) / 2 : logBeta + (entropy > target ? jump : -jump);
            jump *= 2;
        }
        throw new IllegalStateException("t-SNE bandwidth search for point " + i + " did not reach entropy ln("
                + perplexity + ") = " + target + " within " + ENTROPY_TOLERANCE + " in " + SEARCH_STEPS
                + " steps; last entropy " + entropy + ", log β in [" + lo + ", " + hi + "]");
    }

    /** n points from N(0, INITIAL_STD² I) in 2D: one Box–Muller pair per point. */
    static double[][] initialLayout(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] y = new double[n][2];
        for (double[] point : y) {
            double radius = INITIAL_STD * StrictMath.sqrt(-2 * StrictMath.log(1 - random.nextDouble()));
            double angle = 2 * StrictMath.PI * random.nextDouble();
            point[0] = radius * StrictMath.cos(angle);
            point[1] = radius * StrictMath.sin(angle);
        }
        return y;
    }

    /** Gradient descent on KL(P‖Q) from {@code y}, in place, with learning rate {@code eta}. */
    static void descend(double[][] p, double[][] y, int iterations, double eta) {
        descend(p, y, iterations, eta, () -> {});
    }

    private static void descend(double[][] p, double[][] y, int iterations, double eta, Runnable progress) {
        int n = y.length;
        double[][] kernel = new double[n][n];
        double[][] update = new double[n][2];
        double[][] gains = new double[n][2];
        for (double[] g : gains) {
            Arrays.fill(g, 1);
        }
        for (int it = 0; it < iterations; it++) {
            boolean early = it < EXAGGERATION_ITERATIONS;
            double alpha = early ? EXAGGERATION : 1;
            double momentum = early ? 0.5 : 0.8;
            double z = kernel(y, kernel);
            double[][] grad = new double[n][2];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        double m = (alpha * p[i][j] - kernel[i][j] / z) * kernel[i][j];
                        grad[i][0] += 4 * m * (y[i][0] - y[j][0]);
                        grad[i][1] += 4 * m * (y[i][1] - y[j][1]);
                    }
                }
            }
            double[] mean = new double[2];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 2; c++) {
                    double g = grad[i][c];
                    gains[i][c] = Math.signum(g) != Math.signum(update[i][c]) ? gains[i][c] + 0.2 : gains[i][c] * 0.8;
                    gains[i][c] = Math.max(gains[i][c], MIN_GAIN);
                    update[i][c] = momentum * update[i][c] - eta * gains[i][c] * g;
                    y[i][c] += update[i][c];
                    mean[c] += y[i][c] / n;
                }
            }
            for (double[] point : y) {
                point[0] -= mean[0];
                point[1] -= mean[1];
            }
            progress.run();
        }
    }

    /** KL(P‖Q) = Σ_{i≠j} p_ij ln(p_ij / q_ij) of the layout {@code y}: what {@link #descend} lowers. */
    static double klDivergence(double[][] p, double[][] y) {
        int n = y.length;
        double[][] kernel = new double[n][n];
        double z = kernel(y, kernel);
        double kl = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (j != i && p[i][j] > 0) {
                    kl += p[i][j] * Math.log(p[i][j] * z / kernel[i][j]);
                }
            }
        }
        return kl;
    }

    /** Fills the Student-t kernel (1 + ‖y_i − y_j‖²)⁻¹ off the diagonal and returns its sum over i ≠ j. */
    private static double kernel(double[][] y, double[][] kernel) {
        double z = 0;
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < i; j++) {
                double dx = y[i][0] - y[j][0];
                double dy = y[i][1] - y[j][1];
                double k = 1 / (1 + dx * dx + dy * dy);
                kernel[i][j] = k;
                kernel[j][i] = k;
                z += 2 * k;
            }
        }
        return z;
    }

    private static int validate(double[][] points, double perplexity, int iterations) {
        if (points == null || points.length < 4) {
            throw new IllegalArgumentException("t-SNE needs at least 4 points (perplexity ≥ 1 needs 3 neighbours "
                    + "each), got " + (points == null ? "null" : points.length));
        }
        int n = points.length;
        int dim = points[0] == null ? 0 : points[0].length;
        for (int i = 0; i < n; i++) {
            if (points[i] == null || points[i].length != dim || dim == 0) {
                throw new IllegalArgumentException("point " + i + " has " + (points[i] == null ? "no" : points[i].length)
                        + " values; every point needs the same number (point 0 has " + dim + "), at least 1");
            }
            for (double v : points[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("point " + i + " has a non-finite value " + v);
                }
            }
        }
        if (!(perplexity >= 1 && perplexity <= maxPerplexity(n))) {
            throw new IllegalArgumentException("perplexity " + perplexity + " is outside [1, (n-1)/3] = [1, "
                    + maxPerplexity(n) + "] for n = " + n + " points");
        }
        if (iterations <= EXAGGERATION_ITERATIONS) {
            throw new IllegalArgumentException("iterations " + iterations + " must exceed "
                    + EXAGGERATION_ITERATIONS + ", where early exaggeration ends; 1000 is usual");
        }
        return n;
    }
}
