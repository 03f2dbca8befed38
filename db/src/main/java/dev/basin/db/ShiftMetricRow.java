package dev.basin.db;

import java.util.List;
import java.util.Objects;

/**
 * Metrics of one model or one ensemble (exactly one of the two ids is set) on the test set corrupted by
 * {@code corruption} at {@code severity} 1..5.
 */
public record ShiftMetricRow(String study, Long modelId, Long ensembleId, String corruption, int severity,
                             double accuracy, double nll, double brier, double ece, String inputKey) {

    public static final List<String> CORRUPTIONS = List.of("gaussian-noise", "blur", "rotation", "contrast", "pixelate");

    public ShiftMetricRow {
        Objects.requireNonNull(study, "study");
        if ((modelId == null) == (ensembleId == null)) {
            throw new IllegalArgumentException("a shift metric belongs to a model or an ensemble, exactly one");
        }
        if (!CORRUPTIONS.contains(corruption)) {
            throw new IllegalArgumentException("unknown corruption '" + corruption + "', expected " + CORRUPTIONS);
        }
        if (severity < 1 || severity > 5) {
            throw new IllegalArgumentException("severity must be 1..5, got " + severity);
        }
    }
}
