package dev.basin.engine.train;

/**
 * Where a member's training stands.
 *
 * @param epoch epochs completed
 * @param step  optimiser steps taken since the start (global; with {@code s} steps per epoch the
 *              run is {@code step - epoch*s} steps into epoch {@code epoch})
 */
public record TrainPosition(int epoch, long step) {

    public static final TrainPosition START = new TrainPosition(0, 0);

    public TrainPosition {
        if (epoch < 0 || step < 0) {
            throw new IllegalArgumentException("negative position: epoch " + epoch + ", step " + step);
        }
    }
}
