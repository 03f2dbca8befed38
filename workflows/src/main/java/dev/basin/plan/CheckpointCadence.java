package dev.basin.plan;

import dev.basin.engine.TrainConfig;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.TrajectoryConfig;
import dev.basin.engine.analysis.WeightRef;

/**
 * How often training must write checkpoints for the analyses a spec asks for. Pure.
 *
 * <p>The analyses read weights only from stored checkpoints, so the checkpoint cadence is raised to
 * cover them: every {@code trajectory.every} epochs (or {@code everySteps} steps), and every epoch
 * from {@code swa.start} on (SWA and SWAG average end-of-epoch weights), at {@code fge.from}'s epoch
 * (FGE continues from that checkpoint), and at every {@code spawn.at} epoch (children continue from there). The cadence is not part of
 * the run key: checkpoints never change the weights, so a study that asks for more of them resumes
 * and reuses the same members.
 */
public final class CheckpointCadence {
    private CheckpointCadence() {}

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
        // FGE resumes from the member's stored checkpoint at that epoch, optimizer state included, so training
        // must write one there: E a multiple of the cadence.
        WeightRef from = a.fge() == null ? null : a.fge().from();
        if (from != null && from.kind() == WeightRef.Kind.CHECKPOINT && from.epoch() > 0) {
            every = gcd(every, from.epoch());
        }
        // A spawned child continues from its parent's stored checkpoint at each spawn epoch.
        if (a.spawn() != null && a.spawn().at() != null) {
            for (Integer epoch : a.spawn().at()) {
                if (epoch != null && epoch > 0) {
                    every = gcd(every, epoch);
                }
            }
        }
        return train.withCheckpoints(train.members(), every, everySteps);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
