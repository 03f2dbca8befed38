package dev.basin.activities;

import dev.basin.engine.DataConfig;

/** Evaluate one trained member on the test split. */
public record EvaluateRequest(String study, String runKey, StageTask task, MemberResult member, DataConfig data) {}
