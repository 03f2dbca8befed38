package dev.basin.activities;

import dev.basin.artifacts.ArtifactRef;
import dev.basin.engine.metrics.Scores;

/** A member's test-set metrics and where its softmax predictions are stored. */
public record MemberScore(int member, long modelId, ArtifactRef predictions, Scores scores,
                                                    double computeSeconds) {}
