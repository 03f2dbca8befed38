package dev.basin.activities;

import dev.basin.engine.DataConfig;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.TrainConfig;

/**
 * Train one ensemble member: the plan's node {@code task} (subject: the member); {@code runKey} names
 * the weights this spec fragment determines.
 */
public record TrainRequest(String study, String runKey, StageTask task, long seed, DataConfig data, ModelConfig model,
                           TrainConfig train) {

    /** The member, 0-based. */
    public int member() {
        return task.subject(Subject.Member.class).member();
    }
}
