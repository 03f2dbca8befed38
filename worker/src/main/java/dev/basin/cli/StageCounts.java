package dev.basin.cli;

import dev.basin.db.StageRow;
import java.util.ArrayList;
import java.util.List;

/** How many of a study's stages are in each state, as one line: {@code 3 reused, 2 done, 1 running}. */
final class StageCounts {
    private StageCounts() {}

    static String of(List<StageRow> stages) {
        if (stages.isEmpty()) {
            return "none recorded";
        }
        List<String> parts = new ArrayList<>();
        for (String state : StageRow.STATES) {
            long n = stages.stream().filter(s -> s.state().equals(state)).count();
            if (n > 0) {
                parts.add(n + " " + state);
            }
        }
        return String.join(", ", parts);
    }
}
