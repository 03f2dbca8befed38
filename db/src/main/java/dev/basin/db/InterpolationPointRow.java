package dev.basin.db;

import java.util.Objects;

/**
 * Point {@code i} of the line {@code (1 - t) A + t B} between the pair {@code A-B} ({@code final:0-final:1}).
 */
public record InterpolationPointRow(String study, String pair, int i, double t, double trainLoss, double trainError,
                                    double testNll, double testError, String inputKey) {

    public InterpolationPointRow {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(inputKey, "inputKey");
    }
}
