package dev.basin.engine.analysis;

import java.util.List;

/**
 * The spec's {@code barriers} key: how the loss barriers within ensembles are measured. For two models a and b,
 * B(a, b) = max over t of L((1 − t)·a + t·b) − ((1 − t)·L(a) + t·L(b)), at {@code points} evenly spaced t, on
 * the train loss (first {@code trainSubset} training images) and on the test error, batch norm recomputed at
 * every point. An ensemble's connectivity is the mean barrier over its pairs.
 *
 * @param points      evenly spaced t in [0, 1], both ends included
 * @param trainSubset training images the train loss is measured on
 * @param ensembles   which ensembles are measured: names from {@link #ENSEMBLES}
 */
public record BarriersConfig(int points, int trainSubset, List<String> ensembles) {

    /** The ensembles whose pairs can be measured, in plan order. */
    public static final List<String> ENSEMBLES = List.of("deep", "swa", "fge", "sse", "spawn", "aligned", "distill");

    /** Points along each line: t = 0, 0.1, ..., 1. */
    public static final int DEFAULT_POINTS = 11;
    /** Training images the train loss is measured on, as for planes and curves. */
    public static final int DEFAULT_TRAIN_SUBSET = 5000;

    public BarriersConfig {
        ensembles = AnalysesConfig.copy(ensembles);
    }

    public boolean measures(String ensemble) {
        return ensembles != null && ensembles.contains(ensemble);
    }

    /** The ensembles measured by default: the deep ensemble, and each single-basin ensemble the spec forms. */
    public static List<String> defaultEnsembles(AnalysesConfig a) {
        List<String> out = new java.util.ArrayList<>(List.of("deep"));
        if (a.spawn() != null) {
            out.add("spawn");
        }
        if (a.align() != null) {
            out.add("aligned");
        }
        if (a.distill() != null) {
            out.add("distill");
        }
        return out;
    }

    /** What a spec without the key gets when spawn, align or distill asks for barriers: every default. */
    public static BarriersConfig defaults(AnalysesConfig a) {
        return new BarriersConfig(DEFAULT_POINTS, DEFAULT_TRAIN_SUBSET, defaultEnsembles(a));
    }
}
