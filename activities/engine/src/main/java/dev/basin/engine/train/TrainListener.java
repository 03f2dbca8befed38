package dev.basin.engine.train;

/**
 * Receives progress and checkpoints from a {@link Trainer}, on the training thread. Throwing from
 * either method stops training (that is how a run is cancelled); the run can be restarted from the
 * last checkpoint delivered.
 */
public interface TrainListener {

    TrainListener NONE = new TrainListener() {};

    default void progress(Progress progress) {}

    /**
     * Called after every optimiser step, after any {@link #progress} of that step: a liveness signal
     * at the finest grain the loop has, for a heartbeat whose timeout must not depend on how many
     * steps a progress report spans.
     *
     * @param step global steps taken
     */
    default void afterStep(long step) {}

    /**
     * Called at every position that must be checkpointed (see {@link Trainer}); persist
     * {@code checkpoint.bytes()} before returning.
     */
    default void checkpoint(Checkpoint checkpoint) {}
}
