package dev.basin.activities;

import dev.basin.artifacts.ArtifactRef;

/**
 * A trained member.
 *
 * @param modelId          the {@code model} row of its final weights
 * @param weights          the final checkpoint in S3
 * @param resumedFromEpoch the epoch the last attempt started from (0 when it trained from scratch,
 *                         {@code epochs} when the member was already complete)
 * @param computeSeconds   time spent inside the engine's training loop in the last attempt
 */
public record MemberResult(int member, long modelId, ArtifactRef weights, int epochs, long steps,
                                                      int resumedFromEpoch, double computeSeconds) {}
