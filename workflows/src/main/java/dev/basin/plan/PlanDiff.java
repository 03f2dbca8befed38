package dev.basin.plan;

import dev.basin.activities.Subject;
import dev.basin.db.PlannedStageRow;
import dev.basin.db.StageRow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What running a spec again would do, stage by stage: {@code basin plan}'s dry run. Compares a plan made by the
 * local code with the stage rows a study left, and says why. Pure: it reads rows handed to it and writes nothing.
 *
 * <p>The rules follow what the activities do: a stage whose stored row has the same input key and is
 * {@code done} or {@code reused} is reused; a stage with no row, or a row of the same key that never finished
 * ({@code pending}, {@code running}, {@code failed}, {@code cancelled}), is computed (training resumes from its
 * checkpoints); a stage whose stored key differs is recomputed, naming the inputs that changed.
 *
 * @param decisions one per planned stage, in plan order
 * @param dropped   stages the study has rows for that this plan no longer has (running it deletes their rows)
 */
public record PlanDiff(List<Decision> decisions, List<String> dropped) {

    public enum Action {
        REUSE, COMPUTE, RECOMPUTE;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @param why a short reason, empty where the action says it all */
    public record Decision(StageNode node, Action action, String why) {}

    /** How many parents an "upstream" reason names before it only counts the rest. */
    static final int NAMED_PARENTS = 2;

    public PlanDiff {
        decisions = List.copyOf(decisions);
        dropped = List.copyOf(dropped);
    }

    /**
     * @param states    the study's stage rows ({@code StageStore.stages})
     * @param graph     its recorded graph with each stage's inputs ({@code StageStore.graph}); empty for a study
     *                  recorded before the graph was
     * @param runChange what changed in the spec keys that make the run key ({@code seed, data, model, train}),
     *                  as {@link SpecLines#changes} lines; shown when a stage's run key differs
     */
    public static PlanDiff of(StagePlan plan, List<StageRow> states, List<PlannedStageRow> graph, List<String> runChange) {
        return of(plan, states, graph, runChange, Set.of());
    }

    /**
     * The same, knowing which members already have final weights under the plan's run key: training reuses
     * those by run key and member, whatever its stage row says (an older Basin keyed the row differently).
     */
    public static PlanDiff of(StagePlan plan, List<StageRow> states, List<PlannedStageRow> graph, List<String> runChange,
                              Set<Integer> trained) {
        Map<String, StageRow> state = states.stream().collect(Collectors.toMap(StageRow::stage, Function.identity()));
        Map<String, PlannedStageRow> recorded = graph.stream()
                .collect(Collectors.toMap(PlannedStageRow::stage, Function.identity()));
        List<Decision> out = new ArrayList<>();
        for (StageNode n : plan.nodes()) {
            StageRow row = state.get(n.name());
            boolean trainedBefore = n.activity() == StageActivity.TRAIN && n.subject() instanceof Subject.Member m
                    && trained.contains(m.member());
            out.add(trainedBefore && (row == null || !n.inputKey().equals(row.inputKey()))
                    ? new Decision(n, Action.REUSE, "trained under this run key")
                    : decide(n, row, recorded.get(n.name()), runChange));
        }
        Set<String> planned = new LinkedHashSet<>(plan.names());
        List<String> dropped = states.stream().map(StageRow::stage).filter(s -> !planned.contains(s)).toList();
        return new PlanDiff(out, dropped);
    }

    private static Decision decide(StageNode n, StageRow row, PlannedStageRow recorded, List<String> runChange) {
        if (row == null || row.inputKey() == null) {
            return new Decision(n, Action.COMPUTE, row == null ? "new" : "no input key recorded");
        }
        boolean finished = row.state().finished();
        if (row.inputKey().equals(n.inputKey())) {
            return finished ? new Decision(n, Action.REUSE, "")
                    : new Decision(n, Action.COMPUTE, "resume: was " + row.state().text());
        }
        String why = recorded == null || recorded.inputs().isEmpty()
                ? "input key changed (no inputs recorded)"
                : changes(recorded.inputs(), n.inputs(), runChange);
        return new Decision(n, Action.RECOMPUTE, finished ? why : why + " (was " + row.state().text() + ")");
    }

    /** Which inputs differ, most specific first; parents only count when nothing of the stage's own changed. */
    static String changes(SortedMap<String, String> before, SortedMap<String, String> after, List<String> runChange) {
        SortedMap<String, String> all = new TreeMap<>(before);
        all.putAll(after);
        List<String> own = new ArrayList<>();
        List<String> parents = new ArrayList<>();
        for (String name : all.keySet()) {
            String was = before.get(name);
            String now = after.get(name);
            if (Objects.equals(was, now)) {
                continue;
            }
            if (name.startsWith("parent ")) {
                parents.add(name.substring("parent ".length()));
            } else if (name.startsWith("spec ")) {
                own.addAll(SpecLines.changes(was, now));
            } else if (name.equals("run")) {
                own.add(runChange.isEmpty() ? "run key " + abbreviated(was) + " -> " + abbreviated(now)
                        : "run key: " + String.join(", ", runChange));
            } else {
                own.add(name + ": " + (was == null ? "(none)" : abbreviated(was)) + " -> "
                        + (now == null ? "(none)" : abbreviated(now)));
            }
        }
        if (own.isEmpty()) {
            return parents.isEmpty() ? "input key changed" : "upstream: " + names(parents);
        }
        // A stage whose own input changed is recomputed for that; its parents most likely changed for the same reason.
        return String.join("; ", own.stream().distinct().toList());
    }

    /** {@code a, b … (5)}: the first few names and how many there are in all. */
    public static String names(List<String> names) {
        if (names.size() <= NAMED_PARENTS + 1) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, NAMED_PARENTS)) + " … (" + names.size() + ")";
    }

    private static String abbreviated(String value) {
        String v = value.strip().replace('\n', ' ');
        return v.length() > 24 ? v.substring(0, 12) + "…" : v;
    }

    /** How many decisions take each action. */
    public Map<Action, Long> counts() {
        Map<Action, Long> out = new TreeMap<>();
        for (Action a : Action.values()) {
            out.put(a, decisions.stream().filter(d -> d.action() == a).count());
        }
        return out;
    }
}
