package dev.basin.engine.distill;

import static dev.basin.engine.distill.StudentFixtures.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.Engine;
import dev.basin.engine.analysis.DistillConfig;
import dev.basin.engine.analysis.WeightRef;
import dev.basin.engine.curve.CurveCheckpoint;
import dev.basin.engine.curve.CurveListener;
import dev.basin.engine.curve.CurveState;
import dev.basin.engine.curve.CurveTrainer;
import dev.basin.engine.curve.CurveTrainer.LossAndGradient;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.model.Models;
import dev.basin.engine.train.DistillationLoss;
import dev.basin.engine.train.Progress;
import dev.basin.engine.train.TrainPosition;
import dev.basin.engine.weights.WeightVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class StudentTrainerTest {

    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    /**
     * The surgery changes the output layer's activation and loss only: softmax of the student's logits is the plain
     * network's output up to float32 rounding of the two softmax implementations (1e-5 on probabilities ≤ 1).
     */
    @Test
    void distillingKeepsTheFunction() {
        INDArray x = data(16, 1).features();
        for (String[] m : new String[][] {{"small-cnn", "0.5"}, {"resnet20", "0.25"}}) {
            double width = Double.parseDouble(m[1]);
            ComputationGraph plain = net(m[0], width, 7);
            ComputationGraph student = StudentTrainer.distilling(net(m[0], width, 7), 0.4, 3.0);
            assertEquals(WeightVectors.flat(plain), WeightVectors.flat(student), m[0] + ": same parameters");
            INDArray logits = student.outputSingle(x);
            float[] expected = plain.outputSingle(x).ravel().toFloatVector();
            assertFalse(Arrays.equals(expected, logits.ravel().toFloatVector()), m[0] + ": the student outputs logits");
            assertArrayEquals(expected, DistillationLoss.probabilities(logits).ravel().toFloatVector(), 1e-5f, m[0]);
        }
    }

    /**
     * α = 0, λ = 0, wd = 0 is DL4J's plain softmax cross-entropy, score and gradient. The distillation loss works
     * in double and casts dL/dz to float where DL4J's MCXENT stays in float, so the two differ by float32 rounding
     * only, a few ulps of each entry (1e-6 absolute covers ulps of |g| ≤ 1; 1e-4 relative the larger ones).
     */
    @Test
    void alphaZeroIsThePlainNetworksCrossEntropy() {
        Dataset d = data(16, 2);
        DistillConfig c = config(0, 2.0, 0, 1, 0, 16);
        float[] theta0 = WeightVectors.flat(net("small-cnn", 0.5, 3)).toFloatVector();
        float[] theta = WeightVectors.flat(net("small-cnn", 0.5, 4)).toFloatVector();
        LossAndGradient lg = at("small-cnn", 0.5, 3, c, 5, theta0, theta, d, randomTeacher(16, 6));
        LossAndGradient ref = plainCe(net("small-cnn", 0.5, 3), theta, d.features(), d.oneHot(all(d)));
        assertEquals(ref.loss(), lg.loss(), 1e-6 * ref.loss());
        assertGradientsClose(ref.gradient(), lg.gradient(), 1e-6, 1e-4, "α = 0");
    }

    /** With α > 0 the loss is (1 − α)·CE + α·τ²·KL, computed here in double from the plain network's softmax. */
    @Test
    void alphaPositiveMatchesTheHandValue() {
        Dataset d = data(16, 2);
        double alpha = 0.3;
        double tau = 2.5;
        DistillConfig c = config(alpha, tau, 0, 1, 0, 16);
        INDArray teacher = randomTeacher(16, 6);
        float[] theta = WeightVectors.flat(net("small-cnn", 0.5, 4)).toFloatVector();
        LossAndGradient lg = at("small-cnn", 0.5, 3, c, 5, theta, theta, d, teacher);
        ComputationGraph plain = net("small-cnn", 0.5, 3);
        WeightVectors.set(plain, Nd4j.createFromArray(theta));
        double[][] p = plain.outputSingle(d.features()).toDoubleMatrix();
        double[][] q = teacher.toDoubleMatrix();
        double sum = 0;
        for (int i = 0; i < d.size(); i++) {
            double[] s = tempered(p[i], tau);
            double[] qt = tempered(q[i], tau);
            double kl = 0;
            for (int k = 0; k < CLASSES; k++) {
                kl += qt[k] * Math.log(qt[k] / s[k]);
            }
            sum += (1 - alpha) * -Math.log(p[i][d.labels()[i]]) + alpha * tau * tau * kl;
        }
        // float32 softmax probabilities carry ~1e-7 relative error into each log
        assertEquals(sum / d.size(), lg.loss(), 1e-5 * lg.loss());
    }

    /** softmax(log p / τ), which is softmax(z / τ) for p = softmax(z). */
    private static double[] tempered(double[] p, double tau) {
        double[] r = new double[p.length];
        double s = 0;
        for (int k = 0; k < p.length; k++) {
            s += r[k] = Math.pow(p[k], 1 / tau);
        }
        for (int k = 0; k < p.length; k++) {
            r[k] /= s;
        }
        return r;
    }

    /**
     * The penalty adds λ·CE(p) to the loss and λ·t·∇CE(p)/batch to the gradient, p = (1 − t)·θ0 + t·θ with t of
     * step 0, both taken here from an independent plain network. The subtraction g(λ) − g(0) of two float32
     * gradients loses a few ulps of the larger, hence 1e-6 absolute plus 1e-4 relative.
     */
    @Test
    void penaltyIsTheCrossEntropyOnTheLine() {
        Dataset d = data(16, 2);
        INDArray teacher = randomTeacher(16, 6);
        long seed = 5;
        double lambda = 0.7;
        float[] theta0 = WeightVectors.flat(net("small-cnn", 0.5, 3)).toFloatVector();
        float[] theta = WeightVectors.flat(net("small-cnn", 0.5, 4)).toFloatVector();
        LossAndGradient without = at("small-cnn", 0.5, 3, config(0.3, 2, 0, 1, 0, 16), seed, theta0, theta, d, teacher);
        LossAndGradient with = at("small-cnn", 0.5, 3, config(0.3, 2, lambda, 1, 0, 16), seed, theta0, theta, d,
                teacher);
        double t = CurveTrainer.sampleT(seed, 0);
        float[] point = new float[theta.length];
        for (int i = 0; i < point.length; i++) {
            point[i] = (float) ((1 - t) * theta0[i] + t * theta[i]);
        }
        LossAndGradient ce = plainCe(net("small-cnn", 0.5, 3), point, d.features(), d.oneHot(all(d)));
        assertEquals(lambda * ce.loss(), with.loss() - without.loss(), 1e-6 * with.loss());
        float[] expected = new float[theta.length];
        float[] actual = new float[theta.length];
        for (int i = 0; i < theta.length; i++) {
            expected[i] = (float) (lambda * t * ce.gradient()[i]);
            actual[i] = with.gradient()[i] - without.gradient()[i];
        }
        assertGradientsClose(expected, actual, 1e-6, 1e-4, "penalty");
    }

    /**
     * The whole gradient (α, λ, wd all positive) against central differences of the loss, in the output layer's
     * coordinates: there the loss is smooth (softmax of an affine map of fixed features, at θ and on the line),
     * where a conv coordinate can cross a ReLU or max-pool kink within ±h. h = 1e-2 keeps the float32 noise of the
     * loss (~1e-6) at ~1e-4 of the quotient; the truncation error h²·f'''/6 is far below that.
     */
    @Test
    void gradientMatchesFiniteDifferences() {
        Dataset d = data(16, 2);
        INDArray teacher = randomTeacher(16, 6);
        DistillConfig c = config(0.3, 2, 0.7, 1, 0.05, 16);
        float[] theta0 = WeightVectors.flat(net("small-cnn", 0.5, 3)).toFloatVector();
        float[] theta = WeightVectors.flat(net("small-cnn", 0.5, 4)).toFloatVector();
        LossAndGradient lg = at("small-cnn", 0.5, 3, c, 5, theta0, theta, d, teacher);
        ComputationGraph probe = net("small-cnn", 0.5, 3);
        INDArray w = probe.getLayer(Models.OUTPUT).getParam("W");
        INDArray b = probe.getLayer(Models.OUTPUT).getParam("b");
        long[] coordinates = {w.offset(), w.offset() + 5, w.offset() + w.length() / 2, w.offset() + w.length() - 1,
                b.offset(), b.offset() + CLASSES - 1};
        float h = 1e-2f;
        for (long coordinate : coordinates) {
            int i = (int) coordinate;
            float[] plus = theta.clone();
            float[] minus = theta.clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (at("small-cnn", 0.5, 3, c, 5, theta0, plus, d, teacher).loss()
                    - at("small-cnn", 0.5, 3, c, 5, theta0, minus, d, teacher).loss()) / (plus[i] - minus[i]);
            assertEquals(fd, lg.gradient()[i], 1e-4 + 1e-2 * Math.abs(fd), "coordinate " + i);
        }
    }

    /**
     * wd adds exactly wd·θ to the gradient and ½·wd·‖θ‖² to the loss over the trainable entries; batch-norm running
     * statistics get gradient 0 whatever the terms, so a run leaves them at θ0's values.
     */
    @Test
    void weightDecayAppliesToTrainableEntriesOnly() {
        Dataset d = data(16, 2);
        INDArray teacher = randomTeacher(16, 6);
        double wd = 0.05;
        float[] theta0 = WeightVectors.flat(net("resnet20", 0.25, 3)).toFloatVector();
        float[] theta = WeightVectors.flat(net("resnet20", 0.25, 4)).toFloatVector();
        LossAndGradient without = at("resnet20", 0.25, 3, config(0.3, 2, 0.5, 1, 0, 16), 5, theta0, theta, d, teacher);
        LossAndGradient with = at("resnet20", 0.25, 3, config(0.3, 2, 0.5, 1, wd, 16), 5, theta0, theta, d, teacher);
        float[] mask = CurveTrainer.trainableMask(net("resnet20", 0.25, 3)).toFloatVector();
        int statistics = 0;
        double squares = 0;
        for (int i = 0; i < theta.length; i++) {
            if (mask[i] == 0) {
                statistics++;
                assertEquals(0, without.gradient()[i], 0, "running statistic " + i);
                assertEquals(0, with.gradient()[i], 0, "running statistic " + i);
            } else {
                squares += (double) theta[i] * theta[i];
                double expected = wd * theta[i];
                assertEquals(expected, with.gradient()[i] - without.gradient()[i],
                        1e-6 + 1e-4 * Math.abs(expected), "entry " + i);
            }
        }
        assertTrue(statistics > 0, "resnet20 has batch-norm statistics");
        assertEquals(0.5 * wd * squares, with.loss() - without.loss(), 1e-6 * with.loss());

        DistillConfig c = config(0.3, 2, 0.5, 1, wd, 8);
        CurveState end = trainer(c, 5, CurveListener.NONE).run(student("resnet20", 0.25, 3, c),
                net("resnet20", 0.25, 3), Nd4j.createFromArray(theta0), d, teacher,
                StudentTrainer.start(Nd4j.createFromArray(theta0)), Long.MAX_VALUE);
        assertEquals(new TrainPosition(1, 2), end.position());
        for (int i = 0; i < theta.length; i++) {
            if (mask[i] == 0) {
                assertEquals(theta0[i], end.theta()[i], 0, "running statistic " + i);
            }
        }
        assertFalse(Arrays.equals(theta0, end.theta()), "θ was trained");
    }

    /**
     * 40 examples in batches of 8: 5 steps per epoch, 3 epochs; checkpoints every 2nd epoch and every 4 steps.
     * Dropout (medium-cnn's head), the penalty's t and a per-step rate all take part. A run killed at the step-8
     * checkpoint and resumed from its bytes (fresh networks, fresh trainer) ends with the bytes of a run that
     * never stopped; so does one stopped by untilStep.
     */
    @Test
    void resumeIsBitIdentical() {
        Dataset d = data(40, 9);
        INDArray teacher = randomTeacher(40, 10);
        DistillConfig c = config(0.5, 2, 0.5, 3, 5e-4, 8);
        long seed = 99;
        float[] theta0 = WeightVectors.flat(net("medium-cnn", 0.125, 3)).toFloatVector();
        CurveState start = StudentTrainer.start(Nd4j.createFromArray(theta0));

        ComputationGraph probe = student("medium-cnn", 0.125, 3, c);
        INDArray x = d.features();
        INDArray labels = DistillationLoss.labels(d.oneHot(all(d)), teacher);
        probe.setInputs(x);
        probe.setLabels(labels);
        Nd4j.getRandom().setSeed(1);
        probe.computeGradientAndScore();
        double first = probe.score();
        Nd4j.getRandom().setSeed(2);
        probe.computeGradientAndScore();
        assertTrue(first != probe.score(), "dropout is active in training, so the RNG's seed matters");

        List<CurveCheckpoint> all = new ArrayList<>();
        CurveListener keep = new CurveListener() {
            @Override
            public void checkpoint(CurveCheckpoint cp) {
                all.add(cp);
            }
        };
        CurveState whole = train(c, seed, d, teacher, theta0, start, Long.MAX_VALUE, keep);
        assertEquals(new TrainPosition(3, 15), whole.position());
        assertEquals(List.of(new TrainPosition(0, 4), new TrainPosition(1, 8), new TrainPosition(2, 10),
                new TrainPosition(2, 12), new TrainPosition(3, 15)), all.stream().map(CurveCheckpoint::position).toList());
        assertArrayEquals(whole.write(), all.get(all.size() - 1).bytes());

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
                () -> train(c, seed, d, teacher, theta0, start, Long.MAX_VALUE, killing));
        CurveState restored = CurveState.read(saved.get(saved.size() - 1).bytes());
        assertEquals(new TrainPosition(1, 8), restored.position());
        CurveState resumed = train(c, seed, d, teacher, theta0, restored, Long.MAX_VALUE, CurveListener.NONE);
        assertArrayEquals(whole.write(), resumed.write());

        CurveState half = train(c, seed, d, teacher, theta0, start, 7, CurveListener.NONE);
        assertEquals(new TrainPosition(1, 7), half.position());
        CurveState rest = train(c, seed, d, teacher, theta0, CurveState.read(half.write()), Long.MAX_VALUE,
                CurveListener.NONE);
        assertArrayEquals(whole.write(), rest.write());
    }

    /** The seed fixes data order, t and dropout: equal seeds give equal bytes, another seed another θ. */
    @Test
    void sameSeedSameStudentOtherSeedOther() {
        Dataset d = data(24, 11);
        INDArray teacher = randomTeacher(24, 12);
        DistillConfig c = config(0.5, 2, 0.5, 1, 5e-4, 8);
        float[] theta0 = WeightVectors.flat(net("medium-cnn", 0.125, 3)).toFloatVector();
        CurveState start = StudentTrainer.start(Nd4j.createFromArray(theta0));
        CurveState a = train(c, 7, d, teacher, theta0, start, Long.MAX_VALUE, CurveListener.NONE);
        CurveState b = train(c, 7, d, teacher, theta0, start, Long.MAX_VALUE, CurveListener.NONE);
        CurveState other = train(c, 8, d, teacher, theta0, start, Long.MAX_VALUE, CurveListener.NONE);
        assertArrayEquals(a.write(), b.write());
        assertFalse(Arrays.equals(a.theta(), other.theta()));
        assertFalse(Arrays.equals(theta0, a.theta()), "θ was trained");
    }

    /**
     * A teacher that is the labels smoothed is learnable: a few epochs lower the epoch-mean loss (penalty and decay
     * included), loosely, since t and the data order vary from step to step.
     */
    @Test
    void trainingLowersTheLoss() {
        Dataset d = data(64, 13);
        DistillConfig c = new DistillConfig(1, WeightRef.finalOf(0), DistillConfig.DEEP, 0.5, 2, 0.3, 5, 0.05, 0.9,
                5e-4, 16);
        float[] theta0 = WeightVectors.flat(net("small-cnn", 0.5, 3)).toFloatVector();
        List<Double> epochLoss = new ArrayList<>();
        CurveListener keep = new CurveListener() {
            @Override
            public void progress(Progress p) {
                if (p.epochEnd()) {
                    epochLoss.add(p.loss());
                }
            }
        };
        CurveState end = new StudentTrainer(c, 5, (e, s, n) -> c.lr(), keep, 1000, 1, 0).run(
                student("small-cnn", 0.5, 3, c), net("small-cnn", 0.5, 3), Nd4j.createFromArray(theta0), d,
                smoothedTeacher(d, 0.1), StudentTrainer.start(Nd4j.createFromArray(theta0)), Long.MAX_VALUE);
        assertEquals(new TrainPosition(5, 20), end.position());
        assertEquals(5, epochLoss.size());
        assertTrue(epochLoss.get(4) < 0.75 * epochLoss.get(0), "epoch losses " + epochLoss);
    }
}
