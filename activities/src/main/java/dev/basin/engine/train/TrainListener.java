package dev.basin.engine.train;

/**
 * Receives progress and checkpoints from a {@link Trainer}, on the training thread. Throwing from
 * either method stops training (that is how a run is cancelled); the run can be restarted from the
 * last checkpoint delivered.
 */
public interface TrainListener {

    TrainListener NONE = new TrainListener() {};

    default void progress(Progress progress) {}

    /** Called after the epochs that must be checkpointed; persist {@code checkpoint.bytes()} before returning. */
    default void checkpoint(Checkpoint checkpoint) {}
}
