package dev.basin.engine.curve;

/**
 * Garipov et al.'s learning rate for curve training (dnn-mode-connectivity's {@code learning_rate_schedule}),
 * constant within an epoch: with x = epoch/epochs, α up to x = ½, then linearly down to 0.01·α at x = 0.9,
 * and 0.01·α after.
 */
public final class CurveSchedule {

    private CurveSchedule() {}

    /** @param epoch 0-based index of the epoch being trained (epochs itself is accepted: x = 1) */
    public static double rate(double lr, int epoch, int epochs) {
        if (epoch < 0 || epochs < 1 || epoch > epochs) {
            throw new IllegalArgumentException("epoch " + epoch + " of " + epochs);
        }
        double x = (double) epoch / epochs;
        if (x <= 0.5) {
            return lr;
        }
        if (x <= 0.9) {
            return lr * (1.0 - (x - 0.5) / 0.4 * 0.99);
        }
        return lr * 0.01;
    }
}
