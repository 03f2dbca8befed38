package dev.basin.activities;

import dev.basin.db.EnsembleRow;
import dev.basin.db.StudyStore;
import dev.basin.engine.metrics.Metrics;
import dev.basin.engine.metrics.Scores;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How every kind of ensemble (deep, SWA, subspace samples, Multi-SWAG) is scored and stored by size:
 * the ensemble of size k is the mean of the softmax outputs of every model in its first k groups
 * (DESIGN.md "Definitions": ensemble prediction), scored on the test set, stored as one {@code ensemble}
 * row of that kind and size with its four metrics. A group is one model for the deep, SWA and subspace
 * ensembles, and all of one member's SWAG samples for Multi-SWAG (Fort et al. Fig. 8), so that every
 * ensemble kind grows the same way and reads the same in the {@code ensemble_size} view.
 */
public final class EnsembleSizes {
    public static final String SPLIT = "test";
    private static final int METRICS = 4;

    private EnsembleSizes() {}

    /**
     * The models that join the ensemble together when it grows by one.
     *
     * @param member the ensemble member they belong to, for the row's {@code members} column
     */
    public record Group(int member, List<INDArray> predictions) {
        public Group {
            predictions = List.copyOf(predictions);
        }
    }

    /**
     * The stored ensembles of {@code kind} (variant ''), if sizes 1..{@code sizes} are all stored under {@code key}
     * with their four metrics (and no larger one).
     */
    public static Optional<List<EnsembleScore>> stored(StudyStore store, String study, String runKey, String kind,
                                                       int sizes, String key) {
        return stored(store, study, runKey, kind, "", sizes, key);
    }

    /** The same for the ensembles of one kind and variant (a curve's, say). */
    public static Optional<List<EnsembleScore>> stored(StudyStore store, String study, String runKey, String kind,
                                                       String variant, int sizes, String key) {
        List<EnsembleRow> rows = store.ensembles(study, runKey, kind, variant);
        if (rows.size() != sizes) {
            return Optional.empty();
        }
        List<EnsembleScore> out = new ArrayList<>();
        for (EnsembleRow e : rows) {
            Map<String, Double> metrics = store.ensembleMetrics(e.id(), SPLIT);
            if (!key.equals(e.inputKey()) || e.size() != out.size() + 1 || metrics.size() != METRICS) {
                return Optional.empty();
            }
            out.add(new EnsembleScore(e.size(), scores(metrics)));
        }
        return Optional.of(out);
    }

    /**
     * Scores and stores the ensembles of sizes 1..{@code groups.size()}; deletes larger ones of the same
     * kind left by an earlier, bigger spec. The {@code members} column holds the distinct members of the
     * groups joined so far, in order.
     *
     * @param heartbeat called before each size, to keep the activity alive
     */
    public static List<EnsembleScore> score(StudyStore store, String study, String runKey, String kind,
                                            List<Group> groups, int[] labels, String key, Runnable heartbeat) {
        return score(store, study, runKey, kind, "", groups, labels, key, heartbeat);
    }

    /** The same for the ensembles of one kind and variant (the children spawned at one epoch, say). */
    public static List<EnsembleScore> score(StudyStore store, String study, String runKey, String kind,
                                            String variant, List<Group> groups, int[] labels, String key,
                                            Runnable heartbeat) {
        List<EnsembleScore> out = new ArrayList<>();
        List<INDArray> joined = new ArrayList<>();
        Set<Integer> members = new LinkedHashSet<>();
        for (int size = 1; size <= groups.size(); size++) {
            heartbeat.run();
            Group g = groups.get(size - 1);
            if (g.predictions().isEmpty()) {
                throw new IllegalArgumentException("group " + (size - 1) + " of ensemble " + kind + " has no models");
            }
            joined.addAll(g.predictions());
            members.add(g.member());
            Scores scores = Metrics.score(Metrics.ensembleMean(joined), labels);
            long id = store.recordEnsemble(new EnsembleRow(0, study, runKey, kind, variant, size,
                    List.copyOf(members), key));
            store.recordEnsembleMetrics(study, id, SPLIT, asMap(scores));
            out.add(new EnsembleScore(size, scores));
        }
        store.deleteEnsemblesLargerThan(study, runKey, kind, variant, groups.size());
        return out;
    }

    public static Scores scores(Map<String, Double> m) {
        return new Scores(m.get("accuracy"), m.get("nll"), m.get("brier"), m.get("ece"));
    }

    public static Map<String, Double> asMap(Scores s) {
        return Map.of("accuracy", s.accuracy(), "nll", s.nll(), "brier", s.brier(), "ece", s.ece());
    }
}
