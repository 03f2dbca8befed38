package dev.basin.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.Engine;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.TrainConfig;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.data.SyntheticIdx;
import dev.basin.engine.metrics.Metrics;
import dev.basin.engine.model.Models;
import dev.basin.engine.model.Predictor;
import dev.basin.engine.weights.WeightVectors;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bit-exact determinism and resume; "same" means identical float bits of every parameter. */
class TrainerTest {

    private static final OptimizerConfig NESTEROV = new OptimizerConfig("nesterov", 0.05, 0.9, 5e-4);
    private static final long STUDY = 20241123L;

    private static Dataset small;
    private static Dataset tiny;

    @BeforeAll
    static void init() {
        Engine.init(2);
        small = SyntheticIdx.dataset(320, 5);
        tiny = SyntheticIdx.dataset(128, 6);
    }

    private static TrainConfig config(int epochs, int batch) {
        return new TrainConfig(3, epochs, batch, NESTEROV, "cosine", 1, 0);
    }

    private static ComputationGraph fresh(String model, long seed) {
        return Models.build(new ModelConfig(model), NESTEROV, seed, 1, 28, 28, 10);
    }

    private static float[] train(String model, Dataset data, TrainConfig c, long seed, TrainListener l) {
        ComputationGraph net = fresh(model, seed);
        new Trainer(c, seed, l, 3).run(net, data, TrainPosition.START);
        return net.params().data().asFloat();
    }

    /** Runs until the epoch-1 checkpoint, "crashes", restores it in a fresh object and finishes. */
    private static float[] trainWithCrashAfterEpoch1(String model, Dataset data, TrainConfig c, long seed) {
        List<Checkpoint> saved = new ArrayList<>();
        TrainListener cancelling = new TrainListener() {
            @Override
            public void checkpoint(Checkpoint checkpoint) {
                saved.add(checkpoint);
                throw new IllegalStateException("cancelled");
            }
        };
        ComputationGraph net = fresh(model, seed);
        assertThrows(IllegalStateException.class, () -> new Trainer(c, seed, cancelling, 3).run(net, data, TrainPosition.START));
        Checkpoints.Restored r = Checkpoints.read(saved.get(0).bytes());
        assertEquals(new TrainPosition(1, Trainer.stepsPerEpoch(data.size(), c.batchSize())), r.position());
        TrainPosition end = new Trainer(c, seed, TrainListener.NONE, 3).run(r.net(), data, r.position());
        assertEquals(c.epochs(), end.epoch());
        return r.net().params().data().asFloat();
    }

    @Test
    void smallCnnSameSeedIsBitIdenticalAndResumeAfterEpoch1Matches() {
        TrainConfig c = config(2, 32);
        long seed = Seeds.member(STUDY, 0);
        float[] a = train("small-cnn", small, c, seed, TrainListener.NONE);
        float[] b = train("small-cnn", small, c, seed, TrainListener.NONE);
        assertArrayEquals(a, b);
        assertArrayEquals(a, trainWithCrashAfterEpoch1("small-cnn", small, c, seed));
        float[] other = train("small-cnn", small, c, Seeds.member(STUDY, 1), TrainListener.NONE);
        assertFalse(java.util.Arrays.equals(a, other));
    }

    @Test
    void mediumCnnWithDropoutResumesBitIdentically() {
        TrainConfig c = config(2, 32);
        long seed = Seeds.member(STUDY, 2);
        float[] a = train("medium-cnn", tiny, c, seed, TrainListener.NONE);
        assertArrayEquals(a, trainWithCrashAfterEpoch1("medium-cnn", tiny, c, seed));
    }

    /** Batch norm's running statistics live in the parameters, so the checkpoint carries them too. */
    @Test
    void resnet20WithBatchNormResumesBitIdentically() {
        TrainConfig c = config(2, 16);
        long seed = Seeds.member(STUDY, 5);
        Dataset images = tiny.firstN(32);
        float[] a = train("resnet20", images, c, seed, TrainListener.NONE);
        assertArrayEquals(a, trainWithCrashAfterEpoch1("resnet20", images, c, seed));
    }

    @Test
    void resumeInTheMiddleOfAnEpochMatches() {
        TrainConfig c = new TrainConfig(1, 2, 48, new OptimizerConfig("adam", 1e-3, 0, 1e-4), "step", 1, 0);
        long seed = Seeds.member(STUDY, 3);
        ComputationGraph net = fresh("small-cnn", seed);
        Trainer t = new Trainer(c, seed, TrainListener.NONE, 3);
        t.run(net, small, TrainPosition.START);
        ComputationGraph half = fresh("small-cnn", seed);
        TrainPosition at = t.run(half, small, TrainPosition.START, 10);
        assertEquals(new TrainPosition(1, 10), at);
        Checkpoints.Restored r = Checkpoints.read(Checkpoints.write(half, at));
        t.run(r.net(), small, r.position());
        assertArrayEquals(net.params().data().asFloat(), r.net().params().data().asFloat());
    }

