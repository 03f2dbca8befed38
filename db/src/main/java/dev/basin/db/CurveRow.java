package dev.basin.db;

import java.util.Objects;

/**
 * One curve of a study: {@code label} is {@code bezier final:0-final:1}; the bend and the lengths are known once
 * the bend is trained (null id, NaN lengths before).
 */
public record CurveRow(long id, String study, String runKey, String label, int curveIndex, String type,
                       String endpointA, String endpointB, Long bendId, @NullAsNaN double length,
                       @NullAsNaN double lineLength, String inputKey) {
    public CurveRow {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(inputKey, "inputKey");
    }
}
