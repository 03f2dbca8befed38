package dev.basin.engine.curve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.Engine;
import dev.basin.engine.analysis.CurveConfig;
import dev.basin.engine.analysis.CurveType;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.train.Progress;
import dev.basin.engine.train.TrainPosition;
import dev.basin.engine.weights.WeightVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class CurveTrainerTest {

    private static final int IN = 4;
    private static final int HIDDEN = 6;
    private static final int CLASSES = 3;

    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    /** dense 4→6 tanh → [batch norm] → softmax 3 [with dropout in front], with DL4J's own L2 if l2 > 0. */
    private static ComputationGraph net(long seed, boolean batchNorm, double retain, double l2) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER).updater(new Sgd(0.1));
        if (l2 > 0) {
            b.l2(l2).l2Bias(l2);
        }
        var g = b.graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(IN))
                .addLayer("dense", new DenseLayer.Builder().nOut(HIDDEN).activation(Activation.TANH).build(), "in");
        String last = "dense";
        if (batchNorm) {
            g.addLayer("bn", new BatchNormalization.Builder().build(), "dense");
            last = "bn";
        }
        OutputLayer.Builder out = new OutputLayer.Builder(LossFunction.MCXENT).nOut(CLASSES).activation(Activation.SOFTMAX);
        if (retain < 1) {
            out.dropOut(retain);
        }
        ComputationGraph net = new ComputationGraph(g.addLayer("out", out.build(), last).setOutputs("out").build());
        net.init();
        return net;
    }

    /** Gaussian inputs whose class is the argmax of three fixed linear scores, plus label noise. */
    private static Dataset data(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * IN];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < IN; j++) {
                x[i * IN + j] = (float) rng.nextGaussian();
            }
            double[] s = {x[i * IN], x[i * IN + 1] - x[i * IN + 2], -x[i * IN] + x[i * IN + 3]};
            y[i] = rng.nextInt(10) == 0 ? rng.nextInt(CLASSES) : s[0] >= s[1] && s[0] >= s[2] ? 0 : s[1] >= s[2] ? 1 : 2;
        }
        return new Dataset(Nd4j.create(x, new long[] {n, IN}, 'c'), y, 1, 2, 2, CLASSES);
    }

    private static CurveConfig config(CurveType type, int epochs, int batch, double wd) {
        return new CurveConfig(null, type, epochs, 0.05, 0.9, wd, batch, 5, 10, 0);
    }

    private static INDArray randomLike(ComputationGraph net, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[(int) net.numParams()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rng.nextGaussian() * 0.5);
        }
        return Nd4j.createFromArray(v);
    }

    /**
     * The analytic gradient at θ against central differences of the curve loss, for every coordinate, including
     * the weight-decay term and with DL4J's own L2 configured (it must not leak in).
     */
    @Test
    void gradientMatchesFiniteDifferences() {
        Dataset d = data(10, 3);
        INDArray x = d.features();
        INDArray y = d.oneHot(java.util.stream.IntStream.range(0, d.size()).toArray());
        for (boolean bn : new boolean[] {false, true}) {
            for (CurveType type : CurveType.values()) {
                ComputationGraph net = net(7, bn, 1, 0.3);
                INDArray w1 = randomLike(net, 11);
                INDArray w2 = randomLike(net, 12);
                INDArray theta = randomLike(net, 13);
                double t = type == CurveType.BEZIER ? 0.3 : 0.7;
                CurveTrainer trainer = new CurveTrainer(config(type, 1, 10, 0.05), 1, CurveListener.NONE, 1, 1, 0);
                CurveTrainer.LossAndGradient at = trainer.lossAndGradient(net, w1, theta, w2, x, y, t);
                float[] mask = CurveTrainer.trainableMask(net).toFloatVector();
                float h = 1e-2f;
                int checked = 0;
                for (int i = 0; i < mask.length; i++) {
                    float[] plus = theta.toFloatVector();
                    float[] minus = theta.toFloatVector();
                    plus[i] += h;
                    minus[i] -= h;
                    double fd = (trainer.lossAndGradient(net, w1, Nd4j.createFromArray(plus), w2, x, y, t).loss()
                            - trainer.lossAndGradient(net, w1, Nd4j.createFromArray(minus), w2, x, y, t).loss())
                            / (plus[i] - minus[i]);
                    double g = at.gradient()[i];
                    String where = type + (bn ? " with batch norm" : "") + ", coordinate " + i;
                    if (mask[i] == 0) {
                        assertEquals(0, g, 0, where);
                        assertEquals(0, fd, 1e-6, where);
                    } else {
                        assertEquals(fd, g, 1e-3 + 1e-2 * Math.abs(fd), where);
                        checked++;
                    }
                }
                assertEquals(bn ? mask.length - 2 * HIDDEN : mask.length, checked);
            }
        }
    }

    @Test
    void trainableMaskZeroesBatchNormStatisticsOnly() {
        ComputationGraph plain = net(1, false, 1, 0);
        assertEquals(plain.numParams(), CurveTrainer.trainableMask(plain).sumNumber().longValue());
        ComputationGraph bn = net(1, true, 1, 0);
        INDArray before = WeightVectors.flat(bn);
        INDArray mask = CurveTrainer.trainableMask(bn);
        assertEquals(bn.numParams() - 2 * HIDDEN, mask.sumNumber().longValue());
        assertEquals(before, WeightVectors.flat(bn), "the network's parameters are restored");
        INDArray mean = bn.getLayer("bn").getParam("mean");
        assertEquals(0, mask.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(
                mean.offset(), mean.offset() + HIDDEN)).sumNumber().doubleValue(), 0);
    }

    /**
     * 40 examples in batches of 8: 5 steps per epoch, 3 epochs; checkpoints every 2nd epoch and every 4 steps.
     * A run killed at the step-8 checkpoint and resumed from its bytes (fresh network, fresh trainer) ends with
     * the θ bits of a run that never stopped; so does one stopped by untilStep.
     */
    @Test
    void resumeIsBitIdentical() {
        Dataset d = data(40, 5);
        CurveConfig c = config(CurveType.BEZIER, 3, 8, 5e-4);
        long seed = 99;
        ComputationGraph net = net(21, true, 0.8, 0);
        INDArray w1 = WeightVectors.flat(net);
        INDArray w2 = WeightVectors.flat(net(22, true, 0.8, 0));
        CurveState start = CurveState.start(w1.toFloatVector(), w2.toFloatVector());
        List<CurveCheckpoint> all = new ArrayList<>();
        List<Progress> progress = new ArrayList<>();
        CurveListener keep = new CurveListener() {
            @Override
            public void progress(Progress p) {
                progress.add(p);
            }

            @Override
            public void checkpoint(CurveCheckpoint cp) {
                all.add(cp);
            }
        };
        CurveState whole = new CurveTrainer(c, seed, keep, 2, 2, 4).run(net, w1, w2, d, start);
        assertEquals(new TrainPosition(3, 15), whole.position());
        assertEquals(List.of(new TrainPosition(0, 4), new TrainPosition(1, 8), new TrainPosition(2, 10),
                new TrainPosition(2, 12), new TrainPosition(3, 15)), all.stream().map(CurveCheckpoint::position).toList());
        assertEquals(whole, CurveState.read(all.get(all.size() - 1).bytes()));
        assertEquals(WeightVectors.sha256(Nd4j.createFromArray(whole.theta())), all.get(all.size() - 1).thetaSha256());
        assertEquals(9, progress.size(), "two reports and the epoch end per 5-step epoch");
        assertFalse(java.util.Arrays.equals(start.theta(), whole.theta()), "θ was trained");
        float[] mask = CurveTrainer.trainableMask(net).toFloatVector();
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == 0) {
                assertEquals(start.theta()[i], whole.theta()[i], 0, "batch-norm statistics stay at θ's initial values");
            }
        }

        List<CurveCheckpoint> saved = new ArrayList<>();
        CurveListener killing = new CurveListener() {
            @Override
            public void checkpoint(CurveCheckpoint cp) {
                saved.add(cp);
                if (cp.position().step() == 8) {
                    throw new IllegalStateException("killed");
                }
            }
        };
        assertThrows(IllegalStateException.class,
                () -> new CurveTrainer(c, seed, killing, 2, 2, 4).run(net(21, true, 0.8, 0), w1, w2, d, start));
        CurveState restored = CurveState.read(saved.get(saved.size() - 1).bytes());
        assertEquals(new TrainPosition(1, 8), restored.position());
        CurveState resumed = new CurveTrainer(c, seed, CurveListener.NONE, 2, 2, 4)
                .run(net(21, true, 0.8, 0), w1, w2, d, restored);
        assertArrayEquals(whole.theta(), resumed.theta());
        assertEquals(whole, resumed);

        CurveTrainer plain = new CurveTrainer(c, seed, CurveListener.NONE, 2, 1, 0);
        CurveState half = plain.run(net(21, true, 0.8, 0), w1, w2, d, start, 7);
        assertEquals(new TrainPosition(1, 7), half.position());
        assertEquals(whole, plain.run(net(21, true, 0.8, 0), w1, w2, d, CurveState.read(half.write())));
        assertThrows(IllegalArgumentException.class,
                () -> plain.run(net, w1, w2, d, new CurveState(start.theta(), start.momentum(), new TrainPosition(1, 3))));
    }

    /** Training the bend of a polygonal chain between two poor networks lowers the loss along the curve. */
    @Test
    void trainingLowersTheCurveLoss() {
        Dataset d = data(64, 8);
        CurveConfig c = new CurveConfig(null, CurveType.POLYCHAIN, 6, 0.2, 0.9, 0, 16, 5, 10, 0);
        ComputationGraph net = net(31, false, 1, 0);
        INDArray w1 = WeightVectors.flat(net);
        INDArray w2 = WeightVectors.flat(net(32, false, 1, 0));
        CurveState start = CurveState.start(w1.toFloatVector(), w2.toFloatVector());
        CurveTrainer trainer = new CurveTrainer(c, 5, CurveListener.NONE, 4, 1, 0);
        CurveState end = trainer.run(net, w1, w2, d, start);
        INDArray y = d.oneHot(java.util.stream.IntStream.range(0, d.size()).toArray());
        double before = trainer.lossAndGradient(net, w1, Nd4j.createFromArray(start.theta()), w2, d.features(), y, 0.5).loss();
        double after = trainer.lossAndGradient(net, w1, Nd4j.createFromArray(end.theta()), w2, d.features(), y, 0.5).loss();
        assertTrue(after < before - 0.05, "loss at the bend " + before + " -> " + after);
    }
}
