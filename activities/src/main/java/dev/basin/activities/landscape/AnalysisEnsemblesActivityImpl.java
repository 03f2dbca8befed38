package dev.basin.activities.landscape;

import dev.basin.activities.EnsembleScore;
import dev.basin.activities.EnsembleSizes;
import dev.basin.activities.EnsembleSubsets;
import dev.basin.activities.StageRun;
import dev.basin.activities.WorkerContext;
import dev.basin.db.LandscapeStore;
import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import dev.basin.db.SubspaceSampleRow;
import dev.basin.engine.analysis.SamplingMethod;
import dev.basin.engine.analysis.SubspaceConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@code ensembles} beyond the deep one (Fort et al. Fig. 8), each scored by size like the deep
 * ensemble ({@link EnsembleSizes}) from the stored test predictions of its models:
 * <ul>
 *   <li>{@code swa}: the members' SWA solutions, size k = members 0..k-1;</li>
 *   <li>{@code subspace/<method>/<level>} (e.g. {@code subspace/random/r=5}): one method's kept samples at
 *       one radius, rate or scale around {@code subspace.around}, in sample order, size k = samples
 *       0..k-1. Each level is its own kind because samples at different scales are different
 *       distributions; random samples below {@code accuracyFloor} are left out, as Fort et al. do;</li>
 *   <li>{@code multi-swag}: size k = every SWAG sample of members 0..k-1 together (Multi-SWAG).</li>
 * </ul>
 * The {@code members} column holds the member indices whose models are combined. The swa and multi-swag kinds,
 * whose members are exchangeable, are also scored over subsets of members ({@link EnsembleSubsets}). A stage is
 * reused when every size of every kind it computes is stored under its input key.
 */
public final class AnalysisEnsemblesActivityImpl implements AnalysisEnsemblesActivity {
    static final String SWA = "swa";

    private final WorkerContext context;

    public AnalysisEnsemblesActivityImpl(WorkerContext context) {
        this.context = context;
    }

