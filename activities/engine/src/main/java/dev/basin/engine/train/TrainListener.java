package dev.basin.engine.train;

import org.deeplearning4j.nn.graph.ComputationGraph;

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

    /**
     * Called when an epoch ends, before its checkpoint (so a run resumed from that checkpoint has reported the
     * epoch already, and one resumed from an older checkpoint reports it again). {@code net} holds the epoch's
     * weights: the listener may run inference on it (to measure test metrics) but must change neither its
     * parameters, nor its updater or batch-norm state, nor depend on the order of random draws; the trainer reseeds
     * its random stream before every step, so training stays bit-identical whatever the listener does here.
     */
    default void epochEnd(EpochEnd end, ComputationGraph net) {}
}
