package dev.basin.workflows;

/**
 * What a client submits: the spec text exactly as written (the workflow validates it again), the
 * task queue of the workers that run the heavy activities, and the version of the submitting code.
 */
public record StudyRequest(String specYaml, String computeQueue, String codeVersion) {}
