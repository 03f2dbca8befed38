package dev.basin.activities.landscape;

import dev.basin.activities.StageRun;
import dev.basin.activities.WorkerContext;
import dev.basin.db.LandscapeStore;
import dev.basin.db.ModelRow;
import dev.basin.db.SimilarityRow;
import dev.basin.engine.landscape.Geometry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The stage {@code similarity}: weight cosine similarity and prediction disagreement (DESIGN.md "Definitions")
 * for the pairs {@link SimilarityPairs} lists, into {@code similarity} (view {@code similarity_pairs}).
 * Disagreement compares stored test predictions: the trajectory stage's for checkpoints, the member evaluation's
 * for finals. Each model's weights and predicted labels are loaded once and kept for the attempt (a study has
 * tens of kept models of a few hundred thousand parameters).
 *
 * <p>Reused when exactly the expected pairs are stored under this stage's input key; after computing, pairs of
 * any other key (an older spec) are deleted.
 */
public final class SimilarityActivityImpl implements SimilarityActivity {
    private final WorkerContext context;

    public SimilarityActivityImpl(WorkerContext context) {
        this.context = context;
    }

    @Override
    public int compareModels(AnalysisRequest r) {
        String key = r.inputKey();
        StudyModels models = new StudyModels(context, r);
        LandscapeStore landscape = new LandscapeStore(context.store().database());
        return StageRun.run(context, r.study(), r.stage(), key,
                () -> stored(models, landscape, key), () -> compare(models, landscape, key));
    }

    private static List<SimilarityPairs.Pair> pairs(StudyModels models) {
        AnalysisRequest r = models.request();
        List<String> scopes = r.analyses().similarity().scopes();
        int members = r.train().members();
        boolean checkpoints = scopes.contains(SimilarityPairs.TRAJECTORY) || scopes.contains(SimilarityPairs.ALL);
        List<List<ModelRow>> kept = checkpoints
                ? IntStream.range(0, members).mapToObj(models::kept).toList() : List.of();
        List<ModelRow> finals = scopes.contains(SimilarityPairs.MEMBERS)
                ? IntStream.range(0, members).mapToObj(models::finalRow).toList() : List.of();
        return SimilarityPairs.pairs(scopes, kept, finals);
    }

    private static Optional<Integer> stored(StudyModels models, LandscapeStore landscape, String key) {
        Set<String> expected = pairs(models).stream().map(p -> naturalKey(p.scope(), p.a().id(), p.b().id()))
                .collect(Collectors.toSet());
        Set<String> stored = landscape.similarities(models.request().study()).stream()
                .filter(s -> key.equals(s.inputKey())).map(s -> naturalKey(s.scope(), s.modelA(), s.modelB()))
                .collect(Collectors.toSet());
        return !expected.isEmpty() && expected.equals(stored) ? Optional.of(stored.size()) : Optional.empty();
    }

    /** A pair as the table keys it: the smaller model id first. */
    private static String naturalKey(String scope, long a, long b) {
        return scope + " " + Math.min(a, b) + " " + Math.max(a, b);
    }

    private static int compare(StudyModels models, LandscapeStore landscape, String key) {
        String study = models.request().study();
        Map<Long, INDArray> weights = new HashMap<>();
        Map<Long, int[]> labels = new HashMap<>();
        List<SimilarityRow> rows = new ArrayList<>();
        for (SimilarityPairs.Pair p : pairs(models)) {
            models.heartbeat(rows.size());
            INDArray wa = weights.computeIfAbsent(p.a().id(), id -> models.weights(p.a()));
            INDArray wb = weights.computeIfAbsent(p.b().id(), id -> models.weights(p.b()));
            int[] la = labels.computeIfAbsent(p.a().id(), id -> labels(models, p.a()));
            int[] lb = labels.computeIfAbsent(p.b().id(), id -> labels(models, p.b()));
            rows.add(new SimilarityRow(study, p.scope(), p.a().id(), p.b().id(), Geometry.cosine(wa, wb),
                    Geometry.disagreement(la, lb), key));
        }
        landscape.recordSimilarities(rows);
        landscape.retainSimilarities(study, List.of(key));
        return rows.size();
    }

    private static int[] labels(StudyModels models, ModelRow row) {
        return Geometry.predictedLabels(models.requireTestPredictions(row));
    }
}
