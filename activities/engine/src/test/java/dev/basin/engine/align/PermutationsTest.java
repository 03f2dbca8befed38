package dev.basin.engine.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.Engine;
import dev.basin.engine.align.PermutationSpec.Axis;
import dev.basin.engine.align.PermutationSpec.Group;
import dev.basin.engine.weights.WeightVectors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

class PermutationsTest {

    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    /** Group sizes at width 0.5: one per conv / hidden dense width; one per residual stage in resnet20. */
    @Test
    void groupsFollowTheArchitecture() {
        assertEquals(List.of(8, 16, 64), sizes(PermutationSpecs.of(AlignFixtures.network("small-cnn", 0.5, 1))));
        assertEquals(List.of(32, 64, 128, 128),
                sizes(PermutationSpecs.of(AlignFixtures.network("medium-cnn", 0.5, 1))));
        PermutationSpec resnet = PermutationSpecs.of(AlignFixtures.network("resnet20", 0.5, 1));
        assertEquals(List.of(8, 8, 8, 8, 16, 16, 16, 16, 32, 32, 32, 32), sizes(resnet));
        Group stage1 = resnet.groups().get(0);
        assertEquals("stem-conv,s1b1-2-conv,s1b2-2-conv,s1b3-2-conv", stage1.name());
        assertTrue(resnet.groups().stream().anyMatch(g -> g.name().contains("s2b1-proj-conv")));
    }

    /** Everything but the output layer's bias (one per class) moves under some permutation. */
    @Test
    void everyHiddenParameterIsCovered() {
        for (String model : List.of("small-cnn", "medium-cnn", "resnet20")) {
            PermutationSpec spec = PermutationSpecs.of(AlignFixtures.network(model, 0.25, 2));
            Set<Integer> touched = new HashSet<>();
            for (Group g : spec.groups()) {
                for (Axis a : g.axes()) {
                    for (int p : a.positions()) {
                        touched.add(p);
                    }
                }
            }
            assertEquals(spec.numParams() - 10, touched.size(), model);
        }
    }

    @ParameterizedTest
    @CsvSource({"small-cnn, 0.5, 11", "small-cnn, 0.25, 12", "medium-cnn, 0.25, 13", "resnet20, 0.5, 14",
            "resnet20, 0.25, 15"})
    void permutedNetworkComputesTheSameFunction(String model, double width, long seed) {
        ComputationGraph net = AlignFixtures.network(model, width, seed);
        PermutationSpec spec = PermutationSpecs.of(net);
        INDArray x = AlignFixtures.inputs(16, seed);
        INDArray before = net.outputSingle(false, x).dup();
        INDArray w = WeightVectors.flat(net);
        List<int[]> perms = Permutations.random(spec, new Random(seed));
        INDArray permuted = Permutations.apply(spec, w, perms);
        assertNotEquals(WeightVectors.sha256(w), WeightVectors.sha256(permuted));
        WeightVectors.set(net, permuted);
        INDArray after = net.outputSingle(false, x);
        float[] a = before.reshape(before.length()).toFloatVector();
        float[] b = after.dup().reshape(after.length()).toFloatVector();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-5, model + " output " + i);
        }
        assertTrue(before.maxNumber().doubleValue() < 0.99 && before.minNumber().doubleValue() > 1e-4,
                "outputs should not be saturated: " + before.maxNumber() + " " + before.minNumber());
        INDArray back = Permutations.apply(spec, permuted, Permutations.inverse(perms));
        assertArrayEquals(w.toFloatVector(), back.toFloatVector());
    }

    /**
     * Controls for the test above: leaving out any one kind of axis (the flattened dense rows of
     * small-cnn, a residual stage's running means in resnet20) changes the outputs.
     */
    @ParameterizedTest
    @CsvSource({"small-cnn, 1, KERNEL_IN", "small-cnn, 0, BIAS", "resnet20, 0, BN_MEAN", "resnet20, 4, BN_VARIANCE",
            "resnet20, 8, KERNEL_IN"})
    void omittingAnAxisChangesTheFunction(String model, int group, PermutationSpec.Role role) {
        ComputationGraph net = AlignFixtures.network(model, 0.5, 41);
        PermutationSpec spec = PermutationSpecs.of(net);
        List<Group> groups = new ArrayList<>(spec.groups());
        Group g = groups.get(group);
        List<Axis> kept = g.axes().stream().filter(a -> a.role() != role).toList();
        assertTrue(kept.size() < g.axes().size());
        groups.set(group, new Group(g.name(), g.size(), kept));
        PermutationSpec broken = new PermutationSpec(spec.numParams(), groups);
        INDArray x = AlignFixtures.inputs(16, 41);
        INDArray before = net.outputSingle(false, x).dup();
        WeightVectors.set(net, Permutations.apply(broken, WeightVectors.flat(net),
                Permutations.random(spec, new Random(41))));
        INDArray after = net.outputSingle(false, x);
        assertTrue(before.sub(after).amaxNumber().doubleValue() > 1e-3, model + " " + role);
    }

    @Test
    void rejectsWrongPermutations() {
        PermutationSpec spec = PermutationSpecs.of(AlignFixtures.network("small-cnn", 0.25, 3));
        float[] w = new float[(int) spec.numParams()];
        List<int[]> bad = Permutations.identity(spec);
        bad.get(0)[0] = 1;
        assertThrows(IllegalArgumentException.class, () -> Permutations.apply(spec, w, bad));
        assertThrows(IllegalArgumentException.class, () -> Permutations.apply(spec, w, List.of()));
    }

    private static List<Integer> sizes(PermutationSpec spec) {
        return spec.groups().stream().map(Group::size).toList();
    }
}
