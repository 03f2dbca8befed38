package dev.basin.engine.align;

import dev.basin.engine.align.PermutationSpec.Axis;
import dev.basin.engine.align.PermutationSpec.Group;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Weight matching (Ainsworth et al. 2022, "Git Re-Basin", algorithm 1): permutations of
 * {@code other}'s hidden units that maximise Σ ⟨W_ref, P·W_other⟩ over every parameter a
 * permutation touches. The joint problem is NP-hard; for one group with the others held fixed it
 * is a linear assignment problem, so groups are solved one at a time, in a seeded random order per
 * sweep, until a whole sweep improves none.
 */
public final class WeightMatching {

    /** Relative gain below which a group's new assignment is not an improvement (float noise). */
    private static final double MIN_RELATIVE_GAIN = 1e-12;
    private static final int MAX_SWEEPS = 1000;

    private WeightMatching() {}

    /**
     * @param perms one per group, in {@link Permutations}' convention ({@code aligned = apply(other, perms)})
     * @param aligned {@code other} with {@code perms} applied
     * @param sweeps passes over all groups, the last of which changed nothing
     */
    public record Alignment(List<int[]> perms, INDArray aligned, int sweeps) {}

    /** Seed 0, running statistics included (every parameter the permutations touch). */
    public static Alignment align(PermutationSpec spec, INDArray reference, INDArray other) {
        return align(spec, reference, other, 0, true);
    }

    /**
     * @param seed orders the groups within each sweep
     * @param includeRunningStatistics whether batch-norm running mean and variance count in the
     *        objective; they are permuted either way
     */
    public static Alignment align(PermutationSpec spec, INDArray reference, INDArray other, long seed,
                                  boolean includeRunningStatistics) {
        Permutations.requireFlat(spec, reference);
        Permutations.requireFlat(spec, other);
        float[] ref = reference.toFloatVector();
        float[] oth = other.toFloatVector();
        List<int[]> perms = Permutations.identity(spec);
        List<Integer> order = new ArrayList<>();
        for (int g = 0; g < spec.groups().size(); g++) {
            order.add(g);
        }
        Random rnd = new Random(seed);
        int sweeps = 0;
        boolean improved = true;
        while (improved) {
            if (++sweeps > MAX_SWEEPS) {
                throw new IllegalStateException("weight matching did not settle in " + MAX_SWEEPS + " sweeps");
            }
            improved = false;
            Collections.shuffle(order, rnd);
            for (int g : order) {
                int[] current = perms.get(g);
                perms.set(g, Permutations.identity(current.length));
                // Every other group in place, this one not yet: the cost sees this axis unpermuted.
                float[] partial = Permutations.apply(spec, oth, perms);
                double[][] cost = cost(spec.groups().get(g), ref, partial, includeRunningStatistics);
                int[] best = LinearAssignment.maximize(cost);
                double before = LinearAssignment.value(cost, current);
                double after = LinearAssignment.value(cost, best);
                if (after > before + MIN_RELATIVE_GAIN * Math.max(1, Math.abs(before))
                        && !Arrays.equals(best, current)) {
                    perms.set(g, best);
                    improved = true;
                } else {
                    perms.set(g, current);
                }
            }
        }
        return new Alignment(perms, Nd4j.createFromArray(Permutations.apply(spec, oth, perms)), sweeps);
    }

    /** C[i][j] = Σ over the group's axes of ⟨unit i of ref, unit j of other⟩, in double. */
    static double[][] cost(Group group, float[] ref, float[] other, boolean includeRunningStatistics) {
        int n = group.size();
        double[][] c = new double[n][n];
        for (Axis a : group.axes()) {
            if (!includeRunningStatistics && a.role().isRunningStatistic()) {
                continue;
            }
            int m = a.outer() * a.inner();
            double[][] x = slices(a, ref, m);
            double[][] y = slices(a, other, m);
            for (int i = 0; i < n; i++) {
                double[] xi = x[i];
                double[] ci = c[i];
                for (int j = 0; j < n; j++) {
                    double[] yj = y[j];
                    double s = 0;
                    for (int k = 0; k < m; k++) {
                        s += xi[k] * yj[k];
                    }
                    ci[j] += s;
                }
            }
        }
        return c;
    }

    /** Row u: every coordinate of unit u along the axis, as doubles. */
    private static double[][] slices(Axis a, float[] w, int m) {
        double[][] s = new double[a.size()][m];
        for (int o = 0; o < a.outer(); o++) {
            for (int u = 0; u < a.size(); u++) {
                for (int k = 0; k < a.inner(); k++) {
                    s[u][o * a.inner() + k] = w[a.position(o, u, k)];
                }
            }
        }
        return s;
    }
}
