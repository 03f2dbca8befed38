package dev.basin.engine.curve;

import dev.basin.engine.train.TrainPosition;

/**
 * A {@link CurveState} serialised by {@link CurveState#write()} at {@code position}.
 *
 * @param thetaSha256 {@link dev.basin.engine.weights.WeightVectors#sha256} of the bend θ in {@code bytes}
 */
public record CurveCheckpoint(TrainPosition position, byte[] bytes, String thetaSha256) {}
