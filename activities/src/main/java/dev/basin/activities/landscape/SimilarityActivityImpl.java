package dev.basin.activities.landscape;

import dev.basin.activities.StageRun;
import dev.basin.activities.WorkerContext;
import dev.basin.db.LandscapeStore;
import dev.basin.db.ModelRow;
import dev.basin.db.SimilarityRow;
import dev.basin.engine.landscape.Geometry;
import dev.basin.engine.weights.WeightVectors;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The stage {@code similarity}: weight cosine similarity and prediction disagreement (DESIGN.md "Definitions")
 * for the pairs {@link SimilarityPairs} lists, into {@code similarity} (view {@code similarity_pairs}). The cosine
 * is over the trainable parameters (no batch-norm running statistics), and again over the conv/dense kernels
 * alone ({@code cosine_kernels}: no biases, no BN γ/β, which start equal in every member).
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

    /** The stage's pairs, in order, one at a time (see {@link SimilarityPairs#iterate}), and how many there are. */
    private record Pairs(Iterator<SimilarityPairs.Pair> iterator, long count) {}

    private static Pairs pairs(StudyModels models) {
        AnalysisRequest r = models.request();
        List<String> scopes = r.analyses().similarity().scopes();
        int members = r.train().members();
        boolean checkpoints = scopes.contains(SimilarityPairs.TRAJECTORY) || scopes.contains(SimilarityPairs.ALL);
        List<List<ModelRow>> kept = checkpoints
                ? IntStream.range(0, members).mapToObj(models::kept).toList() : List.of();
        List<ModelRow> finals = scopes.contains(SimilarityPairs.MEMBERS)
                ? IntStream.range(0, members).mapToObj(models::finalRow).toList() : List.of();
        return new Pairs(SimilarityPairs.iterate(scopes, kept, finals), SimilarityPairs.count(scopes, kept, finals));
    }

    /**
     * Done when every pair is stored under this key. Counted, not listed: the key fixes the pairs (its parents'
     * keys fix the kept models), and the rows of a key are only ever written by {@link SimilarityChunks}.
     */
    private static Optional<Integer> stored(StudyModels models, LandscapeStore landscape, String key) {
        long expected = pairs(models).count();
        long stored = landscape.countSimilarities(models.request().study(), key);
        return expected > 0 && expected == stored ? Optional.of(Math.toIntExact(stored)) : Optional.empty();
    }

    private static int compare(StudyModels models, LandscapeStore landscape, String key) {
        String study = models.request().study();
        Map<Long, Vectors> weights = new HashMap<>();
        Map<Long, int[]> labels = new HashMap<>();
        long n = SimilarityChunks.write(landscape, study, key, pairs(models).iterator(), SimilarityChunks.CHUNK, p -> {
            Vectors wa = weights.computeIfAbsent(p.a().id(), id -> Vectors.of(models, p.a()));
            Vectors wb = weights.computeIfAbsent(p.b().id(), id -> Vectors.of(models, p.b()));
            int[] la = labels.computeIfAbsent(p.a().id(), id -> labels(models, p.a()));
            int[] lb = labels.computeIfAbsent(p.b().id(), id -> labels(models, p.b()));
            return new SimilarityRow(study, p.scope(), p.a().id(), p.b().id(),
                    Geometry.cosine(wa.trainable(), wb.trainable()), Geometry.cosine(wa.kernels(), wb.kernels()),
                    Geometry.disagreement(la, lb), key);
        }, models::heartbeat);
        landscape.retainSimilarities(study, List.of(key));
        return Math.toIntExact(n);
    }

    /** A model's trainable weights and its conv/dense kernels, from one restore. */
    private record Vectors(INDArray trainable, INDArray kernels) {
        static Vectors of(StudyModels models, ModelRow row) {
            ComputationGraph net = models.restore(row).net();
            return new Vectors(WeightVectors.trainable(net), WeightVectors.kernels(net));
        }
    }

    private static int[] labels(StudyModels models, ModelRow row) {
        return Geometry.predictedLabels(models.requireTestPredictions(row));
    }
}
