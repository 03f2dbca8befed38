package dev.basin.activities.landscape;

import dev.basin.activities.DamagedArtifacts;
import dev.basin.activities.Heartbeats;
import dev.basin.activities.WorkerContext;
import dev.basin.artifacts.ArtifactKeys;
import dev.basin.artifacts.ArtifactRef;
import dev.basin.artifacts.DamagedArtifactException;
import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import dev.basin.db.PredictionRow;
import dev.basin.db.SwagRow;
import dev.basin.db.SwagStore;
import dev.basin.engine.analysis.SpawnConfig;
import dev.basin.engine.analysis.WeightRef;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.data.Datasets;
import dev.basin.engine.io.Npy;
import dev.basin.engine.landscape.BatchNormStats;
import dev.basin.engine.landscape.SwagMoments;
import dev.basin.engine.metrics.Metrics;
import dev.basin.engine.metrics.Scores;
import dev.basin.engine.model.Models;
import dev.basin.engine.model.Predictor;
import dev.basin.engine.train.Checkpoints;
import dev.basin.engine.train.TrainPosition;
import dev.basin.engine.train.Trainer;
import dev.basin.engine.weights.ParamScope;
import dev.basin.engine.weights.WeightVectors;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What every analysis stage does with a study's models: find them by natural key, load their weights
 * and stored predictions (every object checked against its SHA-256), evaluate any weight vector, and
 * store new models and their evaluations. One per activity attempt; not thread-safe.
 *
 * <p>Every model's weights are stored as a checkpoint zip, whatever produced them, so one loader serves
 * finals, checkpoints, SWA solutions and samples. A weight vector of a network with batch norm gets its
 * BN statistics recomputed over the training set ({@link BatchNormStats}) before it is evaluated: an
 * average or a sample of weights has no statistics of its own.
 */
public final class StudyModels {
    /** The split every analysis evaluates on, unless it says otherwise. */
    public static final String TEST = "test";
    /** The metrics {@link #storeEvaluation} stores. */
    private static final java.util.Set<String> METRICS = java.util.Set.of("accuracy", "nll", "brier", "ece");
    /** Batch size of the BN recompute pass. */
    private static final int BN_BATCH = 500;

    private final WorkerContext context;
    private final AnalysisRequest request;
    private Datasets.TrainTest data;
    private ComputationGraph scratch;
    private long trainableCount = -1;

    public StudyModels(WorkerContext context, AnalysisRequest request) {
        this.context = context;
        this.request = request;
    }

    public WorkerContext context() {
        return context;
    }

    public AnalysisRequest request() {
        return request;
    }

    public Datasets.TrainTest data() {
        if (data == null) {
            try (var phase = Heartbeats.phase("loading data")) {
                data = context.datasets().get(request.data());
            }
        }
        return data;
    }

    public int stepsPerEpoch() {
        return Trainer.stepsPerEpoch(data().train().size(), request.train().batchSize());
    }

    /** Tells Temporal this attempt is alive (and delivers a cancellation by throwing). */
    public void heartbeat(Object details) {
        Heartbeats.progress(details);
    }

    // ---- rows -----------------------------------------------------------------------------------

    public ModelRow finalRow(int member) {
        return context.store().model(request.study(), request.runKey(), ModelKind.FINAL, member)
                .orElseThrow(() -> missing("member " + member + "'s final weights"));
    }

    /** The checkpoints of {@code member} the trajectory keeps, oldest first. */
    public List<ModelRow> kept(int member) {
        return Trajectories.kept(context.store().checkpoints(request.study(), request.runKey(), member),
                request.analyses().trajectory(), request.train().epochs(), stepsPerEpoch());
    }

    public List<ModelRow> checkpoints(int member) {
        return context.store().checkpoints(request.study(), request.runKey(), member);
    }

    public Optional<ModelRow> analysisRow(ModelKind kind, int member, String variant) {
        return context.store().model(request.study(), request.runKey(), kind, member, variant);
    }

