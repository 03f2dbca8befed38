package dev.basin.activities;

import dev.basin.db.EnsembleSubsetRow;
import dev.basin.db.StudyStore;
import dev.basin.engine.metrics.SubsetEnsembles;
import java.util.ArrayList;
import java.util.List;

/**
 * The ensembles of each size over subsets of their groups, stored beside the first-k ensembles of
 * {@link EnsembleSizes} (table {@code ensemble_subset}, view {@code ensemble_size_subsets}): for size k, the mean and
 * sample standard deviation of each test metric over all C(M, k) subsets of the M groups, or over
 * {@link SubsetEnsembles#CAP} distinct random ones seeded by the study seed and k when there are more (Fort et al.
 * average over subsets). Scored for the deep ensemble, the SWA solutions and Multi-SWAG (a group = one member's
 * samples), whose groups are exchangeable; not for subspace samples, snapshot or curve ensembles, which are ordered.
 */
public final class EnsembleSubsets {
    private EnsembleSubsets() {}

    /** Whether sizes 1..{@code sizes} of {@code kind} (variant '') are stored under {@code key}, and no larger one. */
    public static boolean stored(StudyStore store, String study, String runKey, String kind, int sizes, String key) {
        List<EnsembleSubsetRow> rows = store.ensembleSubsets().of(study, runKey, kind, "");
        if (rows.size() != sizes) {
            return false;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != i + 1 || !key.equals(rows.get(i).inputKey())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Scores and stores every size 1..M of {@code kind} over subsets of {@code groups}; deletes larger sizes left
     * by an earlier, bigger spec.
     *
     * @param seed the study's seed: with k, it picks the random subsets of a size that has more than the cap
     */
    public static List<SubsetEnsembles.Stats> score(StudyStore store, String study, String runKey, String kind,
                                                    List<EnsembleSizes.Group> groups, int[] labels, String key,
                                                    long seed) {
        List<SubsetEnsembles.Stats> stats = SubsetEnsembles.score(
                groups.stream().map(EnsembleSizes.Group::predictions).toList(), labels, SubsetEnsembles.CAP, seed);
        List<EnsembleSubsetRow> rows = new ArrayList<>();
        for (SubsetEnsembles.Stats s : stats) {
            rows.add(new EnsembleSubsetRow(study, runKey, kind, "", s.size(), s.subsets(), s.exhaustive(),
                    s.mean().accuracy(), s.sd().accuracy(), s.mean().nll(), s.sd().nll(), s.mean().brier(),
                    s.sd().brier(), s.mean().ece(), s.sd().ece(), key));
        }
        store.ensembleSubsets().record(rows);
        store.ensembleSubsets().deleteLargerThan(study, runKey, kind, "", groups.size());
        return stats;
    }
}
