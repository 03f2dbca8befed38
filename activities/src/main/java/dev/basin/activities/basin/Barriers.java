package dev.basin.activities.basin;

import dev.basin.activities.StageRun;
import dev.basin.activities.Subject;
import dev.basin.activities.WorkerContext;
import dev.basin.activities.landscape.AnalysisRequest;
import dev.basin.activities.landscape.PointLoss;
import dev.basin.activities.landscape.StudyModels;
import dev.basin.db.BarrierPointRow;
import dev.basin.db.BarrierRow;
import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import dev.basin.db.SingleBasinStore;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.BarriersConfig;
import dev.basin.engine.curve.Curve;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.landscape.Barrier;
import dev.basin.engine.landscape.Geometry;
import dev.basin.engine.landscape.Interpolation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The stage {@code barriers/<ensemble>}: the loss barrier between every pair of one ensemble's models, and between
 * its anchor (the model its students started from, the parent of spawned children) and each of them. Along the
 * line (1 − t)·a + t·b, at {@code points} evenly spaced t, batch norm recomputed at every point including the ends
 * ({@link PointLoss}), it measures the train loss on the first {@code trainSubset} training images and the test
 * error; B = max over t of L(t) − ((1 − t)·L(a) + t·L(b)) for each ({@link Barrier}). The pair's disagreement is
 * that of the two models' stored test predictions. Pairs are stored one by one, so a retried attempt goes on from
 * the first pair missing; the ensemble's positions are written first ({@code ensemble_member}).
 */
final class Barriers {
    private final WorkerContext context;
    private final AnalysisRequest request;
    private final StudyModels models;
    private final SingleBasinStore store;
    private final BarriersConfig config;
    private final Subject.Ensemble ensemble;

    /** An ensemble's models in position order, and its anchor (null if none). */
    record Members(List<ModelRow> models, ModelRow anchor) {}

    /** A pair of positions; {@code a} = −1 is the anchor. */
    record Pair(int a, int b) {}

    Barriers(WorkerContext context, AnalysisRequest request) {
        this.context = context;
        this.request = request;
        this.models = new StudyModels(context, request);
        this.store = new SingleBasinStore(context.store().database());
        this.config = effective(request.analyses());
        this.ensemble = request.task().subject(Subject.Ensemble.class);
    }

    /** The spec's {@code barriers}, or its defaults when only spawn, align or distill ask for barriers. */
    static BarriersConfig effective(AnalysesConfig a) {
        return a.barriers() != null ? a.barriers() : BarriersConfig.defaults(a);
    }

    int run() {
        return StageRun.run(context, request.study(), request.stage(), request.inputKey(), this::done, this::measure);
    }

    private Optional<Integer> done() {
        Members members = members();
        List<Pair> pairs = pairs(members);
        List<BarrierRow> stored = stored();
        return stored.size() == pairs.size() ? Optional.of(pairs.size()) : Optional.empty();
    }

    private List<BarrierRow> stored() {
        return store.barriers(request.study(), request.runKey(), ensemble.kind(), ensemble.variant()).stream()
                .filter(b -> b.inputKey().equals(request.inputKey())).toList();
    }