    /** The row a spec's weight reference names ({@code origin} has none). */
    public ModelRow row(WeightRef ref) {
        return switch (ref.kind()) {
            case FINAL -> finalRow(ref.member());
            case SWA -> analysisRow(ModelKind.SWA, ref.member(), "").orElseThrow(() -> missing("an SWA solution " + ref));
            case CHECKPOINT -> checkpoints(ref.member()).stream()
                    .filter(r -> Trajectories.endOfEpoch(r, stepsPerEpoch()) && r.epoch() == ref.epoch())
                    .findFirst().orElseThrow(() -> missing("a checkpoint " + ref));
            case BEND -> analysisRow(ModelKind.BEND, ref.member(), "")
                    .orElseThrow(() -> missing("a trained bend for curve " + ref.member() + " (" + ref + ")"));
            case SPAWN -> analysisRow(ModelKind.SPAWN, request.analyses().spawn().parent(),
                    SpawnConfig.childVariant(ref.epoch(), ref.member())).orElseThrow(() -> missing("a spawned child "
                    + ref));
            case ORIGIN -> throw new IllegalArgumentException("the origin has no stored model");
        };
    }

    // ---- weights --------------------------------------------------------------------------------

    /**
     * The trainable weights of a stored model ({@link WeightVectors#trainable}: no BN running statistics), the
     * vector every weight-space computation (cosine, distances, lines, planes, PCA, SWAG) works on. For a model
     * without batch norm it is the whole flat vector.
     */
    public INDArray weights(ModelRow row) {
        return WeightVectors.trainable(restore(row).net());
    }

    /**
     * The whole flat vector of a stored model, running statistics included: for what works on the network as
     * DL4J lays it out (aligning permutations, curve and student training) and for evaluating a trained model
     * with its own statistics.
     */
    public INDArray fullWeights(ModelRow row) {
        return WeightVectors.flat(restore(row).net());
    }

    /** {@link #fullWeights(ModelRow)} of a reference; {@code origin} is all zeros. */
    public INDArray fullWeights(WeightRef ref) {
        return ref.kind() == WeightRef.Kind.ORIGIN ? Nd4j.zeros(DataType.FLOAT, network().numParams())
                : fullWeights(row(ref));
    }

    /** The trainable part of a whole flat vector of the study's architecture. */
    public INDArray trainable(INDArray full) {
        return WeightVectors.select(network(), full, ParamScope.TRAINABLE);
    }

    /** How long a trainable vector of the study's architecture is. */
    public long trainableCount() {
        if (trainableCount < 0) {
            trainableCount = WeightVectors.trainableCount(network());
        }
        return trainableCount;
    }

    /** A stored model as the network it was saved as, with its optimizer state (training continues from it). */
    public Checkpoints.Restored restore(ModelRow row) {
        try (var phase = Heartbeats.phase("restoring " + row.kind().text() + ":" + row.member())) {
            return Checkpoints.read(bytes(row.kind().text(), row.member(), ref(row)));
        }
    }

    public INDArray weights(WeightRef ref) {
        return ref.kind() == WeightRef.Kind.ORIGIN ? Nd4j.zeros(DataType.FLOAT, trainableCount())
                : weights(row(ref));
    }

    /** A network of the study's architecture, to evaluate weight vectors in; built once per attempt. */
    public ComputationGraph network() {
        if (scratch == null) {
            Dataset train = data().train();
            scratch = Models.build(request.model(), request.train().optimizer(), request.seed(), train.channels(),
                    train.height(), train.width(), train.classes());
        }
        return scratch;
    }

    /**
     * Softmax outputs of {@code weights} on {@code on}, in inference mode; BN statistics are recomputed
     * over the whole training set first when the model has batch norm.
     */
    public INDArray predict(INDArray weights, Dataset on) {
        return predictEach(weights, List.of(on), false).get(0);
    }

    /**
     * Softmax outputs of trained weights (a checkpoint, a final) on {@code on}, as they are: their BN
     * statistics are the ones training kept, as the member's own evaluation uses them, so that a kept
     * checkpoint equal to the final weights gets the final's predictions.
     */
    public INDArray predictTrained(INDArray weights, Dataset on) {
        return predictEach(weights, List.of(on), true).get(0);
    }

    /** {@link #predictTrained} of a stored trained model, from its whole network (its own BN statistics). */
    public INDArray predictTrained(ModelRow row, Dataset on) {
        return predictTrained(fullWeights(row), on);
    }

