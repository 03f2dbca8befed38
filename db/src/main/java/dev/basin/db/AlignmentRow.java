package dev.basin.db;

/**
 * One member permuted to match {@code reference} by weight matching: {@code sweeps} coordinate-descent passes (the
 * last changed nothing), and the weight distance to the reference before and after.
 */
public record AlignmentRow(String study, String runKey, int member, int reference, int sweeps,
                           double distanceBefore, double distanceAfter, String inputKey) {}
