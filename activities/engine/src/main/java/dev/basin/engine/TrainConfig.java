package dev.basin.engine;

/**
 * How each ensemble member is trained: the spec's {@code train} key.
 *
 * @param members              number of independently initialised members
 * @param epochs               passes over the training set per member
 * @param batchSize            minibatch size
 * @param optimizer            the update rule
 * @param schedule             learning-rate schedule: {@code constant}, {@code step}, {@code cosine}, {@code swa},
 *                             {@code cyclic} or {@code halve-every} (see {@code LrSchedule})
 * @param checkpointEvery      write a checkpoint every this many epochs (the last epoch always gets one)
 * @param checkpointEverySteps also write one every this many global steps, mid-epoch included; 0 = off. It bounds
 *                             the work a killed worker loses when epochs are long.
 * @param scheduleParams       the schedule's parameters; null (a request serialised before they existed) reads as
 *                             {@link ScheduleConfig#NONE}
 */
public record TrainConfig(int members, int epochs, int batchSize, OptimizerConfig optimizer,
                          String schedule, int checkpointEvery, int checkpointEverySteps,
                          ScheduleConfig scheduleParams) {

    public TrainConfig {
        if (scheduleParams == null) {
            scheduleParams = ScheduleConfig.NONE;
        }
    }

    /** A schedule without parameters ({@code constant}, {@code step}, {@code cosine}). */
    public TrainConfig(int members, int epochs, int batchSize, OptimizerConfig optimizer, String schedule,
                       int checkpointEvery, int checkpointEverySteps) {
        this(members, epochs, batchSize, optimizer, schedule, checkpointEvery, checkpointEverySteps,
                ScheduleConfig.NONE);
    }

    /** This one with other checkpoint cadences (and members): the trajectory, schedule included, unchanged. */
    public TrainConfig withCheckpoints(int members, int checkpointEvery, int checkpointEverySteps) {
        return new TrainConfig(members, epochs, batchSize, optimizer, schedule, checkpointEvery, checkpointEverySteps,
                scheduleParams);
    }

    /** This one under another schedule, its parameters kept. */
    public TrainConfig withSchedule(String schedule) {
        return new TrainConfig(members, epochs, batchSize, optimizer, schedule, checkpointEvery, checkpointEverySteps,
                scheduleParams);
    }

    /** This one with the schedule's parameters replaced. */
    public TrainConfig withScheduleParams(ScheduleConfig params) {
        return new TrainConfig(members, epochs, batchSize, optimizer, schedule, checkpointEvery, checkpointEverySteps,
                params);
    }
}
