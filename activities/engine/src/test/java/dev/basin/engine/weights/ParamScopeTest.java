package dev.basin.engine.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.Engine;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.landscape.BatchNormStats;
import dev.basin.engine.model.Models;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Trainable and kernel vectors against the networks' own parameter tables. */
class ParamScopeTest {
    private static final OptimizerConfig SGD = new OptimizerConfig("sgd", 0.1, 0, 0);

    private static ComputationGraph net(String name, double width, long seed) {
        Engine.init(2);
        return Models.build(new ModelConfig(name, width), SGD, seed, 1, 28, 28, 10);
    }

    /** Sum of the lengths of the paramTable entries whose key passes, by layer kind. */
    private static long count(ComputationGraph net, boolean kernelsOnly) {
        long n = 0;
        for (Layer layer : net.getLayers()) {
            boolean bn = layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization;
            for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
                String k = e.getKey();
                boolean keep = kernelsOnly ? !bn && k.equals("W") : !(bn && (k.equals("mean") || k.equals("var")
                        || k.equals("log10stdev")));
                n += keep ? e.getValue().length() : 0;
            }
        }
        return n;
    }

    @Test
    void resnet20VectorsHaveTheLengthsOfTheirParamTableEntries() {
        ComputationGraph net = net("resnet20", 0.25, 1);
        long trainable = count(net, false);
        long kernels = count(net, true);
        assertEquals(trainable, WeightVectors.trainable(net).length());
        assertEquals(trainable, WeightVectors.trainableCount(net));
        assertEquals(kernels, WeightVectors.kernels(net).length());
        // 19 BN layers of 4, 8 or 16 channels hold γ, β, mean and log10stdev: running stats are 2 per channel
        long bnChannels = 0;
        for (Layer layer : net.getLayers()) {
            if (layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization) {
                bnChannels += layer.paramTable().get("gamma").length();
            }
        }
        assertEquals(net.numParams() - 2 * bnChannels, trainable);
        // trainable = kernels + BN γ, β + the dense layer's bias (ResNet20's convs have none)
        assertEquals(kernels + 2 * bnChannels + 10, trainable);
        assertTrue(kernels < trainable && trainable < net.numParams());
    }

    @Test
    void setTrainableRoundTripsAndLeavesTheRunningStatisticsAlone() {
        ComputationGraph a = net("resnet20", 0.25, 1);
        ComputationGraph b = net("resnet20", 0.25, 2);
        // give b distinctive running statistics
        for (Layer layer : b.getLayers()) {
            if (layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization) {
                layer.getParam("mean").assign(0.25);
                layer.paramTable().entrySet().stream().filter(e -> !e.getKey().equals("mean")
                        && !e.getKey().equals("gamma") && !e.getKey().equals("beta"))
                        .forEach(e -> e.getValue().assign(0.75)); // var or log10stdev, whichever it keeps
            }
        }
        INDArray runningBefore = running(b);
        INDArray wa = WeightVectors.trainable(a);
        assertNotEquals(wa, WeightVectors.trainable(b));
        WeightVectors.setTrainable(b, wa);
        assertEquals(wa, WeightVectors.trainable(b));
        assertEquals(runningBefore, running(b), "running mean and variance untouched");
        assertArrayEquals(WeightVectors.kernels(a).toFloatVector(), WeightVectors.kernels(b).toFloatVector(), 0f);
        assertThrows(IllegalArgumentException.class, () -> WeightVectors.setTrainable(b, WeightVectors.flat(a)));

        // told apart by length: a whole vector sets everything, a trainable one leaves the statistics
        assertTrue(WeightVectors.setWholeOrTrainable(b, WeightVectors.flat(a)));
        assertEquals(WeightVectors.flat(a), WeightVectors.flat(b));
        java.util.Arrays.stream(b.getLayers()).filter(l -> l.paramTable().containsKey("mean")).findFirst()
                .orElseThrow().paramTable().get("mean").assign(0.5);
        assertEquals(false, WeightVectors.setWholeOrTrainable(b, wa));
        assertNotEquals(WeightVectors.flat(a), WeightVectors.flat(b));
        // reset: a new network's statistics (mean 0, variance 1), whatever was there
        BatchNormStats.reset(b);
        assertEquals(WeightVectors.flat(net("resnet20", 0.25, 1)), WeightVectors.flat(b));
    }

    private static INDArray running(ComputationGraph net) {
        INDArray flat = WeightVectors.flat(net);
        int[] trainable = ParamScope.TRAINABLE.indices(net);
        java.util.Set<Integer> t = new java.util.HashSet<>();
        for (int i : trainable) {
            t.add(i);
        }
        float[] all = flat.toFloatVector();
        float[] out = new float[all.length - trainable.length];
        for (int i = 0, k = 0; i < all.length; i++) {
            if (!t.contains(i)) {
                out[k++] = all[i];
            }
        }
        return org.nd4j.linalg.factory.Nd4j.createFromArray(out);
    }

    @Test
    void withoutBatchNormTrainableIsTheFlatVector() {
        ComputationGraph net = net("small-cnn", 1.0, 3);
        INDArray flat = WeightVectors.flat(net);
        assertEquals(flat, WeightVectors.trainable(net));
        assertEquals(WeightVectors.sha256(flat), WeightVectors.sha256(WeightVectors.trainable(net)));
        // small-cnn's kernels: 1·16·9 + 16·32·9 + 1568·128 + 128·10 (its biases: 16 + 32 + 128 + 10)
        assertEquals(144 + 4_608 + 200_704 + 1_280, WeightVectors.kernels(net).length());
        assertEquals(206_922 - 186, WeightVectors.kernels(net).length());
        ComputationGraph other = net("small-cnn", 1.0, 4);
        WeightVectors.setTrainable(other, flat);
        assertEquals(flat, WeightVectors.flat(other));
    }
}
