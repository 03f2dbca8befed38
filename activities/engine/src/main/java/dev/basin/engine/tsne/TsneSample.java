package dev.basin.engine.tsne;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Which of n points an exact {@link Tsne} embeds when there are more than a cap: exact t-SNE holds three n × n
 * matrices of doubles (distances, affinities, kernel: 24·n² bytes) and runs 1000 O(n²) iterations, so its n
 * must be bounded. Up to the cap every point is kept, in order, so a study under it embeds exactly what it
 * embedded before there was a cap. Above it, a uniform sample without replacement drawn from the seed (a
 * partial Fisher–Yates shuffle on {@link SplittableRandom}), returned in ascending order: the same n, cap and
 * seed give the same points on every JVM. Pure.
 */
public final class TsneSample {
    /**
     * The largest cap a spec may ask for: 20,000 points need 24·n² = 9.6 GB for the matrices alone, more than a
     * worker's heap; 10,000 need 2.4 GB.
     */
    public static final int MAX_POINTS = 10_000;
    /** The default cap: about 100 MB of matrices, and minutes, not hours, of descent on one core. */
    public static final int DEFAULT_MAX_POINTS = 2_000;
    /** Bytes per point² that an exact embedding holds: three n × n double matrices. */
    public static final long BYTES_PER_POINT_SQUARED = 3L * Double.BYTES;

    private TsneSample() {}

    /**
     * @param n    how many points there are
     * @param max  the cap, at least 4 (t-SNE's minimum)
     * @param seed the embedding's seed ({@code tsne.seed})
     * @return the indices to embed, ascending: all of {@code 0..n-1} when {@code n <= max}, else {@code max} of them
     */
    public static int[] indices(int n, int max, long seed) {
        if (n < 0 || max < 4) {
            throw new IllegalArgumentException("need n >= 0 and a cap of at least 4 points, got n = " + n
                    + ", cap " + max);
        }
        if (n <= max) {
            return IntStream.range(0, n).toArray();
        }
        int[] all = IntStream.range(0, n).toArray();
        // a stream of its own, so that the sample does not shift the initial layout drawn from the same seed
        SplittableRandom random = new SplittableRandom(seed).split();
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = Arrays.copyOf(all, max);
        Arrays.sort(out);
        return out;
    }
}
