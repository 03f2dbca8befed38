package dev.basin.engine.train;

/**
 * A progress report.
 *
 * @param epoch           epochs completed (as in {@link TrainPosition})
 * @param step            global steps taken
 * @param stepsPerEpoch   steps in one epoch
 * @param loss            mean training loss over the steps since the last report, including the L2 term
 * @param imagesPerSecond training throughput since the last report
 * @param learningRate    the rate of the last step reported (per-epoch schedules: the rate of the epoch)
 * @param epochEnd        whether this report closes an epoch
 */
public record Progress(int epoch, long step, int stepsPerEpoch, double loss, double imagesPerSecond,
                       double learningRate, boolean epochEnd) {}