    /**
     * Step checkpoints: 10 steps per epoch, every 4 steps and every 2nd epoch. A run "killed" after
     * the mid-epoch checkpoint at step 12 and resumed from its bytes ends with the weights (and the
     * weights hash) of a run that never stopped.
     */
    @Test
    void stepCheckpointsLandMidEpochAndResumeBitIdentically() {
        TrainConfig c = new TrainConfig(1, 3, 32, NESTEROV, "cosine", 2, 4);
        long seed = Seeds.member(STUDY, 4);
        List<Checkpoint> all = new ArrayList<>();
        TrainListener keep = new TrainListener() {
            @Override
            public void checkpoint(Checkpoint cp) {
                all.add(cp);
            }
        };
        ComputationGraph whole = fresh("small-cnn", seed);
        new Trainer(c, seed, keep, 3).run(whole, small, TrainPosition.START);
        // epoch ends are 10, 20, 30: 20 (every 2nd epoch) and 30 (last) by epoch, 4, 8, 12, 16, 24, 28 by step;
        // step 20 is both and is written once, step 10 is neither an epoch-due end nor a multiple of 4
        assertEquals(List.of(new TrainPosition(0, 4), new TrainPosition(0, 8), new TrainPosition(1, 12),
                new TrainPosition(1, 16), new TrainPosition(2, 20), new TrainPosition(2, 24), new TrainPosition(2, 28),
                new TrainPosition(3, 30)), all.stream().map(Checkpoint::position).toList());
        String finalHash = WeightVectors.sha256(whole);
        assertEquals(finalHash, all.get(all.size() - 1).weightsSha256());
        // Writing checkpoints does not disturb training: the run key may leave checkpointEverySteps out.
        ComputationGraph plain = fresh("small-cnn", seed);
        new Trainer(new TrainConfig(1, 3, 32, NESTEROV, "cosine", 2, 0), seed, TrainListener.NONE, 3)
                .run(plain, small, TrainPosition.START);
        assertEquals(finalHash, WeightVectors.sha256(plain));

        List<Checkpoint> saved = new ArrayList<>();
        TrainListener crashing = new TrainListener() {
            @Override
            public void checkpoint(Checkpoint cp) {
                saved.add(cp);
                if (cp.position().step() == 12) {
                    throw new IllegalStateException("killed");
                }
            }
        };
        ComputationGraph first = fresh("small-cnn", seed);
        assertThrows(IllegalStateException.class,
                () -> new Trainer(c, seed, crashing, 3).run(first, small, TrainPosition.START));
        Checkpoint mid = saved.get(saved.size() - 1);
        assertEquals(all.get(2).weightsSha256(), mid.weightsSha256(), "same trajectory, same weights at step 12");
        Checkpoints.Restored r = Checkpoints.read(mid.bytes());
        assertEquals(new TrainPosition(1, 12), r.position());
        assertEquals(mid.weightsSha256(), WeightVectors.sha256(r.net()));
        List<TrainPosition> after = new ArrayList<>();
        new Trainer(c, seed, new TrainListener() {
            @Override
            public void checkpoint(Checkpoint cp) {
                after.add(cp.position());
            }
        }, 3).run(r.net(), small, r.position());
        assertEquals(all.subList(3, all.size()).stream().map(Checkpoint::position).toList(), after);
        assertArrayEquals(whole.params().data().asFloat(), r.net().params().data().asFloat());
        assertEquals(finalHash, WeightVectors.sha256(r.net()));
    }

    /** A listener that measures every epoch's weights on a test set, as the worker's does. */
    private static TrainListener measuring(Dataset test, List<EpochEnd> ends, List<Double> accuracies) {
        return new TrainListener() {
            @Override
            public void epochEnd(EpochEnd end, ComputationGraph net) {
                ends.add(end);
                accuracies.add(Metrics.score(Predictor.predict(net, test, 7), test.labels()).accuracy());
            }
        };
    }

    /** Inference at every epoch's end changes nothing: not the weights, nor dropout's draws, nor batch norm's state. */
    @Test
    void measuringEachEpochOnATestSetLeavesTrainingBitIdentical() {
        Dataset test = SyntheticIdx.dataset(40, 78);
        TrainConfig c = config(2, 32);
        for (String model : List.of("medium-cnn", "resnet20")) {
            long seed = Seeds.member(STUDY, 3);
            Dataset data = model.equals("resnet20") ? tiny.firstN(32) : tiny;
            List<EpochEnd> ends = new ArrayList<>();
            List<Double> accuracies = new ArrayList<>();
            float[] measured = train(model, data, c, seed, measuring(test, ends, accuracies));
            assertArrayEquals(train(model, data, c, seed, TrainListener.NONE), measured, model);
            int perEpoch = Trainer.stepsPerEpoch(data.size(), 32);
            assertEquals(List.of(1, 2), ends.stream().map(EpochEnd::epoch).toList());
            assertEquals(List.of((long) perEpoch, 2L * perEpoch), ends.stream().map(EpochEnd::step).toList());
            assertEquals(2, accuracies.size());
        }
    }

