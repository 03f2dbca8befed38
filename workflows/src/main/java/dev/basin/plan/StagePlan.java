package dev.basin.plan;

import dev.basin.activities.StageTask;
import dev.basin.spec.StudySpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A study as a graph of stages: one node per stage the spec asks for, each with its parents, in an order
 * where every parent comes before its children. Pure and deterministic: the same spec, run key and engine
 * version give the same plan, node for node and key for key.
 *
 * <p>The workflow starts each node as soon as its own parents are done; {@code basin plan} compares the
 * nodes' keys with the stored stage rows; {@code basin status} shows the graph the study recorded.
 *
 * <p>Adding an analysis: declare its spec key, add its nodes in a builder ({@link AnalysisNodes}), add its
 * activity ({@link StageActivity} and the activity itself), its engine code and its migration.
 */
public record StagePlan(List<StageNode> nodes) {

    public StagePlan {
        nodes = List.copyOf(nodes);
        Set<String> seen = new HashSet<>();
        for (StageNode n : nodes) {
            for (String p : n.parents()) {
                if (!seen.contains(p)) {
                    throw new IllegalArgumentException("stage " + n.name() + " runs after " + p
                            + ", which is not planned before it");
                }
            }
            if (!seen.add(n.name())) {
                throw new IllegalArgumentException("stage " + n.name() + " is planned twice");
            }
        }
    }

    /** Every stage {@code spec} asks for, with run key {@code runKey}, under engine {@code engineVersion}. */
    public static StagePlan of(StudySpec spec, String runKey, String engineVersion) {
        PlanBuilder plan = new PlanBuilder(runKey, engineVersion);
        TrainingNodes.add(plan, spec);
        AnalysisNodes.add(plan, spec);
        return plan.build();
    }

    public StageNode node(String name) {
        for (StageNode n : nodes) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("no stage " + name + " in this plan");
    }

    public List<String> names() {
        return nodes.stream().map(StageNode::name).toList();
    }

    /** The stages that run after {@code name}, directly. */
    public List<StageNode> children(String name) {
        return nodes.stream().filter(n -> n.parents().contains(name)).toList();
    }

    /** Every stage {@code name} waits for, directly or through others. */
    public Set<String> ancestors(String name) {
        Map<String, StageNode> byName = byName();
        Set<String> out = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(byName.get(name).parents());
        while (!todo.isEmpty()) {
            String p = todo.pop();
            if (out.add(p)) {
                todo.addAll(byName.get(p).parents());
            }
        }
        return out;
    }

    /** The input keys of every stage run by {@code activity}, in plan order. */
    public List<String> keysOf(StageActivity activity) {
        return nodes.stream().filter(n -> n.activity() == activity).map(StageNode::inputKey).toList();
    }

    /** The node as its activity receives it. */
    public StageTask task(StageNode node) {
        Map<String, StageNode> byName = byName();
        Map<String, String> parentKeys = new TreeMap<>();
        for (String p : node.parents()) {
            parentKeys.put(p, byName.get(p).inputKey());
        }
        return new StageTask(node.name(), node.inputKey(), node.subject(), keysOf(node.activity()), parentKeys);
    }

    /** The nodes by name, in plan order. */
    public Map<String, StageNode> byName() {
        Map<String, StageNode> out = new LinkedHashMap<>();
        nodes.forEach(n -> out.put(n.name(), n));
        return out;
    }

    /** Each stage's depth: 0 for a stage without parents, else one more than its deepest parent. */
    public Map<String, Integer> depths() {
        Map<String, Integer> depth = new HashMap<>();
        for (StageNode n : nodes) {
            depth.put(n.name(), n.parents().stream().mapToInt(p -> depth.get(p) + 1).max().orElse(0));
        }
        return depth;
    }

    /** How many stages each activity runs, for summaries. */
    public Map<StageActivity, Integer> counts() {
        Map<StageActivity, Integer> out = new TreeMap<>();
        nodes.forEach(n -> out.merge(n.activity(), 1, Integer::sum));
        return out;
    }

    /** The nodes' names, one list per depth: what could run at once with unlimited workers. */
    public List<List<String>> levels() {
        Map<String, Integer> depth = depths();
        List<List<String>> out = new ArrayList<>();
        for (StageNode n : nodes) {
            int d = depth.get(n.name());
            while (out.size() <= d) {
                out.add(new ArrayList<>());
            }
            out.get(d).add(n.name());
        }
        return out;
    }
}
