package dev.basin.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.Engine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

class DistillationLossTest {

    private static final IActivation IDENTITY = Activation.IDENTITY.getActivationFunction();

    // 2 examples, 3 classes
    private static final double[][] Z = {{1.0, -0.5, 2.0}, {0.3, 0.8, -1.2}};
    private static final double[][] Y = {{0, 0, 1}, {1, 0, 0}};
    private static final double[][] TEACHER = {{0.1, 0.2, 0.7}, {0.5, 0.45, 0.05}};

    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    private static INDArray labels() {
        return DistillationLoss.labels(Nd4j.create(Y), Nd4j.create(TEACHER));
    }

    /** softmax(z/τ) the long way, no log-sum-exp. */
    private static double[] softmax(double[] z, double tau) {
        double[] e = new double[z.length];
        double s = 0;
        for (int k = 0; k < z.length; k++) {
            e[k] = Math.exp(z[k] / tau);
            s += e[k];
        }
        for (int k = 0; k < z.length; k++) {
            e[k] /= s;
        }
        return e;
    }

    /** softmax(log p / τ) = p^(1/τ) / Σ p^(1/τ). */
    private static double[] tempered(double[] p, double tau) {
        double[] q = new double[p.length];
        double s = 0;
        for (int k = 0; k < p.length; k++) {
            q[k] = Math.pow(p[k], 1 / tau);
            s += q[k];
        }
        for (int k = 0; k < p.length; k++) {
            q[k] /= s;
        }
        return q;
    }

    private static double byHand(int i, double alpha, double tau) {
        double[] p = softmax(Z[i], 1);
        double[] s = softmax(Z[i], tau);
        double[] q = tempered(TEACHER[i], tau);
        double ce = 0;
        double kl = 0;
        for (int k = 0; k < 3; k++) {
            ce -= Y[i][k] * Math.log(p[k]);
            kl += q[k] * Math.log(q[k] / s[k]);
        }
        return (1 - alpha) * ce + alpha * tau * tau * kl;
    }

    @Test
    void scoreMatchesAHandComputedValue() {
        DistillationLoss loss = new DistillationLoss(0.3, 2.0);
        INDArray z = Nd4j.create(Z);
        double e0 = byHand(0, 0.3, 2.0);
        double e1 = byHand(1, 0.3, 2.0);
        assertArrayEquals(new double[] {e0, e1},
                loss.computeScoreArray(labels(), z, IDENTITY, null).reshape(2).toDoubleVector(), 1e-12);
        assertEquals(e0 + e1, loss.computeScore(labels(), z, IDENTITY, null, false), 1e-12);
        assertEquals((e0 + e1) / 2, loss.computeScore(labels(), z, IDENTITY, null, true), 1e-12);
        // a per-example mask drops the second example
        INDArray mask = Nd4j.create(new double[][] {{1}, {0}});
        assertEquals(e0, loss.computeScore(labels(), z, IDENTITY, mask, false), 1e-12);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        for (double[] at : new double[][] {{0.3, 2.0}, {1.0, 4.0}, {0.5, 0.5}}) {
            DistillationLoss loss = new DistillationLoss(at[0], at[1]);
            INDArray z = Nd4j.create(Z);
            double[][] g = loss.computeGradient(labels(), z, IDENTITY, null).toDoubleMatrix();
            double h = 1e-6;
            for (int i = 0; i < 2; i++) {
                for (int k = 0; k < 3; k++) {
                    INDArray plus = z.dup();
                    plus.putScalar(i, k, Z[i][k] + h);
                    INDArray minus = z.dup();
                    minus.putScalar(i, k, Z[i][k] - h);
                    double fd = (loss.computeScore(labels(), plus, IDENTITY, null, false)
                            - loss.computeScore(labels(), minus, IDENTITY, null, false)) / (2 * h);
                    assertEquals(fd, g[i][k], 1e-7, "alpha " + at[0] + ", tau " + at[1] + ", [" + i + "," + k + "]");
                }
            }
        }
    }

