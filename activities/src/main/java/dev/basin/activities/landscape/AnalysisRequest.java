package dev.basin.activities.landscape;

import dev.basin.activities.StageTask;
import dev.basin.activities.Subject;
import dev.basin.engine.DataConfig;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.TrainConfig;
import dev.basin.engine.analysis.AnalysesConfig;

/**
 * What every analysis stage is given: the study, its run key, the spec parts that determine its
 * result, and its node of the stage plan (name, input key, subject). Everything else (weights,
 * predictions) the activity finds by natural key in PostgreSQL and S3, so only small values cross
 * Temporal.
 */
public record AnalysisRequest(String study, String runKey, long seed, DataConfig data, ModelConfig model,
                              TrainConfig train, AnalysesConfig analyses, StageTask task) {

    /** The stage's name, e.g. {@code plane/0/row-03}. */
    public String stage() {
        return task.stage();
    }

    /** The input key the stage's result is stored and reused under. */
    public String inputKey() {
        return task.inputKey();
    }

    /** The member a per-member stage works on. */
    public int member() {
        return task.subject(Subject.Member.class).member();
    }
}
