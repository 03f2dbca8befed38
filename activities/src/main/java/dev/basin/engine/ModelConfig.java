package dev.basin.engine;

/** The network architecture: the spec's {@code model} key; {@code name} is a model-registry name such as {@code small-cnn}. */
public record ModelConfig(String name) {}
