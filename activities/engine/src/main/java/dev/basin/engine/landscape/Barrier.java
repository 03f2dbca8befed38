package dev.basin.engine.landscape;

import java.util.List;

/**
 * The loss barrier between two solutions a and b along the straight line {@code (1 − t)·a + t·b}
 * (Frankle et al. 2020; Lion et al. 2024): {@code B(a, b) = max over t in [0, 1] of
 * L(t) − ((1 − t)·L(a) + t·L(b))}, the highest the loss rises above the chord between the ends.
 *
 * <p>The maximum includes t = 0 and t = 1, where the difference is exactly 0, so a barrier is never
 * negative: a path that lies below its chord everywhere (a loss convex in t, or a dip between the
 * ends) has barrier 0, not the depth of the dip. This is the definition the paper uses, so that
 * "linearly connected" means barrier ≈ 0 and a mean over pairs is not pulled down by dips. Points
 * of the grid outside [0, 1] (an {@link Interpolation#ts} grid with a margin) are ignored.
 *
 * @param height the barrier, ≥ 0
 * @param t      the first t in [0, 1] where it is attained (0 when the path never rises above the chord)
 */
public record Barrier(double height, double t) {

    public Barrier {
        if (!(height >= 0) || Double.isInfinite(height)) {
            throw new IllegalArgumentException("barrier height must be finite and >= 0, got " + height);
        }
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("barrier t must lie in [0, 1], got " + t);
        }
    }

    /**
     * The barrier of the losses {@code losses[i]} measured at {@code ts[i]}. The grid must be strictly
     * increasing and contain 0 and 1 exactly, because L(a) and L(b) are read from those two points:
     * an end approximated by a nearby t would shift the chord and so every difference.
     */
    public static Barrier of(double[] ts, double[] losses) {
        if (ts.length != losses.length) {
            throw new IllegalArgumentException("need one loss per t: " + ts.length + " t values, "
                    + losses.length + " losses");
        }
        int at0 = -1;
        int at1 = -1;
        for (int i = 0; i < ts.length; i++) {
            if (!Double.isFinite(ts[i])) {
                throw new IllegalArgumentException("t[" + i + "] is not finite: " + ts[i]);
            }
            if (i > 0 && !(ts[i] > ts[i - 1])) {
                throw new IllegalArgumentException("t grid must be strictly increasing; t[" + (i - 1) + "] = "
                        + ts[i - 1] + ", t[" + i + "] = " + ts[i]);
            }
            if (ts[i] == 0) {
                at0 = i;
            } else if (ts[i] == 1) {
                at1 = i;
            }
        }
        if (at0 < 0 || at1 < 0) {
            throw new IllegalArgumentException("t grid must contain 0 and 1 exactly (the two solutions)");
        }
        double la = finite(losses, at0);
        double lb = finite(losses, at1);
        double best = 0;
        double bestT = 0;
        // The ends are 0 by definition and are not recomputed: in floating point the chord there could
        // miss L(a) or L(b) by an ulp and report a spurious barrier of 1e-16. The chord is written as
        // L(a) + t·(L(b) − L(a)) so that equal end losses give a chord exactly equal to them.
        for (int i = at0 + 1; i < at1; i++) {
            double t = ts[i];
            double excess = finite(losses, i) - (la + t * (lb - la));
            if (excess > best) {
                best = excess;
                bestT = t;
            }
        }
        return new Barrier(best, bestT);
    }

    /**
     * An ensemble's connectivity: the mean barrier over its pairs (one {@link Barrier} per unordered
     * pair of members, e.g. in the order of {@link #pairs}). Lower means the members share a basin.
     */
    public static double meanHeight(List<Barrier> pairs) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("need at least one pair");
        }
        double sum = 0;
        for (Barrier b : pairs) {
            sum += b.height();
        }
        return sum / pairs.size();
    }

    /** The unordered pairs {i, j}, i &lt; j, of {@code members} members, in row order: (0,1), (0,2), …, (1,2), …. */
    public static int[][] pairs(int members) {
        if (members < 2) {
            throw new IllegalArgumentException("need at least 2 members for a pair, got " + members);
        }
        int[][] out = new int[members * (members - 1) / 2][];
        int k = 0;
        for (int i = 0; i < members; i++) {
            for (int j = i + 1; j < members; j++) {
                out[k++] = new int[] {i, j};
            }
        }
        return out;
    }

    private static double finite(double[] losses, int i) {
        if (!Double.isFinite(losses[i])) {
            throw new IllegalArgumentException("loss at index " + i + " is not finite: " + losses[i]);
        }
        return losses[i];
    }
}
