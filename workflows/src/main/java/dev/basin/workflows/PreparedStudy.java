package dev.basin.workflows;

import dev.basin.plan.StagePlan;
import dev.basin.spec.StudySpec;

/**
 * A study ready to run: its validated spec, the normalised text and hash that record it, the run key and
 * engine version its results are keyed under, and its stage graph.
 */
public record PreparedStudy(StudySpec spec, String normalisedSpec, String specHash, String runKey,
                            String engineVersion, StagePlan plan) {}
