package dev.basin.activities;

/** A stage the workflow plans to run; {@code inputKey} is null where its inputs do not exist yet. */
public record PlannedStage(String stage, String inputKey) {}
