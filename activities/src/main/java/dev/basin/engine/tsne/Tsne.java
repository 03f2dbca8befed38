package dev.basin.engine.tsne;

import java.util.stream.IntStream;
import smile.manifold.TSNE;
import smile.util.MulticoreExecutor;

/**
 * 2D t-SNE of models' flattened test-set predictions (Fort et al. Fig. 2c), through Smile 1.5.3's exact
 * O(n²) {@link TSNE} (the last Apache-2.0 Smile; 2.x and later are LGPL/GPL).
 *
 * <p><b>Input.</b> t-SNE reads the points only through their pairwise distances, and Smile accepts the squared
 * distance matrix in place of the points. So the distances are computed here, exactly, from the full vectors
 * (up to ~100 models × 100,000 values): no PCA first. van der Maaten's pipeline reduces to 50 dimensions with
 * PCA to save time when there are many thousands of points; for a few hundred models the exact distances cost
 * less than a PCA and change nothing. The matrix is divided by its mean entry before Smile sees it: t-SNE is
 * unchanged by a global scale (the per-point bandwidth search absorbs it), and Smile starts that search at
 * β = 1/√(mean distance) with {@code exp(-β·d)} that would underflow for large raw distances.
 *
 * <p><b>Determinism.</b> Smile draws the initial layout from {@code smile.math.Math}'s thread-local generator,
 * which {@link #embed} seeds on the calling thread right before, so concurrent calls on different threads do
 * not disturb each other and no lock is needed. Smile's gradient step, however, runs on its own thread pool and
 * moves points in place while other threads read them, so with more than one thread the result depends on
 * timing. This class therefore sets the system property {@code smile.threads=1} when it loads (Smile sizes its
 * pool once, on first use) and refuses to run if the pool was already made bigger. The distance computations
 * inside Smile that do run in parallel compute each entry on one thread, so they are deterministic.
 * Smile reduces the seed modulo 899,999,963; {@code seed} is reduced the same way, non-negatively, first.
 *
 * <p><b>Known defects of Smile 1.5.3's t-SNE</b>, which no caller can work around: (1) for fewer than 100
 * points {@code Math.pdist} ignores its {@code squared} flag, so the low-dimensional kernel is
 * {@code 1/(1+‖yi−yj‖)} instead of the Student-t {@code 1/(1+‖yi−yj‖²)}; (2) the bandwidth search compares
 * {@code log2(Σp) + β·E[d]} (bits plus nats) with {@code log2(perplexity)}, so the effective perplexity is
 * larger than the one asked for; (3) a row whose bandwidth search does not converge in 50 steps is left
 * unnormalised (the bounds below keep the target reachable).
 */
public final class Tsne {

    /** Smile ends early exaggeration (×12) and raises momentum to 0.8 at this iteration. */
    public static final int EXAGGERATION_ITERATIONS = 250;
    /** Smile's and van der Maaten's default learning rate. */
    public static final double LEARNING_RATE = 200;
    /** The modulus Smile's generator reduces seeds by ({@code UniversalGenerator.BIG_PRIME}). */
    static final long SMILE_SEED_MODULUS = 899_999_963L;

    static {
        if (System.getProperty("smile.threads") == null) {
            System.setProperty("smile.threads", "1");
        }
    }

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
        int n = validate(points, perplexity, iterations);
        double[][] d2 = squaredDistances(points);
        double mean = 0;
        for (double[] row : d2) {
            for (double v : row) {
                mean += v;
            }
        }
        mean /= (double) n * (n - 1);
        if (mean == 0) {
            return new double[n][2];
        }
        for (double[] row : d2) {
            for (int j = 0; j < n; j++) {
                row[j] /= mean;
            }
        }
        int threads = MulticoreExecutor.getThreadPoolSize();
        if (threads != 1) {
            throw new IllegalStateException("Smile's thread pool has " + threads + " threads (system property "
                    + "smile.threads=" + System.getProperty("smile.threads") + ", or Smile was used before "
                    + Tsne.class.getName() + " loaded); its t-SNE is only deterministic on one: run with "
                    + "-Dsmile.threads=1");
        }
        smile.math.Math.setSeed(Math.floorMod(seed, SMILE_SEED_MODULUS));
        double[][] y = new TSNE(d2, 2, perplexity, LEARNING_RATE, iterations).getCoordinates();
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = y[i].clone();
        }
        return out;
    }

    /** Squared Euclidean distances; each entry summed in index order on one thread, so rows may run in parallel. */
    static double[][] squaredDistances(double[][] points) {
        int n = points.length;
        double[][] d2 = new double[n][n];
        IntStream.range(0, n).parallel().forEach(i -> {
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
        });
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                d2[j][i] = d2[i][j];
            }
        }
        return d2;
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
                    + EXAGGERATION_ITERATIONS + ", where Smile ends early exaggeration; 1000 is usual");
        }
        return n;
    }
}
