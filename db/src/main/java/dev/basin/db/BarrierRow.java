package dev.basin.db;

/**
 * The loss barrier between two models of an ensemble ({@code kind}, {@code variant}), at positions
 * {@code positionA} &lt; {@code positionB} of its models ({@code -1}: the ensemble's anchor). Heights are on the
 * train loss and on the test error (a fraction); {@code *T} is where the maximum is.
 */
public record BarrierRow(String study, String runKey, String kind, String variant, int positionA, int positionB,
                         long modelA, long modelB, int points, double trainLossBarrier, double trainLossT,
                         double testErrorBarrier, double testErrorT, double disagreement, String inputKey) {}
