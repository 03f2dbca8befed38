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
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint bytes depend on the network and position only (no zip timestamps), so two attempts that reach the
 * same state write the same object, and what they write still restores the whole training state.
 */
class CheckpointsTest {
    private static final OptimizerConfig ADAM = new OptimizerConfig("adam", 1e-3, 0, 1e-4);
    private static final TrainPosition AT = new TrainPosition(0, 3);
    private static final long SEED = Seeds.member(7, 0);

    private static ComputationGraph net;

    /** small-cnn after 3 Adam steps: updater state and an iteration count that a resume needs. */
    @BeforeAll
    static void train() {
        Engine.init(2);
        Dataset data = SyntheticIdx.dataset(96, 21);
        net = Models.build(new ModelConfig("small-cnn"), ADAM, SEED, 1, 28, 28, 10);
        new Trainer(new TrainConfig(1, 1, 32, ADAM, "step", 1, 0), SEED, TrainListener.NONE, 3)
                .run(net, data, TrainPosition.START);
    }

    @Test
    void everyZipEntryIsDatedTheSameFixedLocalTime() throws Exception {
        byte[] bytes = Checkpoints.write(net, AT);
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes, 20, bytes.length - 20))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
                assertEquals(Checkpoints.ENTRY_TIME, e.getTimeLocal(), e.getName());
                assertEquals(null, e.getExtra(), e.getName() + " carries no extended timestamp");
            }
        }
        assertFalse(names.isEmpty());
        assertEquals(true, names.contains("updaterState.bin"), "the updater state is kept: " + names);
    }

    @Test
    void theSameStateGivesTheSameBytesInAnyTimeZone() {
        TimeZone before = TimeZone.getDefault();
        byte[] here;
        byte[] there;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            here = Checkpoints.write(net, AT);
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            there = Checkpoints.write(net, AT);
        } finally {
            TimeZone.setDefault(before);
        }
        assertArrayEquals(here, there);
    }

    @Test
    void aRestoredNetworkWritesItsCheckpointBackByteForByte() {
        byte[] bytes = Checkpoints.write(net, AT);
        Checkpoints.Restored r = Checkpoints.read(bytes);
        assertEquals(AT, r.position());
        assertEquals(net.getIterationCount(), r.net().getIterationCount());
        assertArrayEquals(net.params().data().asFloat(), r.net().params().data().asFloat());
        assertArrayEquals(net.getUpdater().getStateViewArray().data().asFloat(),
                r.net().getUpdater().getStateViewArray().data().asFloat());
        assertArrayEquals(bytes, Checkpoints.write(r.net(), AT));
    }
}
