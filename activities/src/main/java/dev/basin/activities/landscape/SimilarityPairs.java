package dev.basin.activities.landscape;

import dev.basin.db.ModelRow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Which pairs of models the {@code similarity} stage compares, per scope (Fort et al.): {@code trajectory}, every
 * pair of kept checkpoints within one member (Fig. 2a/b); {@code members}, the final weights of every pair of
 * members (Fig. 3); {@code all}, every pair of kept checkpoints across all members. A pair is listed once, in
 * the order the models are given, never a model with itself. Pure.
 *
 * <p>{@code all} grows as the square of the kept checkpoints, so the pairs are enumerated lazily
 * ({@link #iterate}), never held in a list by the stage; {@link #pairs} is the same sequence, collected.
 */
final class SimilarityPairs {
    static final String TRAJECTORY = "trajectory";
    static final String MEMBERS = "members";
    static final String ALL = "all";

    private SimilarityPairs() {}

    /** Two models to compare under one scope. */
    record Pair(String scope, ModelRow a, ModelRow b) {}

    /** A scope's models, split into groups whose every pair is compared (one group per member for trajectory). */
    private record Groups(String scope, List<List<ModelRow>> groups) {}

    /**
     * @param kept   each member's kept checkpoints, members in order, each oldest first
     * @param finals each member's final weights, in member order (unused unless {@code members} is asked for)
     */
    static List<Pair> pairs(List<String> scopes, List<List<ModelRow>> kept, List<ModelRow> finals) {
        List<Pair> out = new ArrayList<>();
        iterate(scopes, kept, finals).forEachRemaining(out::add);
        return out;
    }

    /** How many pairs {@link #iterate} yields. */
    static long count(List<String> scopes, List<List<ModelRow>> kept, List<ModelRow> finals) {
        long n = 0;
        for (Groups g : groups(scopes, kept, finals)) {
            for (List<ModelRow> group : g.groups()) {
                n += (long) group.size() * (group.size() - 1) / 2;
            }
        }
        return n;
    }

    /** The pairs of {@link #pairs}, in the same order, one at a time. */
    static Iterator<Pair> iterate(List<String> scopes, List<List<ModelRow>> kept, List<ModelRow> finals) {
        List<Groups> all = groups(scopes, kept, finals);
        return new Iterator<>() {
            int scope;
            int group;
            int i;
            int j = 1;

            @Override
            public boolean hasNext() {
                // move to the next (i, j) with j < the group's size, over groups and scopes
                while (scope < all.size()) {
                    List<List<ModelRow>> groups = all.get(scope).groups();
                    if (group < groups.size()) {
                        int size = groups.get(group).size();
                        if (j < size) {
                            return true;
                        }
                        if (++i < size - 1) {
                            j = i + 1;
                            continue;
                        }
                        group++;
                    } else {
                        scope++;
                        group = 0;
                    }
                    i = 0;
                    j = 1;
                }
                return false;
            }

            @Override
            public Pair next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<ModelRow> models = all.get(scope).groups().get(group);
                return new Pair(all.get(scope).scope(), models.get(i), models.get(j++));
            }
        };
    }

    private static List<Groups> groups(List<String> scopes, List<List<ModelRow>> kept, List<ModelRow> finals) {
        List<Groups> out = new ArrayList<>();
        for (String scope : scopes) {
            out.add(new Groups(scope, switch (scope) {
                case TRAJECTORY -> kept;
                case MEMBERS -> List.of(finals);
                case ALL -> List.of(kept.stream().flatMap(List::stream).toList());
                default -> throw new IllegalArgumentException("unknown similarity scope '" + scope + "'");
            }));
        }
        return out;
    }
}
