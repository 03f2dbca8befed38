package dev.basin.engine.weights;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Which entries of DL4J's flat parameter vector ({@link WeightVectors#flat}) a weight-space
 * computation sees.
 *
 * <ul>
 *   <li>{@link #ALL}: every entry, batch-norm running mean and variance ({@code mean}, {@code var} or
 *       {@code log10stdev}) included: what a checkpoint stores.</li>
 *   <li>{@link #TRAINABLE}: what gradient descent trains (conv/dense {@code W} and {@code b}, BN
 *       γ and β), as Fort et al. (the DeepMind notebook's {@code trainable_variables}) and Garipov
 *       et al. ({@code model.parameters()}) flatten a network. For a model without batch norm it
 *       equals {@link #ALL}.</li>
 *   <li>{@link #KERNELS}: conv and dense kernels ({@code W}) alone, no biases, no BN γ/β. BN's γ
 *       starts at 1 in every member and moves little, so it is a shared component that lifts the
 *       cosine of independent members; kernels alone show how different they really are.</li>
 * </ul>
 */
public enum ParamScope {
    ALL, TRAINABLE, KERNELS;

    private static final List<String> RUNNING = List.of(BatchNormalizationParamInitializer.GLOBAL_MEAN,
            BatchNormalizationParamInitializer.GLOBAL_VAR, BatchNormalizationParamInitializer.GLOBAL_LOG_STD);

    /** The lower-case name stored and shown ({@code all}, {@code trainable}, {@code kernels}). */
    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether parameter {@code key} of {@code layer} belongs to this scope. */
    boolean keeps(Layer layer, String key) {
        boolean bn = layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization;
        return switch (this) {
            case ALL -> true;
            case TRAINABLE -> !(bn && RUNNING.contains(key));
            case KERNELS -> !bn && DefaultParamInitializer.WEIGHT_KEY.equals(key);
        };
    }

    /**
     * The positions in the flat vector this scope keeps, ascending. Found by marking each kept
     * parameter's view in a copy of the layout, so it follows DL4J's own order whatever the graph.
     */
    public int[] indices(ComputationGraph net) {
        INDArray saved = WeightVectors.flat(net);
        float[] mask;
        try {
            net.params().assign(0);
            for (Layer layer : net.getLayers()) {
                for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
                    if (keeps(layer, e.getKey())) {
                        e.getValue().assign(1);
                    }
                }
            }
            mask = WeightVectors.flat(net).toFloatVector();
        } finally {
            WeightVectors.set(net, saved);
        }
        int n = 0;
        for (float m : mask) {
            n += m != 0 ? 1 : 0;
        }
        int[] out = new int[n];
        for (int i = 0, k = 0; i < mask.length; i++) {
            if (mask[i] != 0) {
                out[k++] = i;
            }
        }
        return out;
    }
}
