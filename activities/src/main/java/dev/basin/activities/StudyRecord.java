package dev.basin.activities;

/** What a study row records about how it was produced (the worker adds its thread count). */
public record StudyRecord(String study, String specYaml, String specHash, long seed, String codeVersion) {}
