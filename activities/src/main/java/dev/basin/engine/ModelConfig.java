package dev.basin.engine;

/**
 * The network architecture: the spec's {@code model} key.
 *
 * @param name  a model-registry name such as {@code small-cnn}
 * @param width multiplier on every layer's channel (or unit) count; 1.0 is the network as published
 */
public record ModelConfig(String name, double width) {

    /** The network at its published width (1.0). */
    public ModelConfig(String name) {
        this(name, 1.0);
    }
}
