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

    /**
     * Refuses a position that a run of {@code epochs} epochs of {@code perEpoch} steps cannot be at: inside an epoch
     * not yet complete, or exactly at the end of the last one.
     */
    public void requireWithin(int perEpoch, int epochs) {
        long first = (long) epoch * perEpoch;
        boolean inside = epoch < epochs ? step >= first && step < first + perEpoch : epoch == epochs && step == first;
        if (!inside) {
            throw new IllegalArgumentException("position " + this + " is inconsistent with " + perEpoch
                    + " steps per epoch and " + epochs + " epochs");
        }
    }
}
