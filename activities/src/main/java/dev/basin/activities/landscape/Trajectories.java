package dev.basin.activities.landscape;

import dev.basin.db.ModelRow;
import dev.basin.engine.analysis.TrajectoryConfig;
import java.util.List;

/**
 * Which of a member's stored checkpoints the analyses read: the trajectory's kept ones and SWA's
 * end-of-epoch ones. Pure. (How often training writes them is the plan's {@code CheckpointCadence}.)
 */
public final class Trajectories {
    private Trajectories() {}

    /** Whether a checkpoint row was written at the end of an epoch (not in the middle of one). */
    public static boolean endOfEpoch(ModelRow row, int stepsPerEpoch) {
        return row.step() == (long) row.epoch() * stepsPerEpoch;
    }

    /**
     * The checkpoints of one member the trajectory keeps, oldest first: every {@code every} epochs (or
     * {@code everySteps} steps) and the last one.
     *
     * @param checkpoints the member's checkpoint rows, in any order
     */
    public static List<ModelRow> kept(List<ModelRow> checkpoints, TrajectoryConfig t, int epochs, int stepsPerEpoch) {
        long last = (long) epochs * stepsPerEpoch;
        return checkpoints.stream()
                .filter(r -> r.step() == last
                        || (t.everySteps() > 0 ? r.step() % t.everySteps() == 0
                        : endOfEpoch(r, stepsPerEpoch) && r.epoch() % t.every() == 0))
                .sorted(java.util.Comparator.comparingLong(ModelRow::step))
                .toList();
    }

    /**
     * The rows written at or after the end of epoch {@code from} (1-based; 0 keeps all), in their order: the tail of
     * a trajectory that the low-rank Gaussian is fitted on, as SWA averages from the end of {@code swa.start}.
     */
    public static List<ModelRow> from(List<ModelRow> rows, int from, int stepsPerEpoch) {
        long first = (long) from * stepsPerEpoch;
        return rows.stream().filter(r -> from <= 0 || r.step() >= first).toList();
    }

    /** The end-of-epoch checkpoints from epoch {@code start} (1-based) on, oldest first: what SWA averages. */
    public static List<ModelRow> swaEpochs(List<ModelRow> checkpoints, int start, int stepsPerEpoch) {
        return checkpoints.stream()
                .filter(r -> endOfEpoch(r, stepsPerEpoch) && r.epoch() >= start)
                .sorted(java.util.Comparator.comparingLong(ModelRow::step))
                .toList();
    }
}
