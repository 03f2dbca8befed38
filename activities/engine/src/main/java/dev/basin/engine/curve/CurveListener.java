package dev.basin.engine.curve;

import dev.basin.engine.train.Progress;

/**
 * Receives progress and checkpoints from a {@link CurveTrainer}, on the training thread, with the same contract
 * as {@link dev.basin.engine.train.TrainListener}: throwing stops training, which can be restarted from the last
 * checkpoint delivered. {@link Progress#loss()} is the curve loss CE(φ(t)) + ½·wd·‖φ(t)‖² at the sampled t.
 */
public interface CurveListener {

    CurveListener NONE = new CurveListener() {};

    default void progress(Progress progress) {}

    /** Called after every optimiser step, after any {@link #progress} of that step. */
    default void afterStep(long step) {}

    /** Called at every position that must be checkpointed; persist {@code checkpoint.bytes()} before returning. */
    default void checkpoint(CurveCheckpoint checkpoint) {}
}
