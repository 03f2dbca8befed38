package dev.basin.engine.distill;

import dev.basin.engine.train.DistillationLoss;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;

/** Network surgery for distillation: the same parameters, logits out, the distillation loss. */
final class Students {
    private Students() {}

    /**
     * Switches {@code net}'s output layer to the identity activation and {@link DistillationLoss}. DL4J's layers
     * read both from their configuration at every pass, so the change applies to the initialised network.
     */
    static void useDistillationLoss(ComputationGraph net, double alpha, double temperature) {
        int outputs = net.getNumOutputArrays();
        if (outputs != 1 || !(net.getOutputLayer(0).conf().getLayer() instanceof BaseOutputLayer conf)) {
            throw new IllegalArgumentException("a student needs exactly one output layer, got " + outputs);
        }
        conf.setActivationFn(Activation.IDENTITY.getActivationFunction());
        conf.setLossFn(new DistillationLoss(alpha, temperature));
    }
}