    @Override
    public int evaluateSwaEnsembles(AnalysisRequest r) {
        StudyModels models = new StudyModels(context, r);
        int members = r.train().members();
        return run(models, key -> storedWithSubsets(models, SWA, members, key), key -> {
            List<EnsembleSizes.Group> groups = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                models.heartbeat("swa " + m);
                int member = m;
                ModelRow row = models.analysisRow(ModelKind.SWA, m, "").orElseThrow(() -> new IllegalStateException(
                        "study " + r.study() + " has no SWA solution of member " + member + "; swa must run first"));
                groups.add(new EnsembleSizes.Group(m, List.of(models.requireTestPredictions(row))));
            }
            return scoreWithSubsets(models, SWA, groups, key);
        });
    }

    @Override
    public int evaluateSubspaceEnsembles(AnalysisRequest r) {
        StudyModels models = new StudyModels(context, r);
        return run(models, key -> stored(models, keptCounts(models), key), key -> {
            Map<String, List<EnsembleSizes.Group>> kinds = new LinkedHashMap<>();
            for (Map.Entry<String, List<ModelRow>> e : keptSamples(models).entrySet()) {
                List<EnsembleSizes.Group> groups = new ArrayList<>();
                for (ModelRow row : e.getValue()) {
                    models.heartbeat(row.variant());
                    groups.add(new EnsembleSizes.Group(row.member(),
                            List.of(models.requireTestPredictions(row))));
                }
                kinds.put(e.getKey(), groups);
            }
            return score(models, kinds, key);
        });
    }

    @Override
    public int evaluateMultiSwagEnsembles(AnalysisRequest r) {
        StudyModels models = new StudyModels(context, r);
        int members = r.train().members();
        int samples = SubspaceSamples.multiSwagSamples(r.analyses().subspace());
        return run(models,
                key -> storedWithSubsets(models, SubspaceSamples.MULTI_SWAG, members, key), key -> {
                    List<EnsembleSizes.Group> groups = new ArrayList<>();
                    for (int m = 0; m < members; m++) {
                        List<INDArray> predictions = new ArrayList<>();
                        for (int i = 0; i < samples; i++) {
                            String variant = SubspaceSamples.multiSwagVariant(i);
                            models.heartbeat(m + " " + variant);
                            int member = m;
                            ModelRow row = models.analysisRow(ModelKind.SAMPLE, m, variant).orElseThrow(() ->
                                    new IllegalStateException("study " + r.study() + " has no " + variant
                                            + " of member " + member + "; its multi-swag stage must run first"));
                            predictions.add(models.requireTestPredictions(row));
                        }
                        groups.add(new EnsembleSizes.Group(m, predictions));
                    }
                    return scoreWithSubsets(models, SubspaceSamples.MULTI_SWAG, groups, key);
                });
    }

    // ---- shared ---------------------------------------------------------------------------------

    private int run(StudyModels models, Function<String, Optional<Integer>> stored, Function<String, Integer> compute) {
        AnalysisRequest r = models.request();
        String key = r.inputKey();
        return StageRun.run(context, r.study(), r.stage(), key, () -> stored.apply(key), () -> compute.apply(key));
    }

    /** How many ensembles are stored, if every kind has exactly its expected sizes under {@code key}. */
    private Optional<Integer> stored(StudyModels models, Map<String, Integer> sizes, String key) {
        AnalysisRequest r = models.request();
        int count = 0;
        for (Map.Entry<String, Integer> e : sizes.entrySet()) {
            Optional<List<EnsembleScore>> s = EnsembleSizes.stored(context.store(), r.study(), r.runKey(), e.getKey(),
                    e.getValue(), key);
            if (s.isEmpty()) {
                return Optional.empty();
            }
            count += s.get().size();
        }
        return Optional.of(count);
    }

    /** {@link #stored} of one kind whose groups are exchangeable, if its subset means are stored too. */
    private Optional<Integer> storedWithSubsets(StudyModels models, String kind, int members, String key) {
        AnalysisRequest r = models.request();
        if (!EnsembleSubsets.stored(context.store(), r.study(), r.runKey(), kind, members, key)) {
            return Optional.empty();
        }
        return stored(models, Map.of(kind, members), key);
    }

    /** {@link #score} of one kind, and the same sizes over subsets of its groups ({@link EnsembleSubsets}). */
    private int scoreWithSubsets(StudyModels models, String kind, List<EnsembleSizes.Group> groups, String key) {
        int count = score(models, Map.of(kind, groups), key);
        AnalysisRequest r = models.request();
        models.heartbeat(kind + " subsets");
        EnsembleSubsets.score(context.store(), r.study(), r.runKey(), kind, groups, models.data().test().labels(),
                key, r.seed());
        return count;
    }

    private int score(StudyModels models, Map<String, List<EnsembleSizes.Group>> kinds, String key) {
        AnalysisRequest r = models.request();
        int[] labels = models.data().test().labels();
        int count = 0;
        for (Map.Entry<String, List<EnsembleSizes.Group>> e : kinds.entrySet()) {
            count += EnsembleSizes.score(context.store(), r.study(), r.runKey(), e.getKey(), e.getValue(), labels, key,
                    () -> models.heartbeat(e.getKey())).size();
        }
        return count;
    }

    /** Per subspace ensemble kind, its kept samples in order (possibly none). */
    private Map<String, List<ModelRow>> keptSamples(StudyModels models) {
        SubspaceConfig s = models.request().analyses().subspace();
        ModelRow baseline = models.finalRow(s.around());
        Map<Long, SubspaceSampleRow> measured = new LandscapeStore(context.store().database())
                .subspaceSamples(models.request().study()).stream()
                .filter(x -> x.baselineId() == baseline.id())
                .collect(Collectors.toMap(SubspaceSampleRow::modelId, Function.identity()));
        Map<String, List<ModelRow>> out = new LinkedHashMap<>();
        for (SamplingMethod method : SamplingMethod.asked(s)) {
            for (double level : SubspaceSamples.levels(s, method)) {
                List<ModelRow> kept = new ArrayList<>();
                for (int i = 0; i < s.samples(); i++) {
                    String variant = SubspaceSamples.variant(method, level, i);
                    ModelRow row = models.analysisRow(ModelKind.SAMPLE, s.around(), variant)
                            .filter(x -> measured.containsKey(x.id()))
                            .orElseThrow(() -> new IllegalStateException("study " + models.request().study()
                                    + " has no subspace sample " + variant + "; subspace/" + method.specName()
                                    + " must run first"));
                    if (measured.get(row.id()).kept()) {
                        kept.add(row);
                    }
                }
                out.put(SubspaceSamples.ensembleKind(method, level), kept);
            }
        }
        return out;
    }

    private Map<String, Integer> keptCounts(StudyModels models) {
        Map<String, Integer> out = new LinkedHashMap<>();
        keptSamples(models).forEach((kind, rows) -> out.put(kind, rows.size()));
        return out;
    }
}
