package dev.basin.cli;

import dev.basin.db.PlannedStageRow;
import dev.basin.db.QueryResult;
import dev.basin.db.StageRow;
import dev.basin.db.StageState;
import dev.basin.db.TableFormat;
import dev.basin.plan.PlanDiff;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code basin status STUDY}'s view of the recorded stage graph: every stage in plan order with its state and
 * the stages it runs after, then how many stages of each activity are in each state.
 */
final class StageTable {
    private StageTable() {}

    static void print(PrintStream out, List<StageRow> stages, List<PlannedStageRow> graph) {
        Map<String, PlannedStageRow> planned = graph.stream()
                .collect(Collectors.toMap(PlannedStageRow::stage, Function.identity()));
        List<List<String>> rows = new ArrayList<>();
        for (StageRow g : stages) {
            PlannedStageRow p = planned.get(g.stage());
            rows.add(List.of(g.stage(), g.state().text(), String.valueOf(g.attempt()),
                    g.inputKey() == null ? "" : g.inputKey().substring(0, 12), text(g.startedAt()), text(g.finishedAt()),
                    p == null ? "" : PlanDiff.names(p.parents())));
        }
        out.print(TableFormat.aligned(new QueryResult(
                List.of("stage", "state", "attempt", "input key", "started", "finished", "after"), rows)));
        if (!stages.isEmpty()) {
            out.println();
            out.print(TableFormat.aligned(byActivity(stages, planned)));
        }
    }

    /** One row per activity, in plan order of its first stage: how many of its stages are in each state. */
    static QueryResult byActivity(List<StageRow> stages, Map<String, PlannedStageRow> planned) {
        Map<String, Map<StageState, Integer>> counts = new LinkedHashMap<>();
        for (StageRow g : stages) {
            PlannedStageRow p = planned.get(g.stage());
            // A study recorded before the graph has no activity column: its stage names start with the verb.
            String activity = p != null && p.activity() != null ? p.activity() : g.stage().split("/")[0];
            counts.computeIfAbsent(activity, a -> new LinkedHashMap<>()).merge(g.state(), 1, Integer::sum);
        }
        List<String> columns = new ArrayList<>(List.of("activity", "stages"));
        StageState.COUNTED.forEach(s -> columns.add(s.text()));
        List<List<String>> rows = new ArrayList<>();
        counts.forEach((activity, byState) -> {
            List<String> row = new ArrayList<>(List.of(activity,
                    String.valueOf(byState.values().stream().mapToInt(Integer::intValue).sum())));
            for (StageState state : StageState.COUNTED) {
                row.add(String.valueOf(byState.getOrDefault(state, 0)));
            }
            rows.add(row);
        });
        return new QueryResult(columns, rows);
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }
}