    /** An epoch's train loss is the mean over all its steps: the progress reports' means weighted by their steps. */
    @Test
    void epochEndCarriesTheEpochsMeanLoss() {
        TrainConfig c = new TrainConfig(1, 2, 32, NESTEROV, "constant", 1, 0);
        List<Progress> progress = new ArrayList<>();
        List<EpochEnd> ends = new ArrayList<>();
        TrainListener l = new TrainListener() {
            @Override
            public void progress(Progress p) {
                progress.add(p);
            }

            @Override
            public void epochEnd(EpochEnd end, ComputationGraph net) {
                ends.add(end);
            }
        };
        new Trainer(c, 9, l, 4).run(fresh("small-cnn", 9), small, TrainPosition.START);
        // 10 steps an epoch, reports after 4, 8 and 10 steps
        assertEquals(6, progress.size());
        assertEquals(2, ends.size());
        for (int e = 0; e < 2; e++) {
            double mean = (4 * progress.get(3 * e).loss() + 4 * progress.get(3 * e + 1).loss()
                    + 2 * progress.get(3 * e + 2).loss()) / 10;
            assertEquals(mean, ends.get(e).trainLoss(), 1e-9);
            assertTrue(ends.get(e).seconds() > 0 && ends.get(e).imagesPerSecond() > 0);
        }
    }

    @Test
    void reportsProgressAndCheckpointsAndLearns() {
        TrainConfig c = new TrainConfig(1, 3, 32, NESTEROV, "constant", 2, 0);
        List<Progress> progress = new ArrayList<>();
        List<TrainPosition> checkpoints = new ArrayList<>();
        TrainListener l = new TrainListener() {
            @Override
            public void progress(Progress p) {
                progress.add(p);
            }

            @Override
            public void checkpoint(Checkpoint cp) {
                checkpoints.add(cp.position());
            }
        };
        ComputationGraph net = fresh("small-cnn", 9);
        TrainPosition end = new Trainer(c, 9, l, 4).run(net, small, TrainPosition.START);
        assertEquals(new TrainPosition(3, 30), end);
        // every epoch has 10 steps: a report at step 4, 8 and the epoch end
        assertEquals(9, progress.size());
        assertEquals(new Progress(1, 10, 10, progress.get(2).loss(), progress.get(2).imagesPerSecond(), 0.05, true),
                progress.get(2));
        assertEquals(List.of(new TrainPosition(2, 20), new TrainPosition(3, 30)), checkpoints);
        assertTrue(progress.get(8).loss() < progress.get(0).loss(), progress.toString());
        double acc = Metrics.score(Predictor.predict(net, SyntheticIdx.dataset(200, 77)), SyntheticIdx.dataset(200, 77).labels()).accuracy();
        assertTrue(acc > 0.5, "synthetic accuracy " + acc + " (chance 0.1)");
        assertThrows(IllegalArgumentException.class,
                () -> new Trainer(c, 9, l, 4).run(net, small, new TrainPosition(1, 5)));
    }

    @Test
    void schedulesAndPermutations() {
        assertEquals(0.1, LrSchedule.rate("constant", 0.1, 7, 10), 0);
        assertEquals(0.1, LrSchedule.rate("step", 0.1, 4, 10), 0);
        assertEquals(0.01, LrSchedule.rate("step", 0.1, 5, 10), 1e-15);
        assertEquals(0.01, LrSchedule.rate("step", 0.1, 7, 10), 1e-15);
        assertEquals(0.001, LrSchedule.rate("step", 0.1, 8, 10), 1e-15);
        assertEquals(0.1, LrSchedule.rate("cosine", 0.1, 0, 4), 0);
        assertEquals(0.05, LrSchedule.rate("cosine", 0.1, 2, 4), 1e-15);
        int[] p = Seeds.permutation(1000, 42);
        assertArrayEquals(p, Seeds.permutation(1000, 42));
        assertArrayEquals(java.util.stream.IntStream.range(0, 1000).toArray(), java.util.Arrays.stream(p).sorted().toArray());
        assertFalse(java.util.Arrays.equals(p, Seeds.permutation(1000, 43)));
        assertFalse(java.util.Arrays.equals(Trainer.epochOrder(1, 0, 100), Trainer.epochOrder(1, 1, 100)));
        assertTrue(Seeds.member(1, 0) != Seeds.member(1, 1) && Seeds.member(1, 0) != Seeds.member(2, 0));
    }
}
