package dev.basin.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SubsetEnsemblesTest {
    /** Two points (labels 0, 1), two classes; no ties in any subset's mean. */
    private static final int[] LABELS = {0, 1};
    private static final INDArray P0 = Nd4j.createFromArray(new double[][] {{0.8, 0.2}, {0.6, 0.4}});
    private static final INDArray P1 = Nd4j.createFromArray(new double[][] {{0.3, 0.7}, {0.2, 0.8}});
    private static final INDArray P2 = Nd4j.createFromArray(new double[][] {{0.6, 0.4}, {0.3, 0.7}});

    private static List<List<INDArray>> three() {
        return List.of(List.of(P0), List.of(P1), List.of(P2));
    }

    /** NLL of one ensemble from the probability it gives each point's label. */
    private static double nll(double py0, double py1) {
        return -(Math.log(py0) + Math.log(py1)) / 2;
    }

    /** Brier of one ensemble: with two classes a point costs 2(1 − p_y)². */
    private static double brier(double py0, double py1) {
        return (2 * (1 - py0) * (1 - py0) + 2 * (1 - py1) * (1 - py1)) / 2;
    }

    private static double mean(double... x) {
        return SubsetEnsembles.mean(x);
    }

    private static double sampleSd(double... x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return Math.sqrt(s / (x.length - 1));
    }

    @Test
    void meansAndSampleSdsOverEverySubsetByHand() {
        List<SubsetEnsembles.Stats> stats = SubsetEnsembles.score(three(), LABELS, SubsetEnsembles.CAP, 7);
        assertEquals(3, stats.size());

        // Size 1: the members. p_y = (0.8, 0.4), (0.3, 0.8), (0.6, 0.7); correct: 1/2, 1/2, 2/2.
        SubsetEnsembles.Stats one = stats.get(0);
        assertEquals(3, one.subsets());
        assertTrue(one.exhaustive());
        assertEquals(2.0 / 3, one.mean().accuracy(), 1e-12);
        assertEquals(Math.sqrt(1.0 / 12), one.sd().accuracy(), 1e-12); // deviations -1/6, -1/6, 1/3
        assertEquals(mean(nll(0.8, 0.4), nll(0.3, 0.8), nll(0.6, 0.7)), one.mean().nll(), 1e-12);
        assertEquals(sampleSd(nll(0.8, 0.4), nll(0.3, 0.8), nll(0.6, 0.7)), one.sd().nll(), 1e-12);
        assertEquals(mean(brier(0.8, 0.4), brier(0.3, 0.8), brier(0.6, 0.7)), one.mean().brier(), 1e-12);

        // Size 2: {0,1} = (0.55, 0.6) both right; {0,2} = (0.7, 0.55) both right; {1,2} = (0.45, 0.75) one right.
        SubsetEnsembles.Stats two = stats.get(1);
        assertEquals(3, two.subsets());
        assertEquals(5.0 / 6, two.mean().accuracy(), 1e-12);
        assertEquals(Math.sqrt(1.0 / 12), two.sd().accuracy(), 1e-12);
        assertEquals(mean(nll(0.55, 0.6), nll(0.7, 0.55), nll(0.45, 0.75)), two.mean().nll(), 1e-12);
        assertEquals(sampleSd(nll(0.55, 0.6), nll(0.7, 0.55), nll(0.45, 0.75)), two.sd().nll(), 1e-12);
        assertEquals(sampleSd(brier(0.55, 0.6), brier(0.7, 0.55), brier(0.45, 0.75)), two.sd().brier(), 1e-12);
        double ece = mean(Metrics.score(Metrics.ensembleMean(List.of(P0, P1)), LABELS).ece(),
                Metrics.score(Metrics.ensembleMean(List.of(P0, P2)), LABELS).ece(),
                Metrics.score(Metrics.ensembleMean(List.of(P1, P2)), LABELS).ece());
        assertEquals(ece, two.mean().ece(), 1e-12);

        // Size 3: one subset, p_y = (1.7/3, 1.9/3); no spread to speak of.
        SubsetEnsembles.Stats all = stats.get(2);
        assertEquals(1, all.subsets());
        assertTrue(all.exhaustive());
        assertEquals(1.0, all.mean().accuracy(), 0);
        assertEquals(nll(1.7 / 3, 1.9 / 3), all.mean().nll(), 1e-12);
        assertTrue(Double.isNaN(all.sd().accuracy()) && Double.isNaN(all.sd().ece()));
        // ... and it is the first-k ensemble of size 3.
        Scores firstK = Metrics.score(Metrics.ensembleMean(List.of(P0, P1, P2)), LABELS);
        assertEquals(firstK.nll(), all.mean().nll(), 1e-12);
        assertEquals(firstK.brier(), all.mean().brier(), 1e-12);
    }

    @Test
    void aGroupOfSeveralModelsJoinsAsOne() {
        // Multi-SWAG: a subset of members takes every sample of each; {P0, P1} and {P2} make size-2 mean (P0+P1+P2)/3.
        List<SubsetEnsembles.Stats> stats = SubsetEnsembles.score(List.of(List.of(P0, P1), List.of(P2)), LABELS,
                SubsetEnsembles.CAP, 1);
        assertEquals(nll(1.7 / 3, 1.9 / 3), stats.get(1).mean().nll(), 1e-12);
        assertEquals(mean(nll(0.55, 0.6), nll(0.6, 0.7)), stats.get(0).mean().nll(), 1e-12);
    }

    @Test
    void everySubsetInLexicographicOrderUnderTheCap() {
        List<int[]> s = SubsetEnsembles.subsets(4, 2, 6, 0);
        int[][] expected = {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}};
        assertEquals(expected.length, s.size());
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], s.get(i));
        }
        assertEquals(6, SubsetEnsembles.choose(4, 2));
        assertEquals(184_756, SubsetEnsembles.choose(20, 10));
        assertEquals(1, SubsetEnsembles.choose(9, 9));
    }

    @Test
    void overTheCapDistinctSeededRandomSubsets() {
        List<int[]> a = SubsetEnsembles.subsets(6, 3, 5, 42);
        assertEquals(5, a.size());
        Set<List<Integer>> distinct = new HashSet<>();
        for (int i = 0; i < a.size(); i++) {
            int[] c = a.get(i);
            assertEquals(3, c.length);
            for (int j = 0; j < c.length; j++) {
                assertTrue(c[j] >= 0 && c[j] < 6);
                if (j > 0) assertTrue(c[j] > c[j - 1], "sorted, no repeats");
            }
            if (i > 0) assertTrue(java.util.Arrays.compare(a.get(i - 1), c) < 0, "lexicographic");
            distinct.add(java.util.Arrays.stream(c).boxed().toList());
        }
        assertEquals(5, distinct.size());
        List<int[]> again = SubsetEnsembles.subsets(6, 3, 5, 42);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), again.get(i), "same seed, same subsets");
        }
        assertNotEquals(flat(a), flat(SubsetEnsembles.subsets(6, 3, 5, 43)), "another seed, other subsets");
        assertNotEquals(flat(a), flat(SubsetEnsembles.subsets(6, 3, 5, 42).subList(0, 4)));
    }

    @Test
    void scoresACappedSizeOnlyOverItsDrawnSubsets() {
        List<List<INDArray>> six = new ArrayList<>();
        for (int m = 0; m < 6; m++) {
            six.add(List.of(m % 3 == 0 ? P0 : m % 3 == 1 ? P1 : P2));
        }
        List<SubsetEnsembles.Stats> stats = SubsetEnsembles.score(six, LABELS, 5, 3);
        assertEquals(List.of(5, 5, 5, 5, 5, 1), stats.stream().map(SubsetEnsembles.Stats::subsets).toList());
        assertEquals(List.of(false, false, false, false, false, true),
                stats.stream().map(SubsetEnsembles.Stats::exhaustive).toList());
        // Size 3 by hand from the drawn subsets: the mean of each one's own score.
        double sum = 0;
        List<int[]> drawn = SubsetEnsembles.subsets(6, 3, 5, 3);
        for (int[] c : drawn) {
            List<INDArray> models = new ArrayList<>();
            for (int g : c) models.add(six.get(g).get(0));
            sum += Metrics.score(Metrics.ensembleMean(models), LABELS).nll();
        }
        assertEquals(sum / drawn.size(), stats.get(2).mean().nll(), 1e-12);
        List<SubsetEnsembles.Stats> again = SubsetEnsembles.score(six, LABELS, 5, 3);
        assertEquals(stats, again, "deterministic");
        assertFalse(Double.isNaN(stats.get(0).sd().nll()));
    }

    private static List<List<Integer>> flat(List<int[]> s) {
        return s.stream().map(c -> java.util.Arrays.stream(c).boxed().toList()).toList();
    }
}
