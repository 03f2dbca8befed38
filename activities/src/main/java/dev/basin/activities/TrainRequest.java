package dev.basin.activities;

import dev.basin.engine.DataConfig;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.TrainConfig;

/** Train one ensemble member; {@code runKey} names the weights this spec fragment determines. */
public record TrainRequest(String study, String runKey, int member, long seed,
                                                      DataConfig data, ModelConfig model, TrainConfig train) {}
