package dev.basin.db;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One node of a study's recorded stage graph.
 *
 * @param position its place in the plan (parents come first)
 * @param activity what runs it, e.g. {@code plane-row}
 * @param subject  what it works on, e.g. {@code plane 0 row 4}
 * @param parents  the stages it runs after
 * @param inputs   the named inputs its key covers: spec fragments as normalised YAML, parents' keys, ...
 */
public record PlannedStageRow(String stage, int position, String inputKey, String activity, String subject,
                              List<String> parents, SortedMap<String, String> inputs) {
    public PlannedStageRow {
        Objects.requireNonNull(stage, "stage");
        parents = List.copyOf(parents);
        inputs = new TreeMap<>(inputs);
    }

    public static PlannedStageRow of(String stage, int position, String inputKey, String activity, String subject,
                                     List<String> parents, Map<String, String> inputs) {
        return new PlannedStageRow(stage, position, inputKey, activity, subject, parents, new TreeMap<>(inputs));
    }
}
