package dev.basin.activities;

import dev.basin.artifacts.ArtifactKeys;
import dev.basin.artifacts.ArtifactRef;
import dev.basin.db.PredictionRow;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.io.Npy;
import dev.basin.engine.metrics.Metrics;
import dev.basin.engine.metrics.Scores;
import dev.basin.engine.model.Predictor;
import dev.basin.engine.train.Checkpoints;
import io.temporal.activity.Activity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Evaluation on the test split. A member's softmax predictions go to S3 as {@code .npy} (so numpy
 * loads them) and are what every ensemble is built from: an ensemble never reruns its members.
 */
public final class EvaluateActivityImpl implements EvaluateActivity {
    private static final String SPLIT = "test";

    private final WorkerContext context;

    public EvaluateActivityImpl(WorkerContext context) {
        this.context = context;
    }

    @Override
    public MemberScore evaluateMember(EvaluateRequest r) {
        MemberResult m = r.member();
        Dataset test = context.datasets().get(r.data()).test();
        var net = Checkpoints.read(context.artifacts().get(m.weights())).net();
        var activity = Activity.getExecutionContext();
        activity.heartbeat(m.member());

        long t0 = System.nanoTime();
        INDArray probs = Predictor.predict(net, test, Predictor.DEFAULT_BATCH, () -> activity.heartbeat(m.member()));
        Scores scores = Metrics.score(probs, test.labels());
        double seconds = (System.nanoTime() - t0) / 1e9;

        ArtifactRef predictions = context.artifacts().put(
                ArtifactKeys.predictions(r.study(), r.runKey(), m.member(), SPLIT), Npy.write(probs));
        context.store().recordPrediction(new PredictionRow(m.modelId(), SPLIT, predictions.key(), predictions.sha256(),
                predictions.bytes(), (int) probs.rows(), (int) probs.columns()));
        context.store().recordModelMetrics(r.study(), m.modelId(), SPLIT, asMap(scores));
        return new MemberScore(m.member(), m.modelId(), predictions, scores, seconds);
    }

    @Override
    public List<EnsembleScore> evaluateEnsembles(EnsembleRequest r) {
        Dataset test = context.datasets().get(r.data()).test();
        var activity = Activity.getExecutionContext();
        List<INDArray> predictions = new ArrayList<>();
        for (MemberScore m : r.members()) {
            predictions.add(Npy.read(context.artifacts().get(m.predictions())));
            activity.heartbeat(m.member());
        }
        List<EnsembleScore> out = new ArrayList<>();
        for (int size = 1; size <= predictions.size(); size++) {
            activity.heartbeat(size);
            Scores scores = Metrics.score(Metrics.ensembleMean(predictions.subList(0, size)), test.labels());
            int[] members = IntStream.range(0, size).map(i -> r.members().get(i).member()).toArray();
            long id = context.store().recordEnsemble(r.study(), r.runKey(), "deep", size, members);
            context.store().recordEnsembleMetrics(r.study(), id, SPLIT, asMap(scores));
            out.add(new EnsembleScore(size, scores));
        }
        return out;
    }

    private static Map<String, Double> asMap(Scores s) {
        return Map.of("accuracy", s.accuracy(), "nll", s.nll(), "brier", s.brier(), "ece", s.ece());
    }
}
