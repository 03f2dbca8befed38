package dev.basin.engine.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.analysis.DistillConfig;
import dev.basin.engine.analysis.WeightRef;
import dev.basin.engine.curve.CurveListener;
import dev.basin.engine.curve.CurveState;
import dev.basin.engine.curve.CurveTrainer;
import dev.basin.engine.curve.CurveTrainer.LossAndGradient;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.model.Models;
import dev.basin.engine.train.StepRate;
import dev.basin.engine.weights.WeightVectors;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Tiny networks, data and teachers for {@link StudentTrainerTest}, and how it compares gradients. */
final class StudentFixtures {
    private StudentFixtures() {}

    static final int SIDE = 8;
    static final int CLASSES = 4;
    /** DL4J's own L2 is configured so that a leak of it into score or gradient would show. */
    static final OptimizerConfig SGD_L2 = new OptimizerConfig("sgd", 0.1, 0, 0.01);
    static final StepRate DECAYING = (epoch, s, perEpoch) -> 0.05 / (1 + epoch + s / (double) perEpoch);


    static ComputationGraph net(String model, double width, long seed) {
        return Models.build(new ModelConfig(model, width), SGD_L2, seed, 1, SIDE, SIDE, CLASSES);
    }

    static ComputationGraph student(String model, double width, long seed, DistillConfig c) {
        return StudentTrainer.distilling(net(model, width, seed), c.alpha(), c.temperature());
    }

    /** 1×8×8 noise with the quadrant of the class brightened, so that a few epochs can learn it. */
    static Dataset data(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * SIDE * SIDE];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(CLASSES);
            for (int r = 0; r < SIDE; r++) {
                for (int c = 0; c < SIDE; c++) {
                    boolean lit = (r < SIDE / 2 ? 0 : 2) + (c < SIDE / 2 ? 0 : 1) == y[i];
                    x[i * SIDE * SIDE + r * SIDE + c] = (float) ((lit ? 0.6 : 0) + 0.4 * rng.nextDouble());
                }
            }
        }
        return new Dataset(Nd4j.create(x, new long[] {n, SIDE * SIDE}, 'c'), y, 1, SIDE, SIDE, CLASSES);
    }

    /** Random teacher probabilities, bounded away from 0 so that the KL term is not degenerate. */
    static INDArray randomTeacher(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] p = new float[n * CLASSES];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < CLASSES; k++) {
                s += p[i * CLASSES + k] = (float) (0.05 + rng.nextDouble());
            }
            for (int k = 0; k < CLASSES; k++) {
                p[i * CLASSES + k] /= (float) s;
            }
        }
        return Nd4j.create(p, new long[] {n, CLASSES}, 'c');
    }

    /** The one-hot labels smoothed: 1 − eps on the label, the rest spread evenly. */
    static INDArray smoothedTeacher(Dataset d, double eps) {
        INDArray y = d.oneHot(all(d));
        return y.mul(1 - eps).addi(eps / CLASSES);
    }

    static int[] all(Dataset d) {
        return IntStream.range(0, d.size()).toArray();
    }

    static DistillConfig config(double alpha, double tau, double penalty, int epochs, double wd, int batch) {
        return new DistillConfig(1, WeightRef.finalOf(0), DistillConfig.DEEP, alpha, tau, penalty, epochs, 0.05, 0.9,
                wd, batch);
    }

    static StudentTrainer trainer(DistillConfig c, long seed, CurveListener listener) {
        return new StudentTrainer(c, seed, DECAYING, listener, 2, 2, 4);
    }

    /** The reference: DL4J's own mean CE score and gradient/batch on a plain network, its L2 stripped. */
    static LossAndGradient plainCe(ComputationGraph plain, float[] weights, INDArray x, INDArray y) {
        CurveTrainer.stripRegularization(plain);
        WeightVectors.set(plain, Nd4j.createFromArray(weights));
        plain.setInputs(x);
        plain.setLabels(y);
        plain.computeGradientAndScore();
        float[] g = plain.gradient().gradient().dup('c').reshape(plain.numParams()).toFloatVector();
        for (int i = 0; i < g.length; i++) {
            g[i] /= x.size(0);
        }
        return new LossAndGradient(plain.score(), g);
    }

    /** The student's loss and gradient at θ on the whole set, networks fresh from {@code seed}, at step 0. */
    static LossAndGradient at(String model, double width, long seed, DistillConfig c, long trainerSeed,
                                      float[] theta0, float[] theta, Dataset d, INDArray teacher) {
        ComputationGraph student = student(model, width, seed, c);
        ComputationGraph plain = net(model, width, seed);
        CurveTrainer.stripRegularization(student);
        CurveTrainer.stripRegularization(plain);
        float[] mask = CurveTrainer.trainableMask(student).toFloatVector();
        return trainer(c, trainerSeed, CurveListener.NONE).lossAndGradient(student, plain, theta0, mask, theta,
                d.features(), d.oneHot(all(d)), teacher, 0);
    }

    /** Runs K = 1 student from a fresh pair of networks, α, λ and wd positive, medium-cnn (dropout). */
    static CurveState train(DistillConfig c, long seed, Dataset d, INDArray teacher, float[] theta0,
                                    CurveState from, long untilStep, CurveListener listener) {
        return trainer(c, seed, listener).run(student("medium-cnn", 0.125, 3, c), net("medium-cnn", 0.125, 3),
                Nd4j.createFromArray(theta0), d, teacher, from, untilStep);
    }

    static void assertGradientsClose(float[] expected, float[] actual, double abs, double rel, String what) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], abs + rel * Math.abs(expected[i]), what + ", entry " + i);
        }
    }
}
