package dev.basin.engine.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.Engine;
import dev.basin.engine.weights.WeightVectors;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

class WeightMatchingTest {

    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    @ParameterizedTest
    @CsvSource({"small-cnn, 0.5, 21, true", "small-cnn, 1.0, 22, false", "medium-cnn, 0.25, 23, true",
            "resnet20, 0.5, 24, true", "resnet20, 0.5, 25, false"})
    void recoversAKnownPermutationExactly(String model, double width, long seed, boolean stats) {
        ComputationGraph net = AlignFixtures.network(model, width, seed);
        PermutationSpec spec = PermutationSpecs.of(net);
        INDArray reference = WeightVectors.flat(net);
        List<int[]> hidden = Permutations.random(spec, new Random(seed));
        INDArray other = Permutations.apply(spec, reference, hidden);

        WeightMatching.Alignment a = WeightMatching.align(spec, reference, other, seed, stats);

        assertEquals(WeightVectors.sha256(reference), WeightVectors.sha256(a.aligned()), model);
        List<int[]> expected = Permutations.inverse(hidden);
        for (int g = 0; g < expected.size(); g++) {
            assertArrayEquals(expected.get(g), a.perms().get(g), spec.groups().get(g).name());
        }
        assertTrue(a.sweeps() >= 1);
    }

    /** Already aligned: one sweep, identity everywhere. */
    @Test
    void alignedInputsStayPut() {
        ComputationGraph net = AlignFixtures.network("resnet20", 0.25, 5);
        PermutationSpec spec = PermutationSpecs.of(net);
        INDArray w = WeightVectors.flat(net);
        WeightMatching.Alignment a = WeightMatching.align(spec, w, w);
        assertEquals(1, a.sweeps());
        for (int[] p : a.perms()) {
            assertTrue(Permutations.isIdentity(p));
        }
    }

    /** Two independent networks: alignment raises the weight inner product and keeps the function. */
    @Test
    void aligningAnIndependentNetworkKeepsItsFunction() {
        ComputationGraph ref = AlignFixtures.network("small-cnn", 0.5, 31);
        ComputationGraph oth = AlignFixtures.network("small-cnn", 0.5, 32);
        PermutationSpec spec = PermutationSpecs.of(ref);
        INDArray wr = WeightVectors.flat(ref);
        INDArray wo = WeightVectors.flat(oth);
        INDArray x = AlignFixtures.inputs(8, 3);
        INDArray before = oth.outputSingle(false, x).dup();
        WeightMatching.Alignment a = WeightMatching.align(spec, wr, wo);
        assertTrue(wr.mul(a.aligned()).sumNumber().doubleValue() > wr.mul(wo).sumNumber().doubleValue());
        WeightVectors.set(oth, a.aligned());
        float[] b = before.reshape(before.length()).toFloatVector();
        INDArray after = oth.outputSingle(false, x).dup();
        float[] c = after.reshape(after.length()).toFloatVector();
        for (int i = 0; i < b.length; i++) {
            assertEquals(b[i], c[i], 1e-5);
        }
    }
}