    /**
     * Softmax outputs of {@code weights} on each of {@code on}, in inference mode, with the network set
     * (and its BN statistics recomputed) once for all of them. {@code ownStatistics} keeps the BN
     * statistics that come with the vector: right for a trained final or checkpoint, whose running
     * statistics are part of the model that was evaluated on the clean test set (see
     * {@link #hasOwnStatistics}); a vector Basin built (an average, a sample, a plane point) has none.
     * {@code weights} is either a whole flat vector or a trainable one ({@link #weights(ModelRow)}); a trainable
     * one of a network with batch norm has no statistics, so {@code ownStatistics} must be false for it.
     */
    public List<INDArray> predictEach(INDArray weights, List<Dataset> on, boolean ownStatistics) {
        ComputationGraph net = network();
        boolean bn = BatchNormStats.hasBatchNorm(net);
        boolean whole = WeightVectors.setWholeOrTrainable(net, weights);
        if (ownStatistics && bn && !whole) {
            throw new IllegalArgumentException("a trainable vector has no batch-norm statistics of its own: evaluate"
                    + " a trained model from its whole network (fullWeights)");
        }
        if (!ownStatistics && bn) {
            INDArray features = data().train().features();
            try (var phase = Heartbeats.phase("BN recompute")) {
                BatchNormStats.recompute(net, features, BN_BATCH);
            }
        }
        try (var phase = Heartbeats.phase("predicting")) {
            return on.stream().map(d -> Predictor.predict(net, d, Predictor.DEFAULT_BATCH, () -> heartbeat(null)))
                    .toList();
        }
    }

    /** Whether a stored model's BN statistics are its own (it was trained), not to be recomputed. */
    public static boolean hasOwnStatistics(ModelRow row) {
        return switch (row.kind()) {
            // trained by DL4J, or (aligned) trained weights permuted together with their running statistics
            case FINAL, CHECKPOINT, FGE, SSE, SPAWN, ALIGNED -> true;
            // built by Basin, or trained without updating them (a bend, a student)
            case SWA, SAMPLE, BEND, MERGED, STUDENT -> false;
        };
    }

    /** Whether evaluated weight vectors get their BN statistics recomputed (for the stage's report). */
    public boolean recomputesBatchNorm() {
        return BatchNormStats.hasBatchNorm(network());
    }

    // ---- predictions ----------------------------------------------------------------------------

    /**
     * The stored test-set predictions of a model that an earlier stage evaluated.
     *
     * @throws IllegalStateException naming the model when it has none (its stage has not run)
     */
    public INDArray requireTestPredictions(ModelRow row) {
        return testPredictions(row).orElseThrow(() -> new IllegalStateException("model " + row.id() + " ("
                + row.kind() + " of member " + row.member() + ", epoch " + row.epoch()
                + (row.variant().isEmpty() ? "" : ", " + row.variant())
                + ") has no test predictions; the stage that evaluates it must run first"));
    }

    /** The stored test-set predictions of a model, if it was evaluated. */
    public Optional<INDArray> testPredictions(ModelRow row) {
        return context.store().predictions().of(row.id(), TEST).map(p -> Npy.read(bytes("prediction", row.member(),
                new ArtifactRef(p.artifactKey(), p.sha256(), p.bytes()))));
    }

    /**
     * Whether {@code row} was evaluated under {@code inputKey}: its test predictions are stored under that key and
     * still verify, and its four metrics are there. A corrupt prediction object is reported (its row goes) and
     * counts as not evaluated, so the caller computes it again.
     */
    public boolean evaluated(ModelRow row, String inputKey) {
        Optional<PredictionRow> p = context.store().predictions().of(row.id(), TEST);
        if (p.isEmpty() || !inputKey.equals(p.get().inputKey())
                || !context.store().modelMetrics(row.id(), TEST).keySet().containsAll(METRICS)) {
            return false;
        }
        try {
            context.artifacts().get(new ArtifactRef(p.get().artifactKey(), p.get().sha256(), p.get().bytes()));
            return true;
        } catch (DamagedArtifactException e) {
            DamagedArtifacts.report(context, request.study(), request.runKey(), "prediction", row.member(), e,
                    "the predictions are computed again from the model's weights");
            return false;
        }
    }

    /**
     * Stores a new analysis model (weights as a checkpoint zip in S3, then its row) and returns the row
     * with its id. Idempotent: the key derives from the natural key and the bytes' hash, and the row is an
     * upsert. Rows of the same kind, member and variant at another epoch or step (stored under an earlier
     * spec) are deleted, so they cannot outrank it.
     */
    public ModelRow storeModel(ModelKind kind, int member, int epoch, long step, String variant, INDArray weights) {
        ComputationGraph net = network();
        if (!WeightVectors.setWholeOrTrainable(net, weights)) {
            // a trainable vector has no statistics: stored with the initial ones, recomputed whenever evaluated
            BatchNormStats.reset(net);
        }
        byte[] zip = Checkpoints.write(net, new TrainPosition(epoch, step));
        ArtifactRef ref = context.artifacts().putAddressed(sha -> ArtifactKeys.analysisWeights(request.study(),
                request.runKey(), kind.text(), member, variant, sha), zip);
        ModelRow row = ModelRow.of(request.study(), request.runKey(), kind, member, epoch, step, ref.key(), ref.sha256(),
                ref.bytes(), WeightVectors.sha256(net)).withVariant(variant);
        ModelRow stored = row.withId(context.store().recordModel(row));
        context.store().deleteOtherModels(request.study(), request.runKey(), kind, member, variant, stored.id());
        return stored;
    }

