package dev.basin.engine.analysis;

import java.util.List;

/**
 * The spec's {@code interpolation} key: loss and error along the straight line between each pair of models,
 * {@code (1 - t) a + t b} for t from {@code -margin} to {@code 1 + margin}.
 *
 * @param pairs       the pairs, in the order given
 * @param points      evaluated points per line, both ends of the margin included
 * @param margin      how far the line reaches beyond each end, as a fraction of the pair's distance
 * @param trainSubset how many training images (the first ones) the train loss and error are computed on
 */
public record InterpolationConfig(List<WeightPair> pairs, int points, double margin, int trainSubset) {

    public InterpolationConfig {
        pairs = AnalysesConfig.copy(pairs);
    }
}
