package dev.basin.activities.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import dev.basin.engine.analysis.TrajectoryConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which checkpoints the low-rank Gaussian is fitted on: the kept ones from the end of epoch {@code from} on. */
class TrajectoriesTest {
    private static final int STEPS = 10;

    /** A checkpoint at the end of every epoch 1..6 and one in the middle of epoch 4 (step 35). */
    private static List<ModelRow> checkpoints() {
        List<ModelRow> rows = new ArrayList<>();
        for (int e = 6; e >= 1; e--) {
            rows.add(ModelRow.of("s", "k", ModelKind.CHECKPOINT, 0, e, (long) e * STEPS, "key", "sha", 1));
        }
        rows.add(ModelRow.of("s", "k", ModelKind.CHECKPOINT, 0, 3, 35, "key", "sha", 1));
        return rows;
    }

    private static List<Long> steps(List<ModelRow> rows) {
        return rows.stream().map(ModelRow::step).toList();
    }

    @Test
    void theTailStartsAtTheEndOfEpochFrom() {
        List<ModelRow> kept = Trajectories.kept(checkpoints(), new TrajectoryConfig(2, 0), 6, STEPS);
        assertEquals(List.of(20L, 40L, 60L), steps(kept));
        assertEquals(List.of(20L, 40L, 60L), steps(Trajectories.from(kept, 0, STEPS)), "0: every kept one");
        assertEquals(List.of(20L, 40L, 60L), steps(Trajectories.from(kept, 2, STEPS)), "the end of epoch 2 counts");
        assertEquals(List.of(40L, 60L), steps(Trajectories.from(kept, 3, STEPS)));
        assertEquals(List.of(60L), steps(Trajectories.from(kept, 6, STEPS)));
        // as SWA: swa.start 4 averages the ends of epochs 4..6, and the PCA from 4 sees the kept ones among them
        assertEquals(List.of(40L, 50L, 60L), steps(Trajectories.swaEpochs(checkpoints(), 4, STEPS)));
        // by steps: the checkpoint in the middle of epoch 4 is before the end of epoch 4
        List<ModelRow> bySteps = Trajectories.kept(checkpoints(), new TrajectoryConfig(0, 5), 6, STEPS);
        assertEquals(List.of(10L, 20L, 30L, 35L, 40L, 50L, 60L), steps(bySteps));
        assertEquals(List.of(40L, 50L, 60L), steps(Trajectories.from(bySteps, 4, STEPS)));
    }
}
