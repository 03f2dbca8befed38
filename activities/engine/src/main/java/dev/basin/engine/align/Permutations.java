package dev.basin.engine.align;

import dev.basin.engine.align.PermutationSpec.Axis;
import dev.basin.engine.align.PermutationSpec.Group;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Applies one permutation per {@link PermutationSpec.Group} to a flat weight vector.
 *
 * <p>Convention: unit {@code i} of the result is unit {@code perm[i]} of the input
 * ({@code new[i] = old[perm[i]]}) along every axis of the group. Axes of different groups on one
 * parameter (a kernel's output and input channels) commute, so they are applied one after another.
 */
public final class Permutations {

    private Permutations() {}

    /** A new rank-1 float vector: {@code flat} with every group permuted; the input is untouched. */
    public static INDArray apply(PermutationSpec spec, INDArray flat, List<int[]> perms) {
        requireFlat(spec, flat);
        return Nd4j.createFromArray(apply(spec, flat.toFloatVector(), perms));
    }

    /** As {@link #apply(PermutationSpec, INDArray, List)} on a float array (a new array). */
    public static float[] apply(PermutationSpec spec, float[] flat, List<int[]> perms) {
        if (flat.length != spec.numParams()) {
            throw new IllegalArgumentException(flat.length + " weights for a spec of " + spec.numParams());
        }
        check(spec, perms);
        float[] out = flat.clone();
        float[] scratch = new float[0];
        for (int g = 0; g < spec.groups().size(); g++) {
            int[] perm = perms.get(g);
            if (isIdentity(perm)) {
                continue;
            }
            for (Axis a : spec.groups().get(g).axes()) {
                int[] pos = a.positions();
                if (scratch.length < pos.length) {
                    scratch = new float[pos.length];
                }
                for (int e = 0; e < pos.length; e++) {
                    scratch[e] = out[pos[e]];
                }
                int n = a.size();
                int inner = a.inner();
                for (int o = 0; o < a.outer(); o++) {
                    for (int u = 0; u < n; u++) {
                        int to = (o * n + u) * inner;
                        int from = (o * n + perm[u]) * inner;
                        for (int k = 0; k < inner; k++) {
                            out[pos[to + k]] = scratch[from + k];
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The identity permutation of every group. */
    public static List<int[]> identity(PermutationSpec spec) {
        List<int[]> out = new ArrayList<>();
        for (Group g : spec.groups()) {
            out.add(identity(g.size()));
        }
        return out;
    }

    /** A uniformly random permutation of every group (Fisher-Yates). */
    public static List<int[]> random(PermutationSpec spec, Random rnd) {
        List<int[]> out = new ArrayList<>();
        for (Group g : spec.groups()) {
            int[] p = identity(g.size());
            for (int i = p.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            out.add(p);
        }
        return out;
    }

    /** The permutations that undo {@code perms}. */
    public static List<int[]> inverse(List<int[]> perms) {
        List<int[]> out = new ArrayList<>();
        for (int[] p : perms) {
            int[] inv = new int[p.length];
            for (int i = 0; i < p.length; i++) {
                inv[p[i]] = i;
            }
            out.add(inv);
        }
        return out;
    }

    static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    static boolean isIdentity(int[] perm) {
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] != i) {
                return false;
            }
        }
        return true;
    }

    static void requireFlat(PermutationSpec spec, INDArray flat) {
        if (flat.rank() != 1 || flat.length() != spec.numParams()) {
            throw new IllegalArgumentException("expected a rank-1 vector of " + spec.numParams() + " weights, got shape "
                    + java.util.Arrays.toString(flat.shape()));
        }
        if (flat.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("expected float weights, got " + flat.dataType());
        }
    }

    private static void check(PermutationSpec spec, List<int[]> perms) {
        if (perms.size() != spec.groups().size()) {
            throw new IllegalArgumentException(perms.size() + " permutations for " + spec.groups().size() + " groups");
        }
        for (int g = 0; g < perms.size(); g++) {
            int[] p = perms.get(g);
            int n = spec.groups().get(g).size();
            boolean[] seen = new boolean[n];
            if (p.length != n) {
                throw new IllegalArgumentException("group " + g + " has " + n + " units, permutation has " + p.length);
            }
            for (int x : p) {
                if (x < 0 || x >= n || seen[x]) {
                    throw new IllegalArgumentException("group " + g + ": not a permutation of 0.." + (n - 1));
                }
                seen[x] = true;
            }
        }
    }
}
