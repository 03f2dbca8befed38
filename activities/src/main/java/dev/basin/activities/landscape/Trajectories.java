package dev.basin.activities.landscape;

import dev.basin.db.ModelRow;
import dev.basin.engine.TrainConfig;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.TrajectoryConfig;
import java.util.List;

/**
 * Which checkpoints the analyses need, and so how often training must write them. Pure.
 *
 * <p>The analyses read weights only from stored checkpoints, so the checkpoint cadence is raised to
 * cover them: every {@code trajectory.every} epochs (or {@code everySteps} steps), and every epoch
 * from {@code swa.start} on (SWA and SWAG average end-of-epoch weights). The cadence is not part of
 * the run key: checkpoints never change the weights, so a study that asks for more of them resumes
 * and reuses the same members.
 */
public final class Trajectories {
    private Trajectories() {}

    /** {@code train} with its checkpoint cadence raised to what the analyses read. */
    public static TrainConfig trainConfig(TrainConfig train, AnalysesConfig a) {
        int every = train.checkpointEvery();
        int everySteps = train.checkpointEverySteps();
        TrajectoryConfig t = a.trajectory();
        if (t != null && t.every() > 0) {
            every = gcd(every, t.every());
        }
        if (t != null && t.everySteps() > 0) {
            everySteps = everySteps == 0 ? t.everySteps() : gcd(everySteps, t.everySteps());
        }
        if (a.swa() != null) {
            every = 1;
        }
        return new TrainConfig(train.members(), train.epochs(), train.batchSize(), train.optimizer(), train.schedule(),
                every, everySteps);
    }

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

    /** The end-of-epoch checkpoints from epoch {@code start} (1-based) on, oldest first: what SWA averages. */
    public static List<ModelRow> swaEpochs(List<ModelRow> checkpoints, int start, int stepsPerEpoch) {
        return checkpoints.stream()
                .filter(r -> endOfEpoch(r, stepsPerEpoch) && r.epoch() >= start)
                .sorted(java.util.Comparator.comparingLong(ModelRow::step))
                .toList();
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
