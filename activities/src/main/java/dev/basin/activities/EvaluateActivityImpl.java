package dev.basin.activities;

import dev.basin.artifacts.ArtifactKeys;
import dev.basin.artifacts.ArtifactRef;
import dev.basin.artifacts.DamagedArtifactException;
import dev.basin.db.PredictionRow;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.io.Npy;
import dev.basin.engine.metrics.Metrics;
import dev.basin.engine.metrics.Scores;
import dev.basin.engine.model.Predictor;
import dev.basin.engine.train.Checkpoints;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Evaluation on the test split: the stages {@code evaluate/member-NNN} and {@code ensembles/deep}. A
 * member's softmax predictions go to S3 as {@code .npy} (so numpy loads them) and are what every
 * ensemble is built from: an ensemble never reruns its members.
 *
 * <p>Both stages are memoised by the input key their plan node gives them: a member's predictions and
 * four metrics stored under the same key, whose object still verifies, are returned as they are; so
 * are the deep ensembles when every size 1..M is stored under the same key with its four metrics. A
 * prediction object that no longer verifies is reported, discarded and computed again from the weights.
 */
public final class EvaluateActivityImpl implements EvaluateActivity {
    private static final String SPLIT = EnsembleSizes.SPLIT;
    private static final String DEEP = "deep";
    private static final int METRICS = 4;

    private final WorkerContext context;

    public EvaluateActivityImpl(WorkerContext context) {
        this.context = context;
    }

    @Override
    public MemberScore evaluateMember(EvaluateRequest r) {
        String key = r.task().inputKey();
        return StageRun.run(context, r.study(), r.task().stage(), key, () -> storedScore(r, key),
                () -> scoreMember(r, key));
    }

    private Optional<MemberScore> storedScore(EvaluateRequest r, String key) {
        MemberResult m = r.member();
        Optional<PredictionRow> stored = context.store().predictions().of(m.modelId(), SPLIT);
        Map<String, Double> metrics = context.store().modelMetrics(m.modelId(), SPLIT);
        if (stored.isEmpty() || !key.equals(stored.get().inputKey()) || metrics.size() != METRICS) {
            return Optional.empty();
        }
        ArtifactRef ref = new ArtifactRef(stored.get().artifactKey(), stored.get().sha256(), stored.get().bytes());
        try {
            context.artifacts().get(ref);
        } catch (DamagedArtifactException e) {
            DamagedArtifacts.report(context, r.study(), r.runKey(), "prediction", m.member(), e,
                    "the predictions are computed again from the member's weights");
            return Optional.empty();
        }
        return Optional.of(new MemberScore(m.member(), m.modelId(), ref, EnsembleSizes.scores(metrics), 0));
    }

    private MemberScore scoreMember(EvaluateRequest r, String key) {
        MemberResult m = r.member();
        Dataset test;
        try (var phase = Heartbeats.phase("loading data")) {
            test = context.datasets().get(r.data()).test();
        }
        byte[] weights;
        try {
            weights = context.artifacts().get(m.weights());
        } catch (DamagedArtifactException e) {
            DamagedArtifacts.report(context, r.study(), r.runKey(), "final", m.member(), e,
                    "run the study again: the member retrains from its newest checkpoint that verifies");
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage() + "; run the study again to retrain member "
                    + m.member() + " from its newest good checkpoint", "DamagedArtifact");
        }
        var net = Checkpoints.read(weights).net();
        Heartbeats.progress(m.member());

        long t0 = System.nanoTime();
        INDArray probs = Predictor.predict(net, test, Predictor.DEFAULT_BATCH, () -> Heartbeats.progress(m.member()));
        Scores scores = Metrics.score(probs, test.labels());
        double seconds = (System.nanoTime() - t0) / 1e9;

        ArtifactRef predictions = context.artifacts().put(
                ArtifactKeys.predictions(r.study(), r.runKey(), m.member(), SPLIT), Npy.write(probs));
        context.store().predictions().record(new PredictionRow(m.modelId(), SPLIT, predictions.key(), predictions.sha256(),
                predictions.bytes(), (int) probs.rows(), (int) probs.columns(), key));
        context.store().recordModelMetrics(r.study(), m.modelId(), SPLIT, EnsembleSizes.asMap(scores));
        return new MemberScore(m.member(), m.modelId(), predictions, scores, seconds);
    }

    @Override
    public List<EnsembleScore> evaluateEnsembles(EnsembleRequest r) {
        String key = r.task().inputKey();
        return StageRun.run(context, r.study(), r.task().stage(), key, () -> storedEnsembles(r, key),
                () -> scoreEnsembles(r, key));
    }

    /**
     * The ensembles of sizes 1..M, if every one is stored under {@code key} with its four metrics, and so are their
     * means over subsets.
     */
    private Optional<List<EnsembleScore>> storedEnsembles(EnsembleRequest r, String key) {
        if (!EnsembleSubsets.stored(context.store(), r.study(), r.runKey(), DEEP, r.members().size(), key)) {
            return Optional.empty();
        }
        return EnsembleSizes.stored(context.store(), r.study(), r.runKey(), DEEP, r.members().size(), key);
    }

    private List<EnsembleScore> scoreEnsembles(EnsembleRequest r, String key) {
        Dataset test = context.datasets().get(r.data()).test();
        List<INDArray> predictions = new ArrayList<>();
        for (MemberScore m : r.members()) {
            try {
                predictions.add(Npy.read(context.artifacts().get(m.predictions())));
            } catch (DamagedArtifactException e) {
                DamagedArtifacts.report(context, r.study(), r.runKey(), "prediction", m.member(), e,
                        "run the study again: the member's predictions are computed again from its weights");
                throw ApplicationFailure.newNonRetryableFailure(e.getMessage() + "; run the study again to recompute them",
                        "DamagedArtifact");
            }
            Heartbeats.progress(m.member());
        }
        List<EnsembleSizes.Group> groups = new ArrayList<>();
        for (int i = 0; i < predictions.size(); i++) {
            groups.add(new EnsembleSizes.Group(r.members().get(i).member(), List.of(predictions.get(i))));
        }
        // Deleting larger sizes inside: a study that shrank must not leave them looking current.
        List<EnsembleScore> firstK = EnsembleSizes.score(context.store(), r.study(), r.runKey(), DEEP, groups,
                test.labels(), key, () -> Heartbeats.progress(DEEP));
        Heartbeats.progress(DEEP + " subsets");
        EnsembleSubsets.score(context.store(), r.study(), r.runKey(), DEEP, groups, test.labels(), key, r.seed());
        return firstK;
    }
}
