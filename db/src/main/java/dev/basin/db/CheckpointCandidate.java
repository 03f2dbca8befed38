package dev.basin.db;

/**
 * A member checkpoint that {@code basin gc} may delete, as far as the database can tell: its member's final weights
 * are recorded in the same run, it is not the object the final row names, and no row uses it (no metric,
 * prediction, similarity pair, t-SNE point, subspace sample, plane projection, barrier, ensemble position or resume
 * names it). Whether a planned stage still reads it is the spec's to say.
 *
 * @param finalStep the global step of the member's final weights in that run
 */
public record CheckpointCandidate(long id, String runKey, int member, int epoch, long step, String artifactKey,
                                  long bytes, long finalStep) {}
