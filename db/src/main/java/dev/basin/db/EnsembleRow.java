package dev.basin.db;

import java.util.List;

/**
 * A stored ensemble of {@code size} models of a run, combined as {@code kind} (e.g. {@code deep}).
 *
 * @param variant  tells apart ensembles of one kind: the curve's label for kind {@code curve}, '' otherwise
 * @param inputKey the ensemble stage's input key it was computed under (null if unknown)
 */
public record EnsembleRow(long id, String study, String runKey, String kind, String variant, int size, List<Integer> members,
                          String inputKey) {
    public EnsembleRow {
        members = List.copyOf(members);
    }
}
