package dev.basin.activities.landscape;

import dev.basin.activities.Subject;
import dev.basin.activities.StageRun;
import dev.basin.activities.WorkerContext;
import dev.basin.db.EnsembleRow;
import dev.basin.db.LandscapeStore;
import dev.basin.db.ModelRow;
import dev.basin.db.ShiftMetricRow;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.WeightRef;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.metrics.Metrics;
import dev.basin.engine.metrics.Scores;
import dev.basin.engine.shift.Corruptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The stage {@code shift/<corruption>}: models and ensembles on corrupted copies of the test set, the
 * dataset-shift evaluation of Fort et al. (Sec. 5) after Ovadia et al. At each asked severity: every
 * member's final model, every SWA solution (when the study has {@code swa}), the deep ensemble of all
 * members and the SWA ensemble (when {@code ensembles.swa} made it), each scored for accuracy, NLL,
 * Brier and ECE into {@code shift_metric} (view {@code shift_metrics}).
 *
 * <p>A corrupted copy is a pure function of (test set, corruption, severity, study seed)
 * ({@link Corruptions}), so it is made once per severity here and never stored; nor are the predictions
 * on it: only the metrics are kept, and anyone can regenerate the images from the seed. An ensemble
 * averages its members' softmax outputs on the corrupted set (DESIGN.md "Definitions"), as on the clean
 * one. Trained finals are evaluated with their own BN statistics (as on the clean test set); SWA
 * solutions get theirs recomputed over the clean training set, as when they were made.
 *
 * <p>Reused when every (model or ensemble, severity) has its row under the stage's input key.
 */
public final class ShiftActivityImpl implements ShiftActivity {
    private static final String DEEP = "deep";
    private static final String SWA = "swa";

    private final WorkerContext context;

    public ShiftActivityImpl(WorkerContext context) {
        this.context = context;
    }

    /** What is evaluated: stored models, and the ensembles whose rows exist (each null when not asked). */
    private record Owners(List<ModelRow> finals, List<ModelRow> swas, EnsembleRow deep, EnsembleRow swaEnsemble) {}

    @Override
    public int evaluateShift(AnalysisRequest r) {
        String corruption = r.task().subject(Subject.Corruption.class).corruption();
        String stage = r.stage();
        String key = r.inputKey();
        LandscapeStore landscape = new LandscapeStore(context.store().database());
        StudyModels models = new StudyModels(context, r);
        return StageRun.run(context, r.study(), stage, key, () -> stored(landscape, models, corruption, key),
                () -> evaluate(landscape, models, corruption, key));
    }

    private Optional<Integer> stored(LandscapeStore landscape, StudyModels models, String corruption, String key) {
        Set<String> expected = expected(owners(models), models.request().analyses().shift().severities());
        Set<String> have = new HashSet<>();
        for (ShiftMetricRow row : landscape.shiftMetrics(models.request().study())) {
            if (corruption.equals(row.corruption()) && key.equals(row.inputKey())) {
                have.add(owner(row.modelId(), row.ensembleId(), row.severity()));
            }
        }
        return have.containsAll(expected) ? Optional.of(expected.size()) : Optional.empty();
    }

    private int evaluate(LandscapeStore landscape, StudyModels models, String corruption, String key) {
        AnalysisRequest r = models.request();
        // Results of an older analyses config are stale; those of the current one (any corruption) stay.
        landscape.retainShiftMetrics(r.study(), r.task().siblingKeys());
        Owners owners = owners(models);
        List<Integer> severities = r.analyses().shift().severities();
        Dataset test = models.data().test();
        List<Dataset> shifted = severities.stream().map(s -> Corruptions.apply(test, corruption, s, r.seed())).toList();

        Map<Integer, List<INDArray>> finals = scoreModels(landscape, models, owners.finals(), shifted, corruption, key);
        Map<Integer, List<INDArray>> swas = scoreModels(landscape, models, owners.swas(), shifted, corruption, key);
        int stored = (owners.finals().size() + owners.swas().size()) * severities.size();
        for (EnsembleRow e : new EnsembleRow[] {owners.deep(), owners.swaEnsemble()}) {
            if (e == null) {
                continue;
            }
            Map<Integer, List<INDArray>> byMember = e == owners.deep() ? finals : swas;
            models.heartbeat(e.kind() + " x" + e.size());
            List<ShiftMetricRow> rows = new ArrayList<>();
            for (int s = 0; s < severities.size(); s++) {
                int severity = s;
                INDArray mean = Metrics.ensembleMean(e.members().stream().map(m -> member(byMember, m, e)
                        .get(severity)).toList());
                rows.add(row(r.study(), null, e.id(), corruption, severities.get(s),
                        Metrics.score(mean, test.labels()), key));
            }
            landscape.recordShiftMetrics(rows);
            stored += rows.size();
        }
        return stored;
    }

