package dev.basin.engine.landscape;

import dev.basin.engine.data.Dataset;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * MC dropout (Gal &amp; Ghahramani 2016): predictions of one set of weights with the network's own dropout layers
 * sampling, every other layer in inference mode. A network-level {@code output(x, true)} would also switch batch
 * norm to batch statistics, so this runs the graph vertex by vertex in topological order and passes
 * {@code training = true} only to the layers that carry a dropout; batch norm keeps its running statistics.
 *
 * <p>DL4J draws the masks from ND4J's per-thread random generator; it is seeded with {@code seed} before the first
 * batch, so one seed gives one mask stream over the whole data set (one independent mask per example and unit, as a
 * Monte Carlo forward pass draws them) and the same predictions on the same thread count.
 */
public final class McDropout {

    private McDropout() {}

    /** Whether any layer of {@code net} applies dropout (to its input) when training. */
    public static boolean hasDropout(ComputationGraph net) {
        return Arrays.stream(net.getLayers()).anyMatch(l -> dropout(l.conf().getLayer()));
    }

    /** Whether any layer of a configuration applies dropout: decided without allocating parameters. */
    public static boolean hasDropout(ComputationGraphConfiguration conf) {
        return conf.getVertices().values().stream().anyMatch(v -> v instanceof LayerVertex lv
                && lv.getLayerConf() != null && dropout(lv.getLayerConf().getLayer()));
    }

    private static boolean dropout(Layer layer) {
        return layer != null && layer.getIDropout() != null;
    }

    /**
     * Softmax outputs of {@code net} (its weights as set) on {@code data} with its dropout sampling, in batches.
     *
     * @param seed       seeds the mask stream
     * @param afterBatch run after each batch (a heartbeat)
     * @return float32 {@code [n, classes]}
     * @throws IllegalArgumentException when the network has no dropout layer (the output would be deterministic)
     */
    public static INDArray predict(ComputationGraph net, Dataset data, long seed, int batch, Runnable afterBatch) {
        if (!hasDropout(net)) {
            throw new IllegalArgumentException("MC dropout needs a network with dropout layers; this one has none");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        if (net.getConfiguration().getNetworkInputs().size() != 1
                || net.getConfiguration().getNetworkOutputs().size() != 1) {
            throw new IllegalArgumentException("MC dropout supports one input and one output");
        }
        Nd4j.getRandom().setSeed(seed);
        int n = data.size();
        INDArray out = Nd4j.create(DataType.FLOAT, n, data.classes());
        try {
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(n, from + batch);
                INDArray x = data.features().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
                out.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).assign(forward(net, x));
                afterBatch.run();
            }
        } finally {
            net.clearLayersStates();
        }
        return out;
    }

    /** One forward pass, dropout layers in training mode and every other layer in inference mode. */
    private static INDArray forward(ComputationGraph net, INDArray x) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        net.setInput(0, x); // the preprocessors read the batch size from the graph's input
        GraphVertex[] vertices = net.getVertices();
        INDArray[] activations = new INDArray[vertices.length];
        String output = net.getConfiguration().getNetworkOutputs().get(0);
        INDArray result = null;
        for (int i : net.topologicalSortOrder()) {
            GraphVertex v = vertices[i];
            if (v.isInputVertex()) {
                activations[i] = x;
                continue;
            }
            VertexIndices[] in = v.getInputVertices();
            for (int j = 0; j < in.length; j++) {
                v.setInput(j, activations[in[j].getVertexIndex()], mgr);
            }
            boolean sampling = false;
            if (v instanceof org.deeplearning4j.nn.graph.vertex.impl.LayerVertex lv) {
                lv.applyPreprocessorAndSetInput(mgr);
                sampling = dropout(v.getLayer().conf().getLayer());
            }
            activations[i] = v.doForward(sampling, mgr);
            if (v.getVertexName().equals(output)) {
                result = activations[i];
            }
        }
        return result.castTo(DataType.FLOAT);
    }
}