    /** α = 0 is DL4J's softmax cross-entropy, score and gradient, whatever the teacher columns hold. */
    @Test
    void alphaZeroIsPlainCrossEntropy() {
        DistillationLoss loss = new DistillationLoss(0, 3.0);
        INDArray z = Nd4j.create(Z);
        INDArray y = Nd4j.create(Y);
        INDArray noTeacher = DistillationLoss.labels(y, Nd4j.zeros(DataType.DOUBLE, 2, 3));
        IActivation softmax = Activation.SOFTMAX.getActivationFunction();
        LossMCXENT ce = new LossMCXENT();
        assertEquals(ce.computeScore(y, z.dup(), softmax, null, false),
                loss.computeScore(noTeacher, z, IDENTITY, null, false), 1e-12);
        assertArrayEquals(ce.computeGradient(y, z.dup(), softmax, null).ravel().toDoubleVector(),
                loss.computeGradient(noTeacher, z, IDENTITY, null).ravel().toDoubleVector(), 1e-12);
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new DistillationLoss(-0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DistillationLoss(1.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DistillationLoss(0.5, 0));
        DistillationLoss loss = new DistillationLoss(0.5, 2);
        assertThrows(IllegalArgumentException.class,
                () -> loss.computeScore(Nd4j.create(Y), Nd4j.create(Z), IDENTITY, null, false));
    }

    @Test
    void ensembleTeacherAndProbabilities() {
        INDArray a = Nd4j.create(new double[][] {{0.2, 0.8}});
        INDArray b = Nd4j.create(new double[][] {{0.6, 0.4}});
        assertArrayEquals(new double[] {0.4, 0.6}, DistillationLoss.ensembleTeacher(List.of(a, b)).toDoubleVector(), 1e-15);
        double[] p = DistillationLoss.probabilities(Nd4j.create(Z)).getRow(0).toDoubleVector();
        assertArrayEquals(softmax(Z[0], 1), p, 1e-12);
    }

    private static ComputationGraph graph(DistillationLoss loss) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(3).dataType(DataType.DOUBLE).updater(new Sgd(0.1))
                .graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(loss).nIn(5).nOut(3).activation(Activation.IDENTITY).build(),
                        "hidden")
                .setOutputs("out")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** A graph with the loss survives ModelSerializer and JSON, and trains on [y | teacher] labels. */
    @Test
    void graphWithTheLossRoundTripsAndTrains() throws Exception {
        DistillationLoss loss = new DistillationLoss(0.7, 2.5);
        ComputationGraph net = graph(loss);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4);
        INDArray labels = labels();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        ComputationGraph back = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), true);
        OutputLayer out = (OutputLayer) back.getLayer("out").conf().getLayer();
        assertEquals(loss, out.getLossFn());
        assertEquals(net.getConfiguration().toJson(), back.getConfiguration().toJson());
        assertEquals(net.getConfiguration(),
                ComputationGraphConfiguration.fromJson(net.getConfiguration().toJson()));

        // the network's score is the loss on its logits, averaged over the minibatch
        INDArray logits = net.outputSingle(false, x);
        net.setInput(0, x);
        net.setLabels(labels);
        net.computeGradientAndScore();
        assertEquals(loss.computeScore(labels, logits, IDENTITY, null, true), net.score(), 1e-12);
        back.setInput(0, x);
        back.setLabels(labels);
        back.computeGradientAndScore();
        assertEquals(net.score(), back.score(), 0);

        double before = net.score();
        for (int i = 0; i < 50; i++) {
            net.fit(new INDArray[] {x}, new INDArray[] {labels});
        }
        net.computeGradientAndScore();
        assertTrue(net.score() < before, "fitting lowers the distillation loss: " + before + " -> " + net.score());
    }
}
