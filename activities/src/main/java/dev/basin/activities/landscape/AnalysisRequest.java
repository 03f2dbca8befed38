package dev.basin.activities.landscape;

import dev.basin.engine.DataConfig;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.TrainConfig;
import dev.basin.engine.analysis.AnalysesConfig;

/**
 * What every analysis stage is given: the study, its run key and the spec parts that determine its
 * result, and which part of the stage this activity computes. Everything else (weights, predictions)
 * the activity finds by natural key in PostgreSQL and S3, so only small values cross Temporal.
 *
 * @param index which part: a member, a subspace method, a plane, a pair or a corruption, as each
 *              stage's interface says
 * @param row   a plane's grid row; -1 where the stage has no rows
 */
public record AnalysisRequest(String study, String runKey, long seed, DataConfig data, ModelConfig model,
                              TrainConfig train, AnalysesConfig analyses, int index, int row) {

    public static AnalysisRequest of(String study, String runKey, long seed, DataConfig data, ModelConfig model,
                                     TrainConfig train, AnalysesConfig analyses, int index) {
        return new AnalysisRequest(study, runKey, seed, data, model, train, analyses, index, -1);
    }

    public AnalysisRequest withRow(int row) {
        return new AnalysisRequest(study, runKey, seed, data, model, train, analyses, index, row);
    }
}
