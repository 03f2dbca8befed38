package dev.basin.engine.landscape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Recomputes the global statistics of every batch-normalisation layer for the network's current
 * weights, as SWA needs (PyTorch's {@code bn_update}) and as every point between or around trained
 * networks needs before it is evaluated: averaged or perturbed weights no longer match the stored
 * statistics.
 *
 * <p>One pass over the data in training mode: {@code feedForward(batch, true)} normalises each
 * layer with its own batch statistics, and those batch-normalised activations feed the later
 * layers during the pass, exactly as {@code bn_update} runs the model in {@code train()} mode (any
 * dropout layer is also active then, again as there). Each batch-norm layer's input is collected
 * per channel (dense: per feature; convolution: over batch and positions, in the layer's NCHW or
 * NHWC format) and merged across batches with Chan et al.'s pairwise update of count, mean and sum of
 * squared deviations, in double. The stored statistics are the mean and the POPULATION variance
 * (divided by the count, not count − 1) of the whole data set, not a moving average; DL4J's
 * training-mode normalisation also divides by the count (PyTorch's running variance uses
 * count − 1, a relative difference of 1/count).
 *
 * <p>DL4J M2.1 stores either {@code var} or, when the layer's {@code useLogStd} is on (its default),
 * {@code log10stdev} = log10(sqrt(var)), from which it rebuilds var = (10^log10stdev)². A channel with
 * zero variance (e.g. always 0 after a ReLU) is stored as var 1e-30 in the log form, since log10(0)
 * would put −∞ into the weight vector; the layer's eps dominates it anyway.
 *
 * <p>The statistics are part of DL4J's flat parameter vector, so the result of
 * {@link #recompute(ComputationGraph, INDArray, INDArray, int)} differs from its input there.
 */
public final class BatchNormStats {

    /** The smallest variance written in {@code log10stdev} form. */
    static final double LOG_STD_VARIANCE_FLOOR = 1e-30;

    private BatchNormStats() {}

    /** Whether any vertex of the graph is a batch-normalisation layer. */
    public static boolean hasBatchNorm(ComputationGraph graph) {
        return !layers(graph).isEmpty();
    }

    /**
     * Sets {@code weights} (a flat vector as from {@code params()}) into the graph, recomputes the
     * statistics over {@code features} and returns the graph's new flat parameters (a copy).
     */
    public static INDArray recompute(ComputationGraph graph, INDArray weights, INDArray features, int batchSize) {
        Flat.requireVector(weights, "weights");
        Flat.requireSameLength(graph.numParams(), weights.length(), "weights");
        graph.params().assign(weights.reshape(graph.params().shape()));
        recompute(graph, features, batchSize);
        return graph.params().dup('c').reshape(graph.numParams());
    }

    /**
     * Recomputes the statistics of the graph's current weights over {@code features}
     * ({@code [N, …]}, the graph's single input), {@code batchSize} rows at a time. A graph without
     * batch norm is left untouched (and no pass is made).
     */
    public static void recompute(ComputationGraph graph, INDArray features, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (graph.getNumInputArrays() != 1) {
            throw new IllegalArgumentException("only single-input graphs, this one has " + graph.getNumInputArrays());
        }
        List<LayerVertex> layers = layers(graph);
        if (layers.isEmpty()) {
            return;
        }
        long n = features.size(0);
        if (n < 1) {
            throw new IllegalArgumentException("no examples to compute statistics from");
        }
        List<Moments> moments = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            moments.add(null);
        }
        String inputName = graph.getConfiguration().getNetworkInputs().get(0);
        for (long start = 0; start < n; start += batchSize) {
            long end = Math.min(n, start + batchSize);
            INDArray batch = features.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()).dup();
            Map<String, INDArray> activations = graph.feedForward(batch, true);
            for (int l = 0; l < layers.size(); l++) {
                INDArray in = layerInput(graph, layers.get(l), activations, inputName, batch);
                Moments m = Moments.of(perChannelRows(in, layers.get(l)));
                moments.set(l, moments.get(l) == null ? m : moments.get(l).merge(m));
            }
        }
        graph.clearLayersStates();
        for (int l = 0; l < layers.size(); l++) {
            store(layers.get(l), moments.get(l));
        }
    }

    /**
     * Sets every BN layer's statistics to a new network's: mean 0, variance 1 ({@code log10stdev} 0). For a model
     * stored from trainable weights alone, so that what it stores does not depend on what was evaluated before.
     */
    public static void reset(ComputationGraph graph) {
        for (LayerVertex v : layers(graph)) {
            v.getLayer().paramTable().forEach((key, view) -> {
                switch (key) {
                    case BatchNormalizationParamInitializer.GLOBAL_MEAN, BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                            -> view.assign(0);
                    case BatchNormalizationParamInitializer.GLOBAL_VAR -> view.assign(1);
                    default -> { }
                }
            });
        }
    }

    private static List<LayerVertex> layers(ComputationGraph graph) {
        List<LayerVertex> out = new ArrayList<>();
        for (GraphVertex v : graph.getVertices()) {
            if (v instanceof LayerVertex lv && lv.getLayer()
                    instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization) {
                out.add(lv);
            }
        }
        return out;
    }

    private static org.deeplearning4j.nn.conf.layers.BatchNormalization conf(LayerVertex v) {
        return (org.deeplearning4j.nn.conf.layers.BatchNormalization) v.getLayer().conf().getLayer();
    }

    /** The layer's input for this batch: its input vertex's activations, through its preprocessor. */
    private static INDArray layerInput(ComputationGraph graph, LayerVertex v, Map<String, INDArray> activations,
                                       String inputName, INDArray batch) {
        List<String> inputs = graph.getConfiguration().getVertexInputs().get(v.getVertexName());
        if (inputs == null || inputs.size() != 1) {
            throw new IllegalStateException("batch-norm vertex " + v.getVertexName() + " has inputs " + inputs);
        }
        String from = inputs.get(0);
        INDArray in = activations.containsKey(from) ? activations.get(from)
                : from.equals(inputName) ? batch : null;
        if (in == null) {
            throw new IllegalStateException("no activations of " + from + " in the forward pass");
        }
        InputPreProcessor pre = v.getLayerPreProcessor();
        return pre == null ? in : pre.preProcess(in, (int) in.size(0), LayerWorkspaceMgr.noWorkspaces());
    }

    /** The input as a [rows, channels] double matrix, one row per (example, position). */
    private static INDArray perChannelRows(INDArray in, LayerVertex v) {
        INDArray x = in.castTo(DataType.DOUBLE);
        return switch (x.rank()) {
            case 2 -> x;
            case 4 -> conf(v).getCnn2DFormat() == CNN2DFormat.NHWC
                    ? x.dup('c').reshape('c', -1, x.size(3))
                    : x.permute(0, 2, 3, 1).dup('c').reshape('c', -1, x.size(1));
            default -> throw new IllegalArgumentException("batch norm on rank-" + x.rank()
                    + " activations is not supported (" + v.getVertexName() + ")");
        };
    }

    private static void store(LayerVertex v, Moments m) {
        double[] variance = m.populationVariance();
        INDArray meanView = v.getLayer().getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        meanView.assign(Nd4j.createFromArray(m.mean).reshape(meanView.shape()).castTo(meanView.dataType()));
        boolean logStd = v.getLayer().paramTable().containsKey(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
        String key = logStd ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD : BatchNormalizationParamInitializer.GLOBAL_VAR;
        double[] stored = variance.clone();
        if (logStd) {
            for (int c = 0; c < stored.length; c++) {
                stored[c] = 0.5 * Math.log10(Math.max(stored[c], LOG_STD_VARIANCE_FLOOR));
            }
        }
        INDArray view = v.getLayer().getParam(key);
        view.assign(Nd4j.createFromArray(stored).reshape(view.shape()).castTo(view.dataType()));
    }

    /** Per-channel count, mean and sum of squared deviations (M2), in double. */
    private record Moments(long count, double[] mean, double[] m2) {

        static Moments of(INDArray rows) {
            double[] mean = rows.mean(0).toDoubleVector();
            INDArray centred = rows.subRowVector(Nd4j.createFromArray(mean));
            double[] m2 = centred.mul(centred).sum(0).toDoubleVector();
            return new Moments(rows.size(0), mean, m2);
        }

        /** Chan et al.'s exact merge of two disjoint sets' moments. */
        Moments merge(Moments o) {
            long total = count + o.count;
            double[] mu = new double[mean.length];
            double[] s = new double[mean.length];
            for (int c = 0; c < mu.length; c++) {
                double delta = o.mean[c] - mean[c];
                mu[c] = mean[c] + delta * o.count / total;
                s[c] = m2[c] + o.m2[c] + delta * delta * ((double) count * o.count / total);
            }
            return new Moments(total, mu, s);
        }

        double[] populationVariance() {
            double[] v = new double[m2.length];
            for (int c = 0; c < v.length; c++) {
                v[c] = Math.max(0, m2[c] / count);
            }
            return v;
        }
    }
}
