package dev.basin.activities;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One node of a study's stage plan, as its activity receives it: the stage's name, the input key its
 * result is stored and reused under, and its subject. The plan computes the key once; activities never
 * recompute it.
 *
 * @param siblingKeys the input keys of every stage of the plan run by the same activity (every plane,
 *                    say): results stored under any other key belong to a spec that no longer applies
 *                    and may be deleted by the stage
 * @param parentKeys  the input keys of the stages this one runs after, by stage name: a stage that reads a
 *                    parent's result checks it was stored under that key
 */
public record StageTask(String stage, String inputKey, Subject subject, List<String> siblingKeys,
                        Map<String, String> parentKeys) {
    public StageTask {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(inputKey, "inputKey");
        Objects.requireNonNull(subject, "subject");
        siblingKeys = List.copyOf(siblingKeys);
        parentKeys = new TreeMap<>(parentKeys);
    }

    /** The input key of parent stage {@code name}. */
    public String parentKey(String name) {
        String key = parentKeys.get(name);
        if (key == null) {
            throw new IllegalArgumentException("stage " + stage + " does not run after " + name + "; its parents are "
                    + parentKeys.keySet());
        }
        return key;
    }

    /** The subject, as the type the activity expects. */
    public <S extends Subject> S subject(Class<S> type) {
        if (!type.isInstance(subject)) {
            throw new IllegalArgumentException("stage " + stage + " needs a " + type.getSimpleName()
                    + " subject, not " + subject);
        }
        return type.cast(subject);
    }
}
