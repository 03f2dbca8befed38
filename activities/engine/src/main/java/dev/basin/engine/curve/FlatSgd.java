package dev.basin.engine.curve;

import dev.basin.engine.data.Dataset;
import dev.basin.engine.train.ProgressWindow;
import dev.basin.engine.train.Seeds;
import dev.basin.engine.train.StepRate;
import dev.basin.engine.train.TrainPosition;
import dev.basin.engine.train.Trainer;
import dev.basin.engine.weights.WeightVectors;
import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SGD with momentum on a flat vector that is not a network's own parameters (a curve's bend, a distilled student
 * trained with a loss DL4J cannot express), deterministic and resumable at any step boundary like {@link Trainer}:
 * <ul>
 *   <li>epoch e visits the data in {@link Trainer#epochOrder}'s permutation of (seed, e), in consecutive
 *       minibatches, the last partial one kept;</li>
 *   <li>ND4J's RNG (dropout) is reseeded before every step from (seed, epoch, step); any other randomness of a
 *       step (a curve's t) is the {@link Gradient}'s, from (seed, step);</li>
 *   <li>PyTorch's form of momentum, buf ← μ·buf + g, θ ← θ − lr·buf, at the {@link StepRate} of the step.</li>
 * </ul>
 * Checkpoints follow {@link Trainer}'s rules: the end of every {@code checkpointEvery}-th epoch, the last epoch,
 * and every {@code checkpointEverySteps}-th global step when that is positive, one per position.
 */
public final class FlatSgd {

    private static final long DROPOUT_STREAM = 2;

    /** The loss and gradient of one minibatch at θ; must not keep or change {@code theta}. */
    @FunctionalInterface
    public interface Gradient {
        CurveTrainer.LossAndGradient at(float[] theta, INDArray features, INDArray labels, int[] rows, long step);
    }

    private final long seed;
    private final int epochs;
    private final int batchSize;
    private final double momentum;
    private final StepRate rate;
    private final CurveListener listener;
    private final int reportEvery;
    private final int checkpointEvery;
    private final int checkpointEverySteps;

    public FlatSgd(long seed, int epochs, int batchSize, double momentum, StepRate rate, CurveListener listener,
                   int reportEvery, int checkpointEvery, int checkpointEverySteps) {
        if (epochs < 1 || batchSize < 1 || checkpointEvery < 1 || reportEvery < 1) {
            throw new IllegalArgumentException("epochs, batchSize, checkpointEvery and reportEvery must be >= 1: "
                    + epochs + ", " + batchSize + ", " + checkpointEvery + ", " + reportEvery);
        }
        if (checkpointEverySteps < 0) {
            throw new IllegalArgumentException("checkpointEverySteps must be >= 0 (0 = off), got " + checkpointEverySteps);
        }
        this.seed = seed;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.momentum = momentum;
        this.rate = rate;
        this.listener = listener;
        this.reportEvery = reportEvery;
        this.checkpointEvery = checkpointEvery;
        this.checkpointEverySteps = checkpointEverySteps;
    }

    /** Trains from {@code from} until the last epoch or {@code untilStep} global steps, whichever comes first. */
    public CurveState run(Dataset train, CurveState from, long untilStep, Gradient gradient) {
        int n = train.size();
        if (n == 0) {
            throw new IllegalArgumentException("empty training set");
        }
        int perEpoch = Trainer.stepsPerEpoch(n, batchSize);
        from.position().requireWithin(perEpoch, epochs);
        float[] theta = from.theta().clone();
        float[] buf = from.momentum().clone();
        int epoch = from.position().epoch();
        long step = from.position().step();
        while (epoch < epochs && step < untilStep) {
            int[] order = Trainer.epochOrder(seed, epoch, n);
            ProgressWindow window = new ProgressWindow();
            for (int s = (int) (step - (long) epoch * perEpoch); s < perEpoch && step < untilStep; s++) {
                double lr = rate.rate(epoch, s, perEpoch);
                int[] rows = Arrays.copyOfRange(order, s * batchSize, Math.min(n, (s + 1) * batchSize));
                INDArray x = Nd4j.pullRows(train.features(), 1, rows);
                INDArray y = train.oneHot(rows);
                Nd4j.getRandom().setSeed(Seeds.derive(seed, DROPOUT_STREAM, epoch, step));
                CurveTrainer.LossAndGradient lg = gradient.at(theta, x, y, rows, step);
                float[] g = lg.gradient();
                for (int i = 0; i < theta.length; i++) {
                    buf[i] = (float) (momentum * buf[i] + g[i]);
                    theta[i] = (float) (theta[i] - lr * buf[i]);
                }
                step++;
                window.add(rows.length, lg.loss());
                boolean epochEnd = s == perEpoch - 1;
                if (epochEnd || window.steps() >= reportEvery) {
                    listener.progress(window.close(epochEnd ? epoch + 1 : epoch, step, perEpoch, lr, epochEnd));
                    window = new ProgressWindow();
                }
                listener.afterStep(step);
                if (!epochEnd && stepCheckpointDue(step)) {
                    checkpoint(new CurveState(theta.clone(), buf.clone(), new TrainPosition(epoch, step)));
                }
            }
            if (step == (long) (epoch + 1) * perEpoch) {
                epoch++;
                if (epoch % checkpointEvery == 0 || epoch == epochs || stepCheckpointDue(step)) {
                    checkpoint(new CurveState(theta.clone(), buf.clone(), new TrainPosition(epoch, step)));
                }
            }
        }
        return new CurveState(theta, buf, new TrainPosition(epoch, step));
    }

    /**
     * The flat gradient of {@code net}'s loss at {@code weights} on one minibatch: DL4J's, so the minibatch SUM (its
     * updater divides by the batch size). Leaves {@code weights} in the network and the minibatch-mean loss as its
     * {@code score()}.
     */
    public static float[] gradientSum(ComputationGraph net, float[] weights, INDArray features, INDArray labels) {
        WeightVectors.set(net, Nd4j.createFromArray(weights));
        net.setInputs(features);
        net.setLabels(labels);
        net.computeGradientAndScore();
        float[] sum = net.gradient().gradient().dup('c').reshape(net.numParams()).toFloatVector();
        net.clearLayersStates();
        return sum;
    }

    private boolean stepCheckpointDue(long step) {
        return checkpointEverySteps > 0 && step % checkpointEverySteps == 0;
    }

    private void checkpoint(CurveState state) {
        listener.checkpoint(new CurveCheckpoint(state.position(), state.write(),
                WeightVectors.sha256(Nd4j.createFromArray(state.theta()))));
    }
}
