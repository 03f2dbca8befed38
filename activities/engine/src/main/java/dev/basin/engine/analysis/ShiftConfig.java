package dev.basin.engine.analysis;

import java.util.List;

/**
 * The spec's {@code shift} key: deterministic corrupted copies of the test set, generated from the study seed,
 * on which every model and ensemble is evaluated.
 *
 * @param corruptions names, in the order given: {@code gaussian-noise, blur, rotation, contrast, pixelate}
 * @param severities  severities 1..5, in the order given
 */
public record ShiftConfig(List<String> corruptions, List<Integer> severities) {

    public ShiftConfig {
        corruptions = AnalysesConfig.copy(corruptions);
        severities = AnalysesConfig.copy(severities);
    }
}
