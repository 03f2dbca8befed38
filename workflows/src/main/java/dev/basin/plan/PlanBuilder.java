package dev.basin.plan;

import dev.basin.activities.Subject;
import dev.basin.spec.SpecPrinter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds a {@link StagePlan} node by node, computing each node's input key from its inputs as it is added
 * (so a parent's key is known before its children are added).
 */
final class PlanBuilder {
    private final String runKey;
    private final String engineVersion;
    private final Map<String, StageNode> nodes = new LinkedHashMap<>();

    PlanBuilder(String runKey, String engineVersion) {
        this.runKey = runKey;
        this.engineVersion = engineVersion;
    }

    /**
     * Adds a stage.
     *
     * @param parents the stages it runs after (duplicates ignored); each must have been added already
     * @param spec    its own spec fragments, by name, as normalised YAML (see {@link #spec})
     */
    StageNode add(String name, StageActivity activity, Subject subject, Collection<String> parents,
                  Map<String, String> spec) {
        SortedMap<String, String> inputs = new TreeMap<>();
        inputs.put("stage", name);
        inputs.put("activity", activity.text());
        inputs.put("subject", subject.text());
        inputs.put("engine", engineVersion);
        inputs.put("run", runKey);
        spec.forEach((key, text) -> inputs.put("spec " + key, text));
        List<String> unique = List.copyOf(new LinkedHashSet<>(parents));
        for (String p : unique) {
            StageNode parent = nodes.get(p);
            if (parent == null) {
                throw new IllegalStateException("stage " + name + " runs after " + p + ", which is not planned yet");
            }
            inputs.put("parent " + p, parent.inputKey());
        }
        StageNode node = new StageNode(name, activity, subject, StageKey.of(inputs), unique, inputs);
        if (nodes.putIfAbsent(name, node) != null) {
            throw new IllegalStateException("stage " + name + " is planned twice");
        }
        return node;
    }

    boolean has(String name) {
        return nodes.containsKey(name);
    }

    StagePlan build() {
        return new StagePlan(List.copyOf(nodes.values()));
    }

    /** One spec fragment: {@code key} and its value in the normalised YAML the printer writes. */
    static Map<String, String> spec(String key, Object config) {
        return Map.of(key, SpecPrinter.block(key, config));
    }
}
