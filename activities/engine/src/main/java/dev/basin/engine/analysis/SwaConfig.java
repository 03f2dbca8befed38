package dev.basin.engine.analysis;

/**
 * The spec's {@code swa} key: per member, the average of the weights at the end of every epoch from {@code start}
 * on (SWA), and the SWAG moments of the same snapshots.
 *
 * @param start 1-based epoch whose end-of-epoch weights are the first averaged
 * @param rank  SWAG's K: how many of the last deviation vectors are kept; 0 keeps the diagonal only
 */
public record SwaConfig(int start, int rank) {}