    /** Scores each model on every corrupted set and returns its predictions, by member. */
    private static Map<Integer, List<INDArray>> scoreModels(LandscapeStore landscape, StudyModels models,
                                                            List<ModelRow> rows, List<Dataset> shifted,
                                                            String corruption, String key) {
        AnalysisRequest r = models.request();
        List<Integer> severities = r.analyses().shift().severities();
        Map<Integer, List<INDArray>> out = new HashMap<>();
        for (ModelRow model : rows) {
            models.heartbeat(model.kind() + ":" + model.member());
            List<INDArray> probs = models.predictEach(models.fullWeights(model), shifted,
                    StudyModels.hasOwnStatistics(model));
            List<ShiftMetricRow> metrics = new ArrayList<>();
            for (int s = 0; s < severities.size(); s++) {
                metrics.add(row(r.study(), model.id(), null, corruption, severities.get(s),
                        Metrics.score(probs.get(s), shifted.get(s).labels()), key));
            }
            landscape.recordShiftMetrics(metrics);
            out.put(model.member(), probs);
        }
        return out;
    }

    private static List<INDArray> member(Map<Integer, List<INDArray>> byMember, int m, EnsembleRow e) {
        List<INDArray> p = byMember.get(m);
        if (p == null) {
            throw new IllegalStateException("the " + e.kind() + " ensemble of size " + e.size() + " names member " + m
                    + ", which this study does not have");
        }
        return p;
    }

    private static Owners owners(StudyModels models) {
        AnalysisRequest r = models.request();
        AnalysesConfig a = r.analyses();
        int members = r.train().members();
        List<ModelRow> finals = IntStream.range(0, members).mapToObj(models::finalRow).toList();
        List<ModelRow> swas = a.swa() == null ? List.of()
                : IntStream.range(0, members).mapToObj(m -> models.row(WeightRef.swa(m)))
                .toList();
        boolean deep = a.ensemblesAsked().deep();
        boolean swaEnsemble = a.ensemblesAsked().swa();
        return new Owners(finals, swas, deep ? ensemble(models, DEEP, members) : null,
                swaEnsemble ? ensemble(models, SWA, members) : null);
    }

    /** The stored ensemble of {@code kind} over all members; its stage runs before this one. */
    private static EnsembleRow ensemble(StudyModels models, String kind, int members) {
        AnalysisRequest r = models.request();
        return models.context().store().ensembles(r.study(), r.runKey(), kind).stream()
                .filter(e -> e.size() == members).findFirst()
                .orElseThrow(() -> new IllegalStateException("study " + r.study() + " has no " + kind
                        + " ensemble of all " + members + " members yet; its stage must run before shift"));
    }

    private static Set<String> expected(Owners owners, List<Integer> severities) {
        Set<String> out = new HashSet<>();
        for (int severity : severities) {
            for (ModelRow m : owners.finals()) {
                out.add(owner(m.id(), null, severity));
            }
            for (ModelRow m : owners.swas()) {
                out.add(owner(m.id(), null, severity));
            }
            for (EnsembleRow e : new EnsembleRow[] {owners.deep(), owners.swaEnsemble()}) {
                if (e != null) {
                    out.add(owner(null, e.id(), severity));
                }
            }
        }
        return out;
    }

    private static String owner(Long modelId, Long ensembleId, int severity) {
        return (modelId != null ? "model " + modelId : "ensemble " + ensembleId) + " @" + severity;
    }

    private static ShiftMetricRow row(String study, Long modelId, Long ensembleId, String corruption, int severity,
                                      Scores s, String key) {
        return new ShiftMetricRow(study, modelId, ensembleId, corruption, severity, s.accuracy(), s.nll(), s.brier(),
                s.ece(), key);
    }
}