    /** Stores a model's test-set predictions (S3) and its four metrics; returns the metrics. */
    public Scores storeEvaluation(ModelRow row, INDArray probs, String inputKey) {
        Dataset test = data().test();
        Scores scores = Metrics.score(probs, test.labels());
        ArtifactRef ref = context.artifacts().put(ArtifactKeys.modelPredictions(request.study(), request.runKey(),
                row.kind().text(), row.member(), row.epoch(), row.step(), row.variant(), TEST), Npy.write(probs));
        context.store().predictions().record(new PredictionRow(row.id(), TEST, ref.key(), ref.sha256(), ref.bytes(),
                (int) probs.rows(), (int) probs.columns(), inputKey));
        context.store().recordModelMetrics(request.study(), row.id(), TEST, asMap(scores));
        return scores;
    }

    // ---- SWAG moments ---------------------------------------------------------------------------

    /**
     * Stores a member's SWAG moments (S3, under the run's analysis folder) and the row that says where they
     * are; idempotent like {@link #storeModel}.
     *
     * @param swa          the member's SWA solution, collected from the same vectors
     * @param bnRecomputed whether the SWA solution's BN statistics were recomputed before it was evaluated
     */
    public SwagRow storeSwag(ModelRow swa, SwagMoments moments, boolean bnRecomputed, String inputKey) {
        ArtifactRef ref = context.artifacts().put(ArtifactKeys.analysis(request.study(), request.runKey(),
                String.format(java.util.Locale.ROOT, "swag/member-%03d.bin", swa.member())), moments.toBytes());
        SwagRow row = new SwagRow(request.study(), request.runKey(), swa.member(), swa.id(), ref.key(), ref.sha256(),
                ref.bytes(), (int) moments.count(), moments.rank(), bnRecomputed, inputKey);
        swagStore().record(row);
        return row;
    }

    /** Where a member's SWAG moments are, if the swa stage stored them. */
    public Optional<SwagRow> swagRow(int member) {
        return swagStore().swag(request.study(), request.runKey(), member);
    }

    /**
     * A member's SWAG moments, checked against their SHA-256; empty when the swa stage has not stored them. A
     * corrupt object is reported and its row deleted, so that running the study again recomputes them.
     */
    public Optional<SwagMoments> swag(int member) {
        Optional<SwagRow> row = swagRow(member);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        SwagRow r = row.get();
        try {
            return Optional.of(SwagMoments.fromBytes(context.artifacts().get(new ArtifactRef(r.artifactKey(),
                    r.sha256(), r.bytes()))));
        } catch (DamagedArtifactException e) {
            DamagedArtifacts.report(context, request.study(), request.runKey(), "swag", member, e,
                    "run the study again: the swa stage collects the moments again");
            swagStore().delete(request.study(), request.runKey(), member);
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage() + "; run the study again to recompute them",
                    "DamagedArtifact");
        }
    }

    private SwagStore swagStore() {
        return new SwagStore(context.store().database());
    }

    public static Map<String, Double> asMap(Scores s) {
        return Map.of("accuracy", s.accuracy(), "nll", s.nll(), "brier", s.brier(), "ece", s.ece());
    }

    // ---- internals ------------------------------------------------------------------------------

    /**
     * An artifact's verified bytes; a damaged one is reported and fails the stage for good (a retry would read the
     * same bytes): the study's next run computes it again.
     */
    public byte[] bytes(String kind, int member, ArtifactRef ref) {
        try {
            return context.artifacts().get(ref);
        } catch (DamagedArtifactException e) {
            DamagedArtifacts.report(context, request.study(), request.runKey(), kind, member, e,
                    "run the study again: what it came from is computed again");
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage() + "; run the study again to recompute it",
                    "DamagedArtifact");
        }
    }

    private static ArtifactRef ref(ModelRow row) {
        return new ArtifactRef(row.artifactKey(), row.sha256(), row.bytes());
    }

    private IllegalStateException missing(String what) {
        return new IllegalStateException("study " + request.study() + " (run " + request.runKey() + ") has no "
                + what + "; the stage that makes it must run first");
    }
}
