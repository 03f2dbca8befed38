package dev.basin.engine.analysis;

/**
 * The spec's {@code trajectory} key: which checkpoints of each member's training are kept for analysis and
 * evaluated on the test set. Exactly one of the two is positive, the other 0; the end of the last epoch is
 * always kept.
 *
 * @param every      keep the weights at the end of every this many epochs
 * @param everySteps keep the weights every this many global steps
 */
public record TrajectoryConfig(int every, int everySteps) {}
