package dev.basin.activities;

/**
 * What a study row records about how it was produced (the worker adds its thread count). {@code runKey} becomes the
 * study's current run, the one its views show; it is null in a history recorded before it existed.
 */
public record StudyRecord(String study, String specYaml, String specHash, long seed, String codeVersion,
                          String runKey) {}
