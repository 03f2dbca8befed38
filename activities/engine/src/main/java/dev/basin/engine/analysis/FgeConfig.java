package dev.basin.engine.analysis;

/**
 * The spec's {@code fge} key: Fast Geometric Ensembling (Garipov et al. 2018, Sec. 5). Training continues from
 * a member's stored checkpoint (with its optimizer state) under a cyclic learning rate, and one snapshot is
 * taken per cycle, where the rate is lowest.
 *
 * @param from   the starting checkpoint, {@code checkpoint:M@E}
 * @param cycle  cycle length c in epochs (even); the rate goes α1 → α2 over the first c/2 epochs and back
 * @param lr1    the highest rate α1
 * @param lr2    the lowest rate α2
 * @param cycles cycles run, so snapshots taken
 */
public record FgeConfig(WeightRef from, int cycle, double lr1, double lr2, int cycles) {

    /** Epochs of FGE training: cycles × cycle. */
    public int epochs() {
        return cycles * cycle;
    }
}