    private int measure() {
        String key = request.inputKey();
        store.deleteStaleBarriers(request.study(), request.runKey(), ensemble.kind(), ensemble.variant(), key);
        Members members = members();
        store.replaceMembers(request.study(), request.runKey(), ensemble.kind(), ensemble.variant(),
                members.models().stream().map(ModelRow::id).toList(), key);
        List<Pair> done = stored().stream().map(b -> new Pair(b.positionA(), b.positionB())).toList();
        double[] ts = Curve.evenly(config.points());
        Dataset subset = PointLoss.trainSubset(models, config.trainSubset());
        // a model stands in up to n - 1 pairs: its weights, predictions and end-of-line evaluation are loaded once
        Map<Long, INDArray> weights = new HashMap<>();
        Map<Long, INDArray> predictions = new HashMap<>();
        Map<Long, PointLoss> ends = new HashMap<>();
        List<Pair> pairs = pairs(members);
        for (Pair p : pairs) {
            if (done.contains(p)) {
                continue;
            }
            ModelRow a = at(members, p.a());
            ModelRow b = at(members, p.b());
            INDArray wa = weights.computeIfAbsent(a.id(), id -> models.weights(a));
            INDArray wb = weights.computeIfAbsent(b.id(), id -> models.weights(b));
            Interpolation line = new Interpolation(wa, wb);
            List<BarrierPointRow> points = new ArrayList<>();
            double[] trainLoss = new double[ts.length];
            double[] testError = new double[ts.length];
            for (int i = 0; i < ts.length; i++) {
                models.heartbeat(ensemble.text() + ": " + p + " t=" + ts[i]);
                PointLoss l = i == 0 ? end(ends, a, wa, subset) : i == ts.length - 1 ? end(ends, b, wb, subset)
                        : PointLoss.of(models, line.point(ts[i]), subset);
                trainLoss[i] = l.trainLoss();
                testError[i] = l.testError();
                points.add(new BarrierPointRow(i, ts[i], l.trainLoss(), 1 - l.trainAccuracy(), l.testNll(),
                        l.testError()));
            }
            Barrier onTrain = Barrier.of(ts, trainLoss);
            Barrier onTest = Barrier.of(ts, testError);
            double disagreement = Geometry.disagreement(
                    predictions.computeIfAbsent(a.id(), id -> models.requireTestPredictions(a)),
                    predictions.computeIfAbsent(b.id(), id -> models.requireTestPredictions(b)));
            store.recordBarrier(new BarrierRow(request.study(), request.runKey(), ensemble.kind(), ensemble.variant(),
                    p.a(), p.b(), a.id(), b.id(), ts.length, onTrain.height(), onTrain.t(), onTest.height(),
                    onTest.t(), disagreement, key), points);
        }
        return pairs.size();
    }

    /** An end of a line, evaluated once per model (batch norm recomputed, like every other point). */
    private PointLoss end(Map<Long, PointLoss> ends, ModelRow row, INDArray weights, Dataset subset) {
        return ends.computeIfAbsent(row.id(), id -> PointLoss.of(models, weights, subset));
    }

    private static ModelRow at(Members members, int position) {
        return position < 0 ? members.anchor() : members.models().get(position);
    }

    /** Every pair of positions, then the anchor with each position. */
    static List<Pair> pairs(Members members) {
        List<Pair> out = new ArrayList<>();
        int n = members.models().size();
        if (n >= 2) {
            for (int[] p : Barrier.pairs(n)) {
                out.add(new Pair(p[0], p[1]));
            }
        }
        if (members.anchor() != null) {
            for (int b = 0; b < n; b++) {
                out.add(new Pair(-1, b));
            }
        }
        return out;
    }

    /** The ensemble's models by its kind, as the stage that scored it took them. */
    private Members members() {
        AnalysesConfig a = request.analyses();
        int membersCount = request.train().members();
        return switch (ensemble.kind()) {
            case "deep" -> new Members(range(membersCount, models::finalRow), null);
            case "swa" -> new Members(range(membersCount, m -> stored(ModelKind.SWA, m, "")), null);
            case "fge" -> new Members(range(a.fge().cycles(),
                    j -> stored(ModelKind.FGE, a.fge().from().member(), "#" + j)), null);
            case "sse" -> new Members(range(a.sse().epochs() / a.sse().cycleEpochs(request.train().epochs()),
                    j -> stored(ModelKind.SSE, 0, "#" + j)), null);
            case "spawn" -> new Members(SingleBasinActivityImpl.spawned(models, a.spawn(),
                    SingleBasinActivityImpl.spawnEpoch(ensemble)), models.finalRow(a.spawn().parent()));
            case Alignments.KIND -> new Members(Alignments.ensemble(models), null);
            case "student" -> {
                int group = Integer.parseInt(ensemble.variant());
                yield new Members(StudentTraining.students(models, group),
                        models.row(a.distill().get(group).from()));
            }
            default -> throw new IllegalArgumentException("no barriers for ensembles of kind " + ensemble.kind());
        };
    }

    private ModelRow stored(ModelKind kind, int member, String variant) {
        return models.analysisRow(kind, member, variant).orElseThrow(() -> new IllegalStateException(kind + ":"
                + member + (variant.isEmpty() ? "" : " " + variant) + " is not stored; its stage must run first"));
    }

    private static List<ModelRow> range(int n, java.util.function.IntFunction<ModelRow> row) {
        List<ModelRow> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(row.apply(i));
        }
        return out;
    }
}
