package dev.basin.engine.train;

/**
 * The end of one training epoch, as a {@link Trainer} reports it to {@link TrainListener#epochEnd}.
 *
 * @param epoch           epochs completed (1 at the end of the first)
 * @param step            global steps taken
 * @param trainLoss       mean minibatch loss over the epoch's steps, including the L2 term; over the steps taken
 *                        since the run resumed when it resumed within this epoch
 * @param imagesPerSecond training throughput over those steps
 * @param seconds         the time those steps took
 */
public record EpochEnd(int epoch, long step, double trainLoss, double imagesPerSecond, double seconds) {}
