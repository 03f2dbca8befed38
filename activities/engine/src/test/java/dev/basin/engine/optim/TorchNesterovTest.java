package dev.basin.engine.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.Engine;
import dev.basin.engine.train.Checkpoints;
import dev.basin.engine.train.TrainPosition;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link TorchNesterov} against PyTorch's SGD(momentum, nesterov=True, weight_decay) written out by hand in double
 * precision, on a softmax regression (3 inputs, 2 classes) over steps with a learning-rate change in between.
 */
class TorchNesterovTest {

    private static final double MU = 0.9;
    private static final double WD = 0.01;
    /** The rate of each step: constant, then a change after step 3, and another after step 5. */
    private static final double[] LR = {0.5, 0.5, 0.5, 0.05, 0.05, 0.2, 0.2};
    private static final double[][] X = {{1, 2, -1}, {0.5, -1, 2}, {-1, 0.5, 0.3}, {2, 1, 1}};
    private static final int[] Y = {0, 1, 1, 0};

    @BeforeAll
    static void init() {
        Engine.init(1);
    }

    private static ComputationGraph net(IUpdater updater) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(updater).l2(WD).l2Bias(WD).graphBuilder().addInputs("in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "in")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static DataSet data() {
        double[][] y = new double[Y.length][2];
        for (int i = 0; i < Y.length; i++) {
            y[i][Y[i]] = 1;
        }
        return new DataSet(Nd4j.createFromArray(X), Nd4j.createFromArray(y));
    }

    /** W [3][2] and b [2] of the output layer. */
    private static double[][] w(ComputationGraph g) {
        return g.getParam("out_W").toDoubleMatrix();
    }

    private static double[] b(ComputationGraph g) {
        return g.getParam("out_b").toDoubleVector();
    }

    /**
     * PyTorch's step on θ = (W, b): d = ∇ mean CE + wd·θ; buf = μ·buf + d (buf = d at the first step);
     * θ ← θ − lr·(d + μ·buf). Runs {@code steps} steps from the given weights and returns them flattened W then b.
     */
    private static double[] torch(double[][] w0, double[] b0, int steps) {
        double[][] w = new double[3][];
        for (int i = 0; i < 3; i++) {
            w[i] = w0[i].clone();
        }
        double[] b = b0.clone();
        double[][] bufW = new double[3][2];
        double[] bufB = new double[2];
        int n = X.length;
        for (int s = 0; s < steps; s++) {
            double[][] gw = new double[3][2];
            double[] gb = new double[2];
            for (int r = 0; r < n; r++) {
                double[] z = new double[2];
                for (int k = 0; k < 2; k++) {
                    z[k] = b[k];
                    for (int i = 0; i < 3; i++) {
                        z[k] += X[r][i] * w[i][k];
                    }
                }
                double m = Math.max(z[0], z[1]);
                double e0 = Math.exp(z[0] - m);
                double e1 = Math.exp(z[1] - m);
                double[] p = {e0 / (e0 + e1), e1 / (e0 + e1)};
                for (int k = 0; k < 2; k++) {
                    double d = (p[k] - (Y[r] == k ? 1 : 0)) / n;
                    gb[k] += d;
                    for (int i = 0; i < 3; i++) {
                        gw[i][k] += X[r][i] * d;
                    }
                }
            }
            double lr = LR[s];
            for (int k = 0; k < 2; k++) {
                for (int i = 0; i < 3; i++) {
                    double d = gw[i][k] + WD * w[i][k];
                    bufW[i][k] = MU * bufW[i][k] + d;
                    w[i][k] -= lr * (d + MU * bufW[i][k]);
                }
                double d = gb[k] + WD * b[k];
                bufB[k] = MU * bufB[k] + d;
                b[k] -= lr * (d + MU * bufB[k]);
            }
        }
        return flat(w, b);
    }

    private static double[] flat(double[][] w, double[] b) {
        return new double[] {w[0][0], w[0][1], w[1][0], w[1][1], w[2][0], w[2][1], b[0], b[1]};
    }

    private static double[] fit(ComputationGraph g, int from, int to) {
        for (int s = from; s < to; s++) {
            g.setLearningRate(LR[s]);
            g.fit(data());
        }
        return flat(w(g), b(g));
    }

    @Test
    void matchesPyTorchAcrossLearningRateChanges() {
        ComputationGraph g = net(new TorchNesterov(LR[0], MU));
        double[][] w0 = w(g);
        double[] b0 = b(g);
        for (int s = 1; s <= LR.length; s++) {
            double[] got = fit(g, s - 1, s);
            assertArrayEquals(torch(w0, b0, s), got, 1e-12, "after step " + s);
        }
    }

    @Test
    void dl4jsNesterovsAgreesOnlyWhileTheRateIsConstant() {
        ComputationGraph g = net(new Nesterovs(LR[0], MU));
        double[][] w0 = w(g);
        double[] b0 = b(g);
        assertArrayEquals(torch(w0, b0, 3), fit(g, 0, 3), 1e-12, "constant rate: the same method");
        double[] after = fit(g, 3, 4);
        double[] torch = torch(w0, b0, 4);
        double diff = 0;
        for (int i = 0; i < after.length; i++) {
            diff = Math.max(diff, Math.abs(after[i] - torch[i]));
        }
        assertTrue(diff > 1e-3, "the lr 0.5 momentum lingers in DL4J's velocity after the change: " + diff);
    }

    @Test
    void aCheckpointRestoresTheBufferAndContinuesBitIdentically() {
        ComputationGraph straight = net(new TorchNesterov(LR[0], MU));
        double[] end = fit(straight, 0, LR.length);
        ComputationGraph first = net(new TorchNesterov(LR[0], MU));
        fit(first, 0, 4);
        Checkpoints.Restored r = Checkpoints.read(Checkpoints.write(first, new TrainPosition(0, 4)));
        assertInstanceOf(TorchNesterov.class, r.net().getLayer("out").conf().getLayer().getUpdaterByParam("W"));
        assertEquals(new TorchNesterov(LR[3], MU), r.net().getLayer("out").conf().getLayer().getUpdaterByParam("W"));
        assertArrayEquals(end, fit(r.net(), 4, LR.length), 0, "the resumed run ends where the straight one does");
    }
}
