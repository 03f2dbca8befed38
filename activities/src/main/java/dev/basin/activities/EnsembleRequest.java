package dev.basin.activities;

import dev.basin.engine.DataConfig;
import java.util.List;

/**
 * Evaluate the deep ensemble of the first 1..M members, in member order, and of every size over subsets of the
 * members.
 *
 * @param seed the study's seed, for the random subsets drawn when a size has too many (0 in a history written
 *             before it existed)
 */
public record EnsembleRequest(String study, String runKey, StageTask task, List<MemberScore> members,
                              DataConfig data, long seed) {}
