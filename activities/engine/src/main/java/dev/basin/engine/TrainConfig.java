package dev.basin.engine;

/**
 * How each ensemble member is trained: the spec's {@code train} key.
 *
 * @param members              number of independently initialised members
 * @param epochs               passes over the training set per member
 * @param batchSize            minibatch size
 * @param optimizer            the update rule
 * @param schedule             learning-rate schedule over epochs: {@code constant}, {@code step} or {@code cosine}
 * @param checkpointEvery      write a checkpoint every this many epochs (the last epoch always gets one)
 * @param checkpointEverySteps also write one every this many global steps, mid-epoch included; 0 = off. It bounds
 *                             the work a killed worker loses when epochs are long.
 */
public record TrainConfig(int members, int epochs, int batchSize, OptimizerConfig optimizer,
                          String schedule, int checkpointEvery, int checkpointEverySteps) {}
