package dev.basin.activities.connectivity;

import dev.basin.activities.EnsembleSizes;
import dev.basin.activities.StageRun;
import dev.basin.activities.WorkerContext;
import dev.basin.activities.landscape.AnalysisRequest;
import dev.basin.activities.landscape.StudyModels;
import dev.basin.db.ConnectivityStore;
import dev.basin.db.EnsembleRow;
import dev.basin.engine.analysis.CurveConfig;
import dev.basin.engine.analysis.WeightRef;
import dev.basin.engine.curve.CurveEnsemble;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.metrics.Scores;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The stage {@code curves/A-B/TYPE/ensembles}: for k = 1..{@code ensemble}, the mean softmax of the curve's points
 * at the k evenly spaced interior t = i/(k+1), i = 1..k ({@link CurveEnsemble#interior}), each with its BN
 * statistics recomputed when the model has batch norm, scored on the test set and stored as the ensemble of kind
 * {@code curve}, variant the curve's label, size k ({@code ensemble_size}). The sizes are not nested (k = 2 uses
 * t = 1/3 and 2/3); a point shared by two sizes (t = 1/2 for k = 1 and 3) is predicted once.
 */
final class CurveEnsembles {
    static final String KIND = "curve";

    private final WorkerContext context;
    private final AnalysisRequest request;
    private final ConnectivityStore store;
    private final CurveConfig config;

    CurveEnsembles(WorkerContext context, AnalysisRequest request) {
        this.context = context;
        this.request = request;
        this.store = new ConnectivityStore(context.store().database());
        this.config = Curves.config(request);
    }

    int run() {
        return StageRun.run(context, request.study(), request.stage(), request.inputKey(),
                () -> EnsembleSizes.stored(context.store(), request.study(), request.runKey(), KIND, config.label(),
                        config.ensemble(), request.inputKey()).map(List::size),
                this::compute);
    }

    private int compute() {
        StudyModels models = new StudyModels(context, request);
        Curves curve = Curves.load(models, store);
        Dataset test = models.data().test();
        Map<Double, INDArray> predictions = new HashMap<>();
        List<Integer> members = Stream.of(config.between().a(), config.between().b())
                .filter(r -> r.kind() != WeightRef.Kind.ORIGIN && r.kind() != WeightRef.Kind.BEND
                        && r.kind() != WeightRef.Kind.SPAWN)
                .map(WeightRef::member).distinct().toList();
        for (int k = 1; k <= config.ensemble(); k++) {
            models.heartbeat("size " + k);
            Scores scores = CurveEnsemble.score(CurveEnsemble.interior(k), t -> predictions.computeIfAbsent(t,
                    at -> models.predict(curve.point(at), test)), test.labels());
            long id = context.store().recordEnsemble(new EnsembleRow(0, request.study(), request.runKey(), KIND,
                    config.label(), k, members, request.inputKey()));
            context.store().recordEnsembleMetrics(request.study(), id, EnsembleSizes.SPLIT, EnsembleSizes.asMap(scores));
        }
        context.store().deleteEnsemblesLargerThan(request.study(), request.runKey(), KIND, config.label(),
                config.ensemble());
        return config.ensemble();
    }
}
