package dev.basin.activities.landscape;

import dev.basin.activities.Heartbeats;
import dev.basin.activities.StageRun;
import dev.basin.activities.WorkerContext;
import dev.basin.db.LandscapeStore;
import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import dev.basin.db.TsneRow;
import dev.basin.engine.analysis.TsneConfig;
import dev.basin.engine.tsne.Tsne;
import dev.basin.engine.tsne.TsneSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage {@code tsne}: a 2D t-SNE ({@link Tsne}, exact t-SNE) of the flattened test-set predictions of
 * every kept checkpoint of every member and, when the study has {@code subspace}, of every subspace sample that
 * was evaluated (Fort et al. Fig. 2c). One row per model in {@code tsne_point} (view {@code tsne_points}).
 *
 * <p>The perplexity asked for is lowered to {@link Tsne#maxPerplexity}(n) when there are too few models for it
 * (a small study); the value used is the one stored with every point and logged. More than {@code tsne.maxPoints}
 * models are not all embedded: exact t-SNE is O(n²) in memory and time, so a sample drawn from {@code tsne.seed}
 * ({@link TsneSample}) is, with a warning in the log; up to the cap every model is. Deterministic: same models,
 * perplexity and {@code tsne.seed}, same coordinates. Fewer than 4 models cannot be embedded; the stage then
 * stores nothing and says so.
 *
 * <p>Reused when exactly these models have points under this stage's input key; after computing, embeddings of
 * any other key are deleted.
 */
public final class TsneActivityImpl implements TsneActivity {
    private static final Logger log = LoggerFactory.getLogger(TsneActivityImpl.class);
    /** van der Maaten's usual number of gradient steps. */
    static final int ITERATIONS = 1000;

    private final WorkerContext context;

    public TsneActivityImpl(WorkerContext context) {
        this.context = context;
    }

    @Override
    public int embedPredictions(AnalysisRequest r) {
        String key = r.inputKey();
        StudyModels models = new StudyModels(context, r);
        LandscapeStore landscape = new LandscapeStore(context.store().database());
        return StageRun.run(context, r.study(), r.stage(), key, () -> stored(models, landscape, key),
                () -> embed(models, landscape, key));
    }

    /**
     * The models embedded: of {@link #candidates}, all when there are at most {@code tsne.maxPoints}, else the
     * seeded sample of {@link TsneSample}, in the same order.
     */
    private static List<ModelRow> sample(List<ModelRow> all, TsneConfig config) {
        return Arrays.stream(TsneSample.indices(all.size(), config.maxPoints(), config.seed())).mapToObj(all::get)
                .toList();
    }

    /** Kept checkpoints, member by member, oldest first; then the evaluated subspace samples. */
    private List<ModelRow> candidates(StudyModels models) {
        AnalysisRequest r = models.request();
        List<ModelRow> out = new ArrayList<>();
        for (int m = 0; m < r.train().members(); m++) {
            out.addAll(models.kept(m));
        }
        if (r.analyses().subspace() != null) {
            context.store().models(r.study(), r.runKey(), ModelKind.SAMPLE).stream()
                    .filter(s -> context.store().predictions().of(s.id(), StudyModels.TEST).isPresent())
                    .forEach(out::add);
        }
        return out;
    }

    /**
     * The stored embedding under {@code key}, if it holds exactly the models this Basin would embed, or every
     * candidate (an embedding made before {@code tsne.maxPoints} existed: exact t-SNE of all of them, as good).
     */
    private Optional<Integer> stored(StudyModels models, LandscapeStore landscape, String key) {
        List<ModelRow> all = candidates(models);
        Set<Long> expected = ids(sample(all, models.request().analyses().tsne()));
        Set<Long> stored = landscape.tsnePoints(models.request().study()).stream()
                .filter(p -> key.equals(p.inputKey())).map(TsneRow::modelId).collect(Collectors.toSet());
        boolean same = expected.equals(stored) || ids(all).equals(stored);
        return !expected.isEmpty() && same ? Optional.of(stored.size()) : Optional.empty();
    }

    private static Set<Long> ids(List<ModelRow> rows) {
        return rows.stream().map(ModelRow::id).collect(Collectors.toSet());
    }

    private int embed(StudyModels models, LandscapeStore landscape, String key) {
        String study = models.request().study();
        TsneConfig config = models.request().analyses().tsne();
        List<ModelRow> all = candidates(models);
        List<ModelRow> rows = sample(all, config);
        int n = rows.size();
        int candidates = all.size();
        if (n < candidates) {
            log.warn("tsne of study {}: {} models, more than tsne.maxPoints {}; embedding a sample of {} drawn from"
                    + " seed {} (raise tsne.maxPoints, up to {}, to embed more)", study, candidates,
                    config.maxPoints(), n, config.seed(), TsneSample.MAX_POINTS);
        }
        if (n < 4) {
            landscape.retainTsne(study, List.of(key));
            log.warn("tsne of study {}: {} models, t-SNE needs at least 4; nothing embedded", study, n);
            return 0;
        }
        double[][] points = new double[n][];
        for (int i = 0; i < n; i++) {
            models.heartbeat(i);
            ModelRow row = rows.get(i);
            INDArray probs = models.requireTestPredictions(row);
            points[i] = probs.dup('c').reshape(probs.length()).toDoubleVector();
        }
        double perplexity = Math.min(config.perplexity(), Tsne.maxPerplexity(n));
        if (perplexity < config.perplexity()) {
            log.info("tsne of study {}: perplexity {} is too large for {} models, using {}", study,
                    config.perplexity(), n, perplexity);
        }
        models.heartbeat("embedding");
        double[][] xy;
        try (var phase = Heartbeats.phase("t-SNE of " + n + " models")) {
            xy = Tsne.embed(points, perplexity, config.seed(), ITERATIONS, () -> Heartbeats.progress("t-SNE"));
        }
        List<TsneRow> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new TsneRow(study, key, rows.get(i).id(), perplexity, config.seed(), xy[i][0], xy[i][1]));
        }
        // One embedding is one coordinate frame: no point of an earlier one (another sample) may stay beside it.
        landscape.retainTsne(study, List.of());
        landscape.recordTsnePoints(out);
        log.info("tsne of study {}: {} models embedded, perplexity {}, seed {}", study, n, perplexity, config.seed());
        return n;
    }
}
