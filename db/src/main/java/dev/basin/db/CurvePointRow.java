package dev.basin.db;

/**
 * Loss and error at point {@code i} (at {@code t}) of a curve ({@code path} {@code curve}) or of the straight line
 * between its ends ({@code line}); {@code segment} is the path's length from point i − 1 (0 at i = 0).
 */
public record CurvePointRow(long curveId, String path, int i, double t, double segment, double trainLoss,
                            double trainError, double testNll, double testError, String inputKey) {}
