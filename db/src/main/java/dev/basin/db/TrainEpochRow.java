package dev.basin.db;

import java.util.Objects;

/**
 * One member's training at the end of one epoch: a row of {@code train_epoch}. Metrics that were not measured are
 * NaN (stored as NULL).
 *
 * @param epoch        epochs completed (1 for the end of the first)
 * @param trainLoss    mean minibatch loss over the epoch's steps (over those since a resume, for a resumed epoch)
 * @param testAccuracy accuracy at the epoch's end on the first {@code testPoints} of the study's test split
 * @param testNll      mean negative log-likelihood there, in nats
 * @param testPoints   how many test points were measured (0 when none)
 * @param imagesPerSec training throughput over the epoch
 * @param seconds      the epoch's training time, evaluation excluded
 */
public record TrainEpochRow(String study, String runKey, int member, int epoch, long step, @NullAsNaN double trainLoss,
                            @NullAsNaN double testAccuracy, @NullAsNaN double testNll, int testPoints,
                            @NullAsNaN double imagesPerSec,
                            @NullAsNaN double seconds) {

    public TrainEpochRow {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(runKey, "runKey");
        if (member < 0 || epoch < 1) {
            throw new IllegalArgumentException("member " + member + " epoch " + epoch + ": member >= 0, epoch >= 1");
        }
    }
}
