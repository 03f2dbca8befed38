package dev.basin.db;

import java.util.Objects;
import java.util.Set;

/**
 * Where a model falls on a plane.
 *
 * @param label   the model's name, {@code final:0}, {@code checkpoint:1@3}, {@code origin}; unique within a plane
 * @param modelId its model row; null for the origin
 * @param kind    {@code anchor}, {@code checkpoint} or {@code sample}
 */
public record PlaneProjectionRow(long planeId, String label, Long modelId, String kind, double a, double b) {

    public static final Set<String> KINDS = Set.of("anchor", "checkpoint", "sample", "curve");

    public PlaneProjectionRow {
        Objects.requireNonNull(label, "label");
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown projection kind '" + kind + "', expected " + KINDS);
        }
    }
}
