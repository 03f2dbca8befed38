package dev.basin.db;

/**
 * One grid point (i, j) of a plane at coordinates (a, b), in units of the plane's {@code ‖u‖}. Losses may be
 * infinite or NaN far from the anchors; they are stored as they are.
 *
 * @param similarityToFirst fraction of test points whose predicted label agrees with the first anchor's
 */
public record PlanePointRow(long planeId, int i, int j, double a, double b, double trainLoss, double trainAccuracy,
                            double testNll, double testError, double similarityToFirst) {}
