package dev.basin.engine.analysis;

/**
 * The spec's {@code sse} key: a snapshot ensemble (Huang et al. 2017), one network trained from scratch with
 * cosine annealing and warm restarts, one snapshot at the end of each cycle. The cycle length is fixed in
 * epochs, ⌈train.epochs / snapshots⌉, so a longer run begins with exactly the shorter one.
 *
 * @param snapshots M: snapshots per budget B (= train.epochs)
 * @param lr        α0, the rate at the start of every cycle
 * @param epochs    epochs trained in all (a multiple of B is what the budget table compares)
 */
public record SseConfig(int snapshots, double lr, int epochs) {

    /** Cycle length in epochs for a budget of {@code budgetEpochs}: ⌈B / M⌉. */
    public int cycleEpochs(int budgetEpochs) {
        return (budgetEpochs + snapshots - 1) / snapshots;
    }
}
