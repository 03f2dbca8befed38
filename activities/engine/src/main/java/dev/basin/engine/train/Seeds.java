package dev.basin.engine.train;

/**
 * Seed derivation and a tiny portable RNG, both from SplitMix64 (Steele, Lea &amp; Flood 2014).
 * Everything random in training is derived from the member seed by these functions, so the
 * sequence depends on nothing but the spec (not on the JDK's {@code Random} implementations).
 */
public final class Seeds {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** "SPAWN" in ASCII: an arbitrary tag naming the spawn stream. */
    private static final long SPAWN_STREAM = 0x535041574EL;

    private Seeds() {}

    /** SplitMix64's finaliser: a bijective 64-bit mix with full avalanche. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The seed of ensemble member {@code member}: differs per member in init, data order and dropout. */
    public static long member(long studySeed, int member) {
        return derive(studySeed, member);
    }

    /**
     * The seed of child {@code child} spawned from ensemble member {@code parent}'s checkpoint at
     * epoch {@code epoch} (Lion et al. 2024's spawning): the children share the parent's weights and
     * updater state and differ only in what this seed drives in the {@link Trainer} (data order and
     * dropout from the spawn epoch on). The tag keeps these seeds apart from {@link #member}'s,
     * whose path has a different length anyway.
     */
    public static long spawn(long studySeed, int parent, int epoch, int child) {
        if (parent < 0 || epoch < 0 || child < 0) {
            throw new IllegalArgumentException("parent, epoch and child must be >= 0: " + parent + ", " + epoch
                    + ", " + child);
        }
        return derive(studySeed, SPAWN_STREAM, parent, epoch, child);
    }

    /** A seed for a sub-stream of {@code seed} named by the integers in {@code path}. */
    public static long derive(long seed, long... path) {
        long s = mix(seed + GOLDEN);
        for (long p : path) {
            s = mix(s ^ mix(p + GOLDEN));
        }
        return s;
    }

    /** Fisher–Yates permutation of {@code 0..n-1} from the SplitMix64 stream of {@code seed}. */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        long state = seed;
        for (int i = n - 1; i > 0; i--) {
            state += GOLDEN;
            // Multiply-shift maps 32 random bits onto [0, i]; bias ≤ (i+1)/2^32, negligible here.
            int j = (int) (((mix(state) >>> 32) * (i + 1)) >>> 32);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
