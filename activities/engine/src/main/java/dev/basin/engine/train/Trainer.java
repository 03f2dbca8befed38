package dev.basin.engine.train;

import dev.basin.engine.TrainConfig;
import dev.basin.engine.data.Augment;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.weights.WeightVectors;
import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training loop of one ensemble member: deterministic and resumable at any step boundary.
 *
 * <p>Everything random is a function of the member seed and the position:
 * <ul>
 *   <li>epoch {@code e} visits the training set in the order of a Fisher–Yates permutation seeded
 *       by (member seed, e) only, so a resumed epoch sees the same order;</li>
 *   <li>minibatches are consecutive slices of that permutation; the last, partial batch is kept
 *       (like PyTorch's default {@code drop_last=False}), so every image is seen once per epoch and
 *       there are ⌈n / batch⌉ steps per epoch;</li>
 *   <li>ND4J's RNG (dropout masks) is reseeded before every step from (member seed, epoch, step);</li>
 *   <li>with augmentation on ({@code data.augment}), each minibatch is padded, cropped and flipped by
 *       {@link Augment} with a seed from (member seed, epoch, global step), so a resumed step sees the same
 *       images; only training batches are augmented (evaluation, BN recompute and analyses see the images
 *       as they are);</li>
 *   <li>the learning rate of every step comes from a {@link StepRate} (for members, {@link StepRate#of(TrainConfig)}:
 *       {@link LrSchedule}'s rate of the epoch, or {@code cyclic}'s per-step rate); it is set on the network at the
 *       start of every epoch, on resume, and within an epoch only
 *       when it changes (so a per-epoch schedule touches the updater once per epoch, and FGE's and SSE's
 *       per-step rates every step).</li>
 * </ul>
 * Checkpoints are delivered at the end of every {@code checkpointEvery}-th epoch, at the last
 * epoch, and, when {@code checkpointEverySteps} is positive, after every global step that is a
 * multiple of it (mid-epoch ones at position (epoch, step) with the epoch not yet complete). One
 * position never gets two checkpoints.
 * Together with the updater state in the {@link Checkpoints}, a run restored at position p and
 * continued ends bit-identical to one that never stopped (same thread count).
 */
public final class Trainer {

    private static final long ORDER_STREAM = 1;
    private static final long DROPOUT_STREAM = 2;
    /** Seven, not three: a number no other stream of this class is likely to take. */
    private static final long AUGMENT_STREAM = 7;

    private final TrainConfig config;
    private final long memberSeed;
    private final TrainListener listener;
    private final int reportEvery;
    private final StepRate rate;
    private final boolean augment;

    /**
     * Trains at {@code config}'s schedule ({@link StepRate#of(TrainConfig)}).
     *
     * @param reportEvery send a {@link Progress} every this many steps (and always at epoch ends)
     */
    public Trainer(TrainConfig config, long memberSeed, TrainListener listener, int reportEvery) {
        this(config, memberSeed, listener, reportEvery,
                StepRate.of(config));
    }

    /** Trains at {@code rate}; {@code config.schedule()} and {@code config.optimizer().lr()} are not used. */
    public Trainer(TrainConfig config, long memberSeed, TrainListener listener, int reportEvery, StepRate rate) {
        if (config.epochs() < 1 || config.batchSize() < 1 || config.checkpointEvery() < 1 || reportEvery < 1) {
            throw new IllegalArgumentException("epochs, batchSize, checkpointEvery and reportEvery must be >= 1: "
                    + config + ", reportEvery " + reportEvery);
        }
        if (config.checkpointEverySteps() < 0) {
            throw new IllegalArgumentException("checkpointEverySteps must be >= 0 (0 = off): " + config);
        }
        this.rate = java.util.Objects.requireNonNull(rate, "rate");
        this.config = config;
        this.memberSeed = memberSeed;
        this.listener = listener;
        this.reportEvery = reportEvery;
        this.augment = false;
    }

    private Trainer(Trainer t, boolean augment) {
        this.config = t.config;
        this.memberSeed = t.memberSeed;
        this.listener = t.listener;
        this.reportEvery = t.reportEvery;
        this.rate = t.rate;
        this.augment = augment;
    }

    /** This trainer with {@link Augment}'s pad-crop-flip on every training minibatch ({@code on}) or without. */
    public Trainer augmenting(boolean on) {
        return new Trainer(this, on);
    }

    /** The seed {@link Augment} uses for the minibatch of global step {@code step} in epoch {@code epoch}. */
    public static long augmentSeed(long memberSeed, int epoch, long step) {
        return Seeds.derive(memberSeed, AUGMENT_STREAM, epoch, step);
    }

    public static int stepsPerEpoch(int examples, int batchSize) {
        return (examples + batchSize - 1) / batchSize;
    }

    /** The order in which epoch {@code epoch} visits the training examples. */
    public static int[] epochOrder(long memberSeed, int epoch, int examples) {
        return Seeds.permutation(examples, Seeds.derive(memberSeed, ORDER_STREAM, epoch));
    }

    /** Trains from {@code from} to the last epoch. */
    public TrainPosition run(ComputationGraph net, Dataset train, TrainPosition from) {
        return run(net, train, from, Long.MAX_VALUE);
    }

    /**
     * Trains from {@code from} until the last epoch or until {@code untilStep} global steps are
     * done, whichever comes first; returns the position reached.
     */
    public TrainPosition run(ComputationGraph net, Dataset train, TrainPosition from, long untilStep) {
        int n = train.size();
        int batch = config.batchSize();
        int perEpoch = stepsPerEpoch(n, batch);
        if (n == 0) {
            throw new IllegalArgumentException("empty training set");
        }
        from.requireWithin(perEpoch, config.epochs());
        int epoch = from.epoch();
        long step = from.step();
        double lr = Double.NaN;
        while (epoch < config.epochs() && step < untilStep) {
            int[] order = epochOrder(memberSeed, epoch, n);
            ProgressWindow window = new ProgressWindow();
            ProgressWindow epochWindow = new ProgressWindow();
            int first = (int) (step - (long) epoch * perEpoch);
            for (int s = first; s < perEpoch && step < untilStep; s++) {
                double r = rate.rate(epoch, s, perEpoch);
                if (s == first || r != lr) {
                    lr = r;
                    net.setLearningRate(lr);
                }
                int[] rows = Arrays.copyOfRange(order, s * batch, Math.min(n, (s + 1) * batch));
                INDArray x = Nd4j.pullRows(train.features(), 1, rows);
                if (augment) {
                    x = Augment.batch(x, train.channels(), train.height(), train.width(),
                            augmentSeed(memberSeed, epoch, step));
                }
                INDArray y = train.oneHot(rows);
                Nd4j.getRandom().setSeed(Seeds.derive(memberSeed, DROPOUT_STREAM, epoch, step));
                net.fit(new DataSet(x, y));
                step++;
                double loss = net.score();
                window.add(rows.length, loss);
                epochWindow.add(rows.length, loss);
                boolean epochEnd = s == perEpoch - 1;
                if (epochEnd || window.steps() >= reportEvery) {
                    int done = epochEnd ? epoch + 1 : epoch;
                    listener.progress(window.close(done, step, perEpoch, lr, epochEnd));
                    window = new ProgressWindow();
                }
                listener.afterStep(step);
                if (!epochEnd && stepCheckpointDue(step)) {
                    checkpoint(net, new TrainPosition(epoch, step));
                }
            }
            if (step == (long) (epoch + 1) * perEpoch) {
                epoch++;
                listener.epochEnd(epochWindow.epochEnd(epoch, step), net);
                if (epoch % config.checkpointEvery() == 0 || epoch == config.epochs() || stepCheckpointDue(step)) {
                    checkpoint(net, new TrainPosition(epoch, step));
                }
            }
        }
        return new TrainPosition(epoch, step);
    }

    private boolean stepCheckpointDue(long step) {
        return config.checkpointEverySteps() > 0 && step % config.checkpointEverySteps() == 0;
    }

    private void checkpoint(ComputationGraph net, TrainPosition at) {
        listener.checkpoint(new Checkpoint(at, Checkpoints.write(net, at), WeightVectors.sha256(net)));
    }
}
