package dev.basin.engine.model;

import dev.basin.engine.data.Dataset;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Softmax predictions of a network in inference mode (no dropout). */
public final class Predictor {

    public static final int DEFAULT_BATCH = 1000;

    private Predictor() {}

    public static INDArray predict(ComputationGraph net, Dataset data) {
        return predict(net, data, DEFAULT_BATCH);
    }

    /** @return float32 {@code [n, classes]} class probabilities, row i for example i */
    public static INDArray predict(ComputationGraph net, Dataset data, int batch) {
        return predict(net, data, batch, () -> {});
    }

    /**
     * As {@link #predict(ComputationGraph, Dataset, int)}, running {@code afterBatch} after each
     * batch (a heartbeat: a large test set of a large model takes longer than a heartbeat timeout).
     */
    public static INDArray predict(ComputationGraph net, Dataset data, int batch, Runnable afterBatch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        int n = data.size();
        INDArray out = Nd4j.create(DataType.FLOAT, n, data.classes());
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            INDArray x = data.features().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            out.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).assign(net.outputSingle(false, x));
            afterBatch.run();
        }
        return out;
    }
}
