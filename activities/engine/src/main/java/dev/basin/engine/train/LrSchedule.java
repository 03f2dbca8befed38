package dev.basin.engine.train;

import dev.basin.engine.ScheduleConfig;

/**
 * Learning rate per epoch, a pure function of (schedule, base rate, parameters, epoch, epochs). {@code cyclic}
 * changes every step and is {@link StepRate#of}'s alone.
 */
public final class LrSchedule {

    private LrSchedule() {}

    public static java.util.List<String> names() {
        return java.util.List.of("constant", "step", "cosine", "swa", "cyclic", "halve-every");
    }

    /** {@link #rate(String, double, ScheduleConfig, int, int)} for a schedule without parameters. */
    public static double rate(String schedule, double lr, int epoch, int epochs) {
        return rate(schedule, lr, ScheduleConfig.NONE, epoch, epochs);
    }

    /**
     * @param epoch  0-based index of the epoch being trained
     * @param epochs total epochs E
     * @return <ul>
     *   <li>{@code constant}: lr;</li>
     *   <li>{@code step}: lr, ×0.1 from epoch ⌈E/2⌉ (e ≥ 0.5E), ×0.01 from e ≥ 0.75E;</li>
     *   <li>{@code cosine}: lr·½(1 + cos(π·e/E)), so the first epoch uses lr and the last a small positive rate;</li>
     *   <li>{@code swa} (Izmailov et al. 2018, their code's {@code schedule()}): t = e/B with B =
     *       {@code p.swaStart()}, or E when that is 0; factor 1 for t ≤ 0.5, 1 − (1 − swaLr/lr)·(t − 0.5)/0.4 for
     *       0.5 &lt; t ≤ 0.9, swaLr/lr after; the rate is lr·factor;</li>
     *   <li>{@code halve-every}: lr·0.5^⌊e/halveEvery⌋ (step decay, Fort et al.'s notebook).</li>
     * </ul>
     */
    public static double rate(String schedule, double lr, ScheduleConfig p, int epoch, int epochs) {
        if (epoch < 0 || epochs < 1) {
            throw new IllegalArgumentException("epoch " + epoch + " of " + epochs);
        }
        return switch (schedule) {
            case "constant" -> lr;
            case "step" -> 4L * epoch >= 3L * epochs ? lr * 0.01 : 2L * epoch >= epochs ? lr * 0.1 : lr;
            case "cosine" -> lr * 0.5 * (1 + Math.cos(Math.PI * epoch / epochs));
            case "swa" -> lr * swaFactor(epoch, p.swaStart() > 0 ? p.swaStart() : epochs, p.swaLr() / lr);
            case "halve-every" -> {
                if (p.halveEvery() < 1) {
                    throw new IllegalArgumentException("halve-every needs halveEvery >= 1, got " + p.halveEvery());
                }
                yield lr * Math.pow(0.5, epoch / p.halveEvery());
            }
            case "cyclic" -> throw new IllegalArgumentException("cyclic changes the rate every step: use StepRate.of");
            default -> throw new IllegalArgumentException("unknown schedule '" + schedule
                    + "'; known: " + String.join(", ", names()));
        };
    }

    /** Izmailov et al.'s {@code schedule()} factor, with their names: t = epoch / B, lr_ratio = swa_lr / lr_init. */
    private static double swaFactor(int epoch, int b, double ratio) {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("swa needs 0 < swaLr <= lr, got swaLr/lr = " + ratio);
        }
        double t = (double) epoch / b;
        if (t <= 0.5) {
            return 1.0;
        }
        return t <= 0.9 ? 1.0 - (1.0 - ratio) * (t - 0.5) / 0.4 : ratio;
    }
}
