package dev.basin.plan;

import dev.basin.activities.Subject;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One stage of a study's plan.
 *
 * @param name     named after the spec key that asks for it: {@code train/member-003}, {@code plane/0/row-03}
 * @param activity what runs it
 * @param subject  what it works on
 * @param inputKey {@link StageKey#of} its inputs: a result stored under this key is this stage's result
 * @param parents  the stages that must be done before it starts, by name
 * @param inputs   everything its key covers, by name ({@code spec tsne}, {@code parent trajectory/member-000},
 *                 {@code engine}, ...): what {@code basin plan} compares to say which input changed
 */
public record StageNode(String name, StageActivity activity, Subject subject, String inputKey, List<String> parents,
                        SortedMap<String, String> inputs) {
    public StageNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(inputKey, "inputKey");
        parents = List.copyOf(parents);
        inputs = new TreeMap<>(inputs);
    }
}
