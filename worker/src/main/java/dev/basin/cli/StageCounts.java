package dev.basin.cli;

import dev.basin.db.StageRow;
import dev.basin.db.StageState;
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
        for (StageState state : StageState.COUNTED) {
            long n = stages.stream().filter(s -> s.state() == state).count();
            if (n > 0) {
                parts.add(n + " " + state.text());
            }
        }
        return String.join(", ", parts);
    }
}
