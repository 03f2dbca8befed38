package dev.basin.serve;

import java.util.List;

/**
 * One stage as the dashboard shows it.
 *
 * @param stage    its name, e.g. {@code train/member-003}
 * @param state    {@code done}, {@code reused}, {@code running}, {@code pending}, {@code failed} or {@code cancelled}
 * @param activity what runs it (may be empty for a study planned before the graph was recorded)
 * @param parents  the stages it runs after
 * @param depth    0 for a stage without parents, else one more than its deepest parent: the layer it is drawn in
 */
record StageView(String stage, String state, String activity, List<String> parents, int depth) {
    StageView {
        parents = List.copyOf(parents);
    }

    boolean finished() {
        return state.equals("done") || state.equals("reused");
    }
}
