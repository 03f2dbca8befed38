package dev.basin.engine.train;

/**
 * A serialised network (weights + updater state) at {@code position}; see {@link Checkpoints}.
 *
 * @param weightsSha256 {@link dev.basin.engine.weights.WeightVectors#sha256} of the weights in {@code bytes}: equal
 *                      for equal weights, unlike the SHA-256 of {@code bytes}, whose zip carries timestamps
 */
public record Checkpoint(TrainPosition position, byte[] bytes, String weightsSha256) {}
