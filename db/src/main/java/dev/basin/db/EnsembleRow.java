package dev.basin.db;

import java.util.List;

/**
 * A stored ensemble: the first {@code size} members of a run, combined as {@code kind} (e.g. {@code deep}).
 *
 * @param inputKey the ensemble stage's input key it was computed under (null if unknown)
 */
public record EnsembleRow(long id, String study, String runKey, String kind, int size, List<Integer> members,
                          String inputKey) {
    public EnsembleRow {
        members = List.copyOf(members);
    }
}
