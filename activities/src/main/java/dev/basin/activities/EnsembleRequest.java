package dev.basin.activities;

import dev.basin.engine.DataConfig;
import java.util.List;

/** Evaluate the deep ensemble of the first 1..M members, in member order. */
public record EnsembleRequest(String study, String runKey, StageTask task, List<MemberScore> members,
                              DataConfig data) {}
