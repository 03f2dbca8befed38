package dev.basin.engine.metrics;

import dev.basin.engine.train.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Ensembles of size k over every subset of k of the M groups, not only the first k (Fort et al. average their
 * ensemble-size curves over subsets of independently trained members). Of each size: the mean and the sample
 * standard deviation (n − 1; NaN for a single subset) of accuracy, NLL, Brier and ECE over all C(M, k) subsets,
 * or over {@code cap} distinct subsets drawn at random when C(M, k) exceeds the cap, seeded by the seed and k.
 *
 * <p>An ensemble's prediction is the mean of all its models' softmax outputs, as for the first-k ensembles
 * ({@link Metrics#ensembleMean}), here summed in double precision. Each group's outputs are summed once; the
 * subsets are visited in lexicographic order and share the running sums of their common prefix, so a subset
 * usually costs one addition of an n×c matrix, not k.
 */
public final class SubsetEnsembles {
    /** How many subsets of one size are scored at most (all of them below it). */
    public static final int CAP = 100;
    /** "SUBSETS" in ASCII: names the random subsets' seed stream. */
    private static final long STREAM = 0x53554253455453L;

    private SubsetEnsembles() {}

    /**
     * Of one size: how many subsets were scored, whether they are all C(M, k) of them, and the mean and sample
     * standard deviation of each metric over them.
     */
    public record Stats(int size, int subsets, boolean exhaustive, Scores mean, Scores sd) {}

    /**
     * Every size 1..M of the groups' ensembles.
     *
     * @param groups the models that join together (one model, or one member's SWAG samples); each {@code [n, c]}
     * @param seed   the study's seed: the random subsets depend on it and on k only
     */
    public static List<Stats> score(List<List<INDArray>> groups, int[] labels, int cap, long seed) {
        int m = groups.size();
        if (m == 0) {
            throw new IllegalArgumentException("no groups to ensemble");
        }
        long[] shape = null;
        double[][] sums = new double[m][];
        int[] counts = new int[m];
        for (int g = 0; g < m; g++) {
            if (groups.get(g).isEmpty()) {
                throw new IllegalArgumentException("group " + g + " has no models");
            }
            for (INDArray p : groups.get(g)) {
                if (shape == null) {
                    shape = p.shape();
                } else if (!Arrays.equals(shape, p.shape())) {
                    throw new IllegalArgumentException("group " + g + " has shape " + Arrays.toString(p.shape())
                            + ", group 0 " + Arrays.toString(shape));
                }
                double[] d = p.castTo(DataType.DOUBLE).dup('c').data().asDouble();
                if (sums[g] == null) {
                    sums[g] = d;
                } else {
                    add(sums[g], d);
                }
                counts[g]++;
            }
        }
        int classes = (int) shape[1];
        List<Stats> out = new ArrayList<>();
        for (int k = 1; k <= m; k++) {
            List<int[]> subsets = subsets(m, k, cap, seed);
            out.add(stats(k, subsets, subsets.size() == choose(m, k), sums, counts, classes, labels));
        }
        return out;
    }

    /**
     * The subsets of size k of {0..m-1}, each sorted, in lexicographic order: all of them when C(m, k) ≤ cap,
     * else {@code cap} distinct ones, each the first k of a SplitMix64 permutation seeded by (seed, k, draw).
     */
    public static List<int[]> subsets(int m, int k, int cap, long seed) {
        if (k < 1 || k > m || cap < 1) {
            throw new IllegalArgumentException("subsets of size " + k + " of " + m + " with cap " + cap);
        }
        List<int[]> out = new ArrayList<>();
        if (choose(m, k) <= cap) {
            int[] c = new int[k];
            for (int i = 0; i < k; i++) {
                c[i] = i;
            }
            while (true) {
                out.add(c.clone());
                int i = k - 1;
                while (i >= 0 && c[i] == m - k + i) {
                    i--;
                }
                if (i < 0) {
                    return out;
                }
                c[i]++;
                for (int j = i + 1; j < k; j++) {
                    c[j] = c[j - 1] + 1;
                }
            }
        }
        Set<List<Integer>> seen = new LinkedHashSet<>();
        for (long draw = 0; seen.size() < cap; draw++) {
            int[] p = Seeds.permutation(m, Seeds.derive(seed, STREAM, k, draw));
            int[] c = Arrays.copyOf(p, k);
            Arrays.sort(c);
            seen.add(Arrays.stream(c).boxed().toList());
        }
        for (List<Integer> s : seen) {
            out.add(s.stream().mapToInt(Integer::intValue).toArray());
        }
        out.sort(SubsetEnsembles::lexicographic);
        return out;
    }

    /** C(m, k), saturating at {@code Long.MAX_VALUE}. */
    public static long choose(int m, int k) {
        long c = 1;
        for (int i = 1; i <= k; i++) {
            long n = m - k + i;
            if (c > Long.MAX_VALUE / n) {
                return Long.MAX_VALUE;
            }
            c = c * n / i;
        }
        return c;
    }

    private static Stats stats(int k, List<int[]> subsets, boolean exhaustive, double[][] sums, int[] counts,
                               int classes, int[] labels) {
        // prefix[d] = the sum of the groups subset[0..d]; reused while consecutive subsets share that prefix.
        double[][] prefix = new double[k][];
        int[] prefixCount = new int[k];
        int[] previous = null;
        double[][] values = new double[4][subsets.size()];
        double[] mean = new double[sums[0].length];
        for (int s = 0; s < subsets.size(); s++) {
            int[] c = subsets.get(s);
            int same = 0;
            while (previous != null && same < k && previous[same] == c[same]) {
                same++;
            }
            for (int d = same; d < k; d++) {
                if (d == 0) {
                    prefix[0] = sums[c[0]];
                    prefixCount[0] = counts[c[0]];
                } else {
                    if (prefix[d] == null) { // prefix[0] aliases a group's sum; the deeper ones are our own
                        prefix[d] = new double[sums[0].length];
                    }
                    double[] a = prefix[d - 1];
                    double[] b = sums[c[d]];
                    double[] t = prefix[d];
                    for (int i = 0; i < t.length; i++) {
                        t[i] = a[i] + b[i];
                    }
                    prefixCount[d] = prefixCount[d - 1] + counts[c[d]];
                }
            }
            previous = c;
            double[] total = prefix[k - 1];
            double n = prefixCount[k - 1];
            for (int i = 0; i < mean.length; i++) {
                mean[i] = total[i] / n;
            }
            Scores sc = Metrics.score(mean, classes, labels);
            values[0][s] = sc.accuracy();
            values[1][s] = sc.nll();
            values[2][s] = sc.brier();
            values[3][s] = sc.ece();
        }
        return new Stats(k, subsets.size(), exhaustive,
                new Scores(mean(values[0]), mean(values[1]), mean(values[2]), mean(values[3])),
                new Scores(sd(values[0]), sd(values[1]), sd(values[2]), sd(values[3])));
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** The sample standard deviation (n − 1 in the denominator); NaN for fewer than two values. */
    static double sd(double[] x) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1));
    }

    private static void add(double[] into, double[] x) {
        for (int i = 0; i < into.length; i++) {
            into[i] += x[i];
        }
    }

    private static int lexicographic(int[] a, int[] b) {
        return Arrays.compare(a, b);
    }
}
