package dev.basin.engine.curve;

import dev.basin.engine.metrics.Metrics;
import dev.basin.engine.metrics.Scores;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An ensemble of points along a curve (Garipov et al. 2018, Sec. 6): the mean of the softmax outputs of the
 * networks at the given t. With t = {0, 1} it is the two-model ensemble of the curve's ends.
 */
public final class CurveEnsemble {
    private CurveEnsemble() {}

    /** The k evenly spaced interior points of [0, 1]: t = i/(k+1), i = 1..k. */
    public static double[] interior(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("an ensemble of " + k + " points");
        }
        double[] ts = new double[k];
        for (int i = 1; i <= k; i++) {
            ts[i - 1] = i / (k + 1.0);
        }
        return ts;
    }

    /** The mean softmax of the networks at {@code ts}; {@code predict} gives the softmax outputs at one t. */
    public static INDArray mean(double[] ts, DoubleFunction<INDArray> predict) {
        List<INDArray> outputs = new ArrayList<>();
        for (double t : ts) {
            outputs.add(predict.apply(t));
        }
        return Metrics.ensembleMean(outputs);
    }

    /** {@link #mean} scored against {@code labels}. */
    public static Scores score(double[] ts, DoubleFunction<INDArray> predict, int[] labels) {
        return Metrics.score(mean(ts, predict), labels);
    }
}
