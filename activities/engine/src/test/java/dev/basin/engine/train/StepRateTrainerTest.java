package dev.basin.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.basin.engine.Engine;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.TrainConfig;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.data.SyntheticIdx;
import dev.basin.engine.model.Models;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** FGE-style training (a rate that changes every step) on the member Trainer, resumed mid-run. */
class StepRateTrainerTest {

    private static final OptimizerConfig NESTEROV = new OptimizerConfig("nesterov", 0.05, 0.9, 5e-4);

    private static Dataset data;

    @BeforeAll
    static void init() {
        Engine.init(2);
        data = SyntheticIdx.dataset(160, 12);
    }

    private static ComputationGraph fresh(long seed) {
        return Models.build(new ModelConfig("small-cnn"), NESTEROV, seed, 1, 28, 28, 10);
    }

    /**
     * A member trained 1 epoch, then FGE for 2 epochs (one cycle) from its epoch-1 checkpoint: 5 steps per epoch.
     * Stopped at global step 8 (mid-epoch, mid-cycle), written, read and continued, it ends bit-identical.
     */
    @Test
    void fgeResumesBitIdenticallyFromAMidRunCheckpoint() {
        long seed = Seeds.member(7, 0);
        TrainConfig member = new TrainConfig(1, 1, 32, NESTEROV, "constant", 1, 0);
        ComputationGraph net = fresh(seed);
        TrainPosition e1 = new Trainer(member, seed, TrainListener.NONE, 5).run(net, data, TrainPosition.START);
        byte[] memberCheckpoint = Checkpoints.write(net, e1);

        TrainConfig fge = new TrainConfig(1, 3, 32, NESTEROV, "constant", 1, 0);
        FgeSchedule rate = new FgeSchedule(2, 0.05, 0.001, 1);
        List<Double> rates = new ArrayList<>();
        TrainListener record = new TrainListener() {
            @Override
            public void progress(Progress p) {
                rates.add(p.learningRate());
            }
        };
        Checkpoints.Restored whole = Checkpoints.read(memberCheckpoint);
        new Trainer(fge, seed, record, 1, rate).run(whole.net(), data, whole.position());
        assertEquals(10, rates.size());
        assertEquals(0.05, rates.get(0), 0);
        assertEquals(0.001, rates.get(5), 1e-15, "α2 at the first step of the cycle's second epoch");

        Checkpoints.Restored first = Checkpoints.read(memberCheckpoint);
        TrainPosition at = new Trainer(fge, seed, TrainListener.NONE, 1, rate).run(first.net(), data, first.position(), 8);
        assertEquals(new TrainPosition(1, 8), at);
        Checkpoints.Restored mid = Checkpoints.read(Checkpoints.write(first.net(), at));
        new Trainer(fge, seed, TrainListener.NONE, 1, rate).run(mid.net(), data, mid.position());
        assertArrayEquals(whole.net().params().data().asFloat(), mid.net().params().data().asFloat());

        // a constant StepRate instead of the cycle gives other weights: the per-step rate is really applied
        Checkpoints.Restored constant = Checkpoints.read(memberCheckpoint);
        new Trainer(fge, seed, TrainListener.NONE, 1, (e, i, n) -> 0.05).run(constant.net(), data, constant.position());
        assertFalse(java.util.Arrays.equals(whole.net().params().data().asFloat(), constant.net().params().data().asFloat()));
    }

    /** A member's TrainConfig brings its swa schedule (B = 4 of 6 epochs) to the Trainer's default rate. */
    @Test
    void aMembersSwaScheduleReachesTheTrainer() {
        TrainConfig swa = new TrainConfig(1, 6, 80, NESTEROV, "swa", 6, 0,
                new dev.basin.engine.ScheduleConfig(0.01, 4, 0, 0, 0));
        List<Double> rates = new ArrayList<>();
        TrainListener record = new TrainListener() {
            @Override
            public void progress(Progress p) {
                rates.add(p.learningRate());
            }
        };
        new Trainer(swa, 3, record, 100).run(fresh(3), data, TrainPosition.START);
        assertEquals(6, rates.size(), "one report per epoch end");
        double[] expected = {0.05, 0.05, 0.05, 0.025, 0.01, 0.01};
        for (int e = 0; e < 6; e++) {
            assertEquals(expected[e], rates.get(e), 1e-15, "epoch " + e);
        }
    }
}
