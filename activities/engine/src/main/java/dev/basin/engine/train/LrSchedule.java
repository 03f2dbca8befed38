package dev.basin.engine.train;

/** Learning rate per epoch, a pure function of (schedule, base rate, epoch, epochs). */
public final class LrSchedule {

    private LrSchedule() {}

    public static java.util.List<String> names() {
        return java.util.List.of("constant", "step", "cosine");
    }

    /**
     * @param epoch  0-based index of the epoch being trained
     * @param epochs total epochs E
     * @return {@code constant}: lr; {@code step}: lr, ×0.1 from epoch ⌈E/2⌉ (e ≥ 0.5E), ×0.01 from
     *         e ≥ 0.75E; {@code cosine}: lr·½(1 + cos(π·e/E)), so the first epoch uses lr and the
     *         last a small positive rate
     */
    public static double rate(String schedule, double lr, int epoch, int epochs) {
        if (epoch < 0 || epochs < 1) {
            throw new IllegalArgumentException("epoch " + epoch + " of " + epochs);
        }
        return switch (schedule) {
            case "constant" -> lr;
            case "step" -> 4L * epoch >= 3L * epochs ? lr * 0.01 : 2L * epoch >= epochs ? lr * 0.1 : lr;
            case "cosine" -> lr * 0.5 * (1 + Math.cos(Math.PI * epoch / epochs));
            default -> throw new IllegalArgumentException("unknown schedule '" + schedule
                    + "'; known: " + String.join(", ", names()));
        };
    }
}
