package dev.basin.db;

/** Loss and error at the {@code i}-th t along a barrier's line. */
public record BarrierPointRow(int i, double t, double trainLoss, double trainError, double testNll,
                              double testError) {}
