package dev.basin.engine.train;

/** A serialised network (weights + updater state) at {@code position}; see {@link Checkpoints}. */
public record Checkpoint(TrainPosition position, byte[] bytes) {}
