package dev.basin.activities.landscape;

import dev.basin.db.ModelRow;
import java.util.ArrayList;
import java.util.List;

/**
 * Which pairs of models the {@code similarity} stage compares, per scope (Fort et al.): {@code trajectory}, every
 * pair of kept checkpoints within one member (Fig. 2a/b); {@code members}, the final weights of every pair of
 * members (Fig. 3); {@code all}, every pair of kept checkpoints across all members. A pair is listed once, in
 * the order the models are given, never a model with itself. Pure.
 */
final class SimilarityPairs {
    static final String TRAJECTORY = "trajectory";
    static final String MEMBERS = "members";
    static final String ALL = "all";

    private SimilarityPairs() {}

    /** Two models to compare under one scope. */
    record Pair(String scope, ModelRow a, ModelRow b) {}

    /**
     * @param kept   each member's kept checkpoints, members in order, each oldest first
     * @param finals each member's final weights, in member order (unused unless {@code members} is asked for)
     */
    static List<Pair> pairs(List<String> scopes, List<List<ModelRow>> kept, List<ModelRow> finals) {
        List<Pair> out = new ArrayList<>();
        for (String scope : scopes) {
            switch (scope) {
                case TRAJECTORY -> kept.forEach(member -> addAll(out, scope, member));
                case MEMBERS -> addAll(out, scope, finals);
                case ALL -> addAll(out, scope, kept.stream().flatMap(List::stream).toList());
                default -> throw new IllegalArgumentException("unknown similarity scope '" + scope + "'");
            }
        }
        return out;
    }

    private static void addAll(List<Pair> out, String scope, List<ModelRow> models) {
        for (int i = 0; i < models.size(); i++) {
            for (int j = i + 1; j < models.size(); j++) {
                out.add(new Pair(scope, models.get(i), models.get(j)));
            }
        }
    }
}
