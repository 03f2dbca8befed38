package dev.basin.engine.distill;

import dev.basin.engine.analysis.DistillConfig;
import dev.basin.engine.curve.Curve;
import dev.basin.engine.curve.CurveListener;
import dev.basin.engine.curve.CurveState;
import dev.basin.engine.curve.CurveTrainer;
import dev.basin.engine.curve.CurveTrainer.LossAndGradient;
import dev.basin.engine.curve.FlatSgd;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.train.DistillationLoss;
import dev.basin.engine.train.StepRate;
import dev.basin.engine.train.TrainPosition;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains one student of a {@code distill} group: θ starts at θ0 (a member's final weights) and minimises, per
 * minibatch,
 * <pre>
 *   (1 − α)·CE(y, p_S(θ)) + α·τ²·KL(p_T^τ ‖ p_S^τ(θ))  +  λ·CE(y, p((1 − t)·θ0 + t·θ))  +  ½·wd·‖θ‖²
 * </pre>
 * with t ~ U(0, 1) drawn per step from (seed, step) ({@link CurveTrainer#sampleT}), the penalty term only when λ is
 * positive. The penalty's gradient at θ is λ·t·∇CE at the line's point, the chain rule through (1 − t)·θ0 + t·θ.
 *
 * <p>Run by {@link FlatSgd} (deterministic, resumable, PyTorch-form momentum), because DL4J cannot express the
 * penalty: the loss is evaluated at a point other than the weights being trained. The state is a
 * {@link CurveState} (θ, momentum buffer, position). Batch-norm running statistics are not trained (gradient 0,
 * they keep θ0's): a student is evaluated with them recomputed, like a curve's point. The networks' own L2 settings
 * are switched off; the decay is the student's {@code weightDecay}.
 */
public final class StudentTrainer {

    private final DistillConfig config;
    private final long seed;
    private final StepRate rate;
    private final CurveListener listener;
    private final int reportEvery;
    private final int checkpointEvery;
    private final int checkpointEverySteps;

    public StudentTrainer(DistillConfig config, long seed, StepRate rate, CurveListener listener, int reportEvery,
                          int checkpointEvery, int checkpointEverySteps) {
        this.config = config;
        this.seed = seed;
        this.rate = rate;
        this.listener = listener;
        this.reportEvery = reportEvery;
        this.checkpointEvery = checkpointEvery;
        this.checkpointEverySteps = checkpointEverySteps;
    }

    /** The state before the first step: θ = θ0, no momentum. */
    public static CurveState start(INDArray theta0) {
        float[] w = Curve.floats(theta0, "theta0");
        return new CurveState(w, new float[w.length], TrainPosition.START);
    }

    /**
     * Makes {@code net} output logits and score with {@link DistillationLoss}(α, τ); its parameters and shapes are
     * those of the plain network, so flat weight vectors move between the two unchanged.
     */
    public static ComputationGraph distilling(ComputationGraph net, double alpha, double temperature) {
        Students.useDistillationLoss(net, alpha, temperature);
        return net;
    }

    /**
     * Trains from {@code from} until the last epoch or {@code untilStep} global steps.
     *
     * @param student a network made {@link #distilling} with the config's α and τ
     * @param plain   the same architecture with its softmax output, for the penalty (unused when λ = 0)
     * @param theta0  the start, and the penalty's other end
     * @param teacher [N, C] teacher probabilities, row i for training image i
     */
    public CurveState run(ComputationGraph student, ComputationGraph plain, INDArray theta0, Dataset train,
                          INDArray teacher, CurveState from, long untilStep) {
        if (teacher.rows() != train.size()) {
            throw new IllegalArgumentException("the teacher has " + teacher.rows() + " rows for " + train.size()
                    + " training images");
        }
        float[] anchor = Curve.floats(theta0, "theta0");
        if (anchor.length != student.numParams() || from.theta().length != student.numParams()) {
            throw new IllegalArgumentException("theta0 and theta have " + anchor.length + " and "
                    + from.theta().length + " entries for a network of " + student.numParams());
        }
        CurveTrainer.stripRegularization(student);
        CurveTrainer.stripRegularization(plain);
        float[] mask = CurveTrainer.trainableMask(student).toFloatVector();
        FlatSgd sgd = new FlatSgd(seed, config.epochs(), config.batchSize(), config.momentum(), rate, listener,
                reportEvery, checkpointEvery, checkpointEverySteps);
        return sgd.run(train, from, untilStep, (theta, x, y, rows, step) -> lossAndGradient(student, plain, anchor,
                mask, theta, x, y, Nd4j.pullRows(teacher, 1, rows), step));
    }

    /**
     * The student's loss on one minibatch and its gradient at θ (zero where {@code mask} is 0). DL4J's flat gradient
     * is the minibatch sum, so it is divided by the batch size; its score is the minibatch mean.
     */
    public LossAndGradient lossAndGradient(ComputationGraph student, ComputationGraph plain, float[] theta0,
                                           float[] mask, float[] theta, INDArray x, INDArray y,
                                           INDArray teacherRows, long step) {
        double perExample = 1.0 / x.size(0);
        float[] kd = FlatSgd.gradientSum(student, theta, x, DistillationLoss.labels(y, teacherRows));
        double loss = student.score();
        double wd = config.weightDecay();
        double squares = 0;
        float[] g = new float[theta.length];
        for (int i = 0; i < g.length; i++) {
            if (mask[i] != 0) {
                squares += (double) theta[i] * theta[i];
                g[i] = (float) (kd[i] * perExample + wd * theta[i]);
            }
        }
        loss += 0.5 * wd * squares;
        double lambda = config.penalty();
        if (lambda > 0) {
            double t = CurveTrainer.sampleT(seed, step);
            float[] point = new float[theta.length];
            for (int i = 0; i < point.length; i++) {
                point[i] = (float) ((1 - t) * theta0[i] + t * theta[i]);
            }
            float[] ce = FlatSgd.gradientSum(plain, point, x, y);
            loss += lambda * plain.score();
            for (int i = 0; i < g.length; i++) {
                if (mask[i] != 0) {
                    g[i] += (float) (lambda * t * ce[i] * perExample);
                }
            }
        }
        return new LossAndGradient(loss, g);
    }
}
