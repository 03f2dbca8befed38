package dev.basin.engine.align;

import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.model.Models;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small networks with every parameter kind non-trivial, so that a wrong axis cannot go unseen. */
final class AlignFixtures {

    static final OptimizerConfig SGD = new OptimizerConfig("sgd", 0.1, 0, 0);

    private AlignFixtures() {}

    /**
     * 28×28×1 input, 10 classes; biases and batch-norm parameters and statistics made random (resnet20's
     * head also scaled down).
     */
    static ComputationGraph network(String model, double width, long seed) {
        ComputationGraph net = Models.build(new ModelConfig(model, width), SGD, seed, 1, 28, 28, 10);
        Random rnd = new Random(seed * 31 + 7);
        for (Layer layer : net.getLayers()) {
            for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
                INDArray p = e.getValue();
                switch (e.getKey()) {
                    case "b", "beta", "mean" -> p.assign(values(p, rnd, -0.3, 0.3));
                    case "gamma" -> p.assign(values(p, rnd, 0.5, 1.5));
                    case "var" -> p.assign(values(p, rnd, 0.3, 2.0));
                    case "log10stdev" -> p.assign(values(p, rnd, -0.3, 0.2));
                    default -> { }
                }
            }
        }
        if (net.getConfiguration().getVertices().containsKey("pool")) {
            // Random statistics blow the residual stream up; a smaller head keeps the softmax from
            // saturating, where equal outputs would prove little.
            net.getLayer(Models.OUTPUT).getParam("W").muli(0.02);
        }
        return net;
    }

    static INDArray inputs(int n, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[n * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextFloat();
        }
        return Nd4j.createFromArray(x).reshape(n, 784);
    }

    private static INDArray values(INDArray like, Random rnd, double lo, double hi) {
        float[] v = new float[(int) like.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (lo + (hi - lo) * rnd.nextDouble());
        }
        return Nd4j.createFromArray(v).reshape(like.shape()).castTo(DataType.FLOAT);
    }
}
