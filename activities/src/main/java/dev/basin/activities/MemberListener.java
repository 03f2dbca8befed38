package dev.basin.activities;

import dev.basin.artifacts.ArtifactKeys;
import dev.basin.artifacts.ArtifactRef;
import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import dev.basin.db.ProgressRow;
import dev.basin.db.TrainEpochRow;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.data.Datasets;
import dev.basin.engine.metrics.Metrics;
import dev.basin.engine.metrics.Scores;
import dev.basin.engine.model.Predictor;
import dev.basin.engine.train.Checkpoint;
import dev.basin.engine.train.EpochEnd;
import dev.basin.engine.train.Progress;
import dev.basin.engine.train.TrainListener;
import dev.basin.engine.train.TrainPosition;
import java.util.concurrent.CancellationException;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Connects a member's training loop to the outside: heartbeats to Temporal (which also delivers a
 * cancellation, by throwing here), progress rows to PostgreSQL for {@code basin run}'s bars, and
 * checkpoints to S3 with their row. A checkpoint is recorded only after its upload is verified, so
 * the newest checkpoint row always names a complete object.
 */
final class MemberListener implements TrainListener {
    private static final long PROGRESS_ROW_INTERVAL_NANOS = 1_000_000_000L;

    private final TrainRequest request;
    private final WorkerContext context;
    private final TrainPosition resumedFrom;
    private long lastRowNanos;
    private ModelRow lastCheckpoint;
    private Progress lastProgress;
    /** The test points each epoch's end measures, loaded at the first. */
    private Dataset epochTest;

    /**
     * @param restoredFrom the checkpoint this attempt continues from, or null when it starts from
     *                     scratch
     */
    MemberListener(TrainRequest request, WorkerContext context, ModelRow restoredFrom) {
        this.request = request;
        this.context = context;
        this.resumedFrom = restoredFrom == null ? null : new TrainPosition(restoredFrom.epoch(), restoredFrom.step());
        this.lastCheckpoint = restoredFrom;
    }

    @Override
    public void progress(Progress p) {
        lastProgress = p;
        long now = System.nanoTime();
        if (p.epochEnd() || now - lastRowNanos >= PROGRESS_ROW_INTERVAL_NANOS) {
            lastRowNanos = now;
            try {
                context.store().progress().upsert(
                        row(p.epoch(), p.step(), p.stepsPerEpoch(), p.loss(), p.imagesPerSecond(), "training"));
                context.outages().postgresReachable();
            } catch (RuntimeException e) {
                // A progress row only feeds the bars: training goes on through a database outage and
                // fails, to be retried, only if the outage still lasts at its next checkpoint.
                if (context.outages().unreachable(e).isEmpty()) {
                    throw e;
                }
            }
        }
    }

    /**
     * Measures the epoch's weights on the study's test split (inference only: the weights, their updater and the
     * trainer's random stream are untouched) and writes the member's {@code train_epoch} row, for the report's
     * training curves. Like a progress row, the row does not stop training through a database outage.
     */
    @Override
    public void epochEnd(EpochEnd end, ComputationGraph net) {
        Scores scores;
        try (var phase = Heartbeats.phase("epoch-end test metrics")) {
            if (epochTest == null) {
                Datasets.TrainTest data = context.datasets().get(request.data());
                epochTest = data.test().firstN(testPoints(data.train().size(), data.test().size()));
            }
            scores = Metrics.score(Predictor.predict(net, epochTest, Predictor.DEFAULT_BATCH,
                    () -> Heartbeats.progress(lastProgress)), epochTest.labels());
        }
        try {
            context.store().progress().upsertEpoch(new TrainEpochRow(request.study(), request.runKey(),
                    request.member(), end.epoch(), end.step(), end.trainLoss(), scores.accuracy(), scores.nll(),
                    epochTest.size(), end.imagesPerSecond(), end.seconds()));
            context.outages().postgresReachable();
        } catch (RuntimeException e) {
            if (context.outages().unreachable(e).isEmpty()) {
                throw e;
            }
        }
    }

    /**
     * How many test points (a prefix of the test split) each epoch's end measures: all of them, up to a sixth of
     * the training set's size. Inference costs about a third of a training step per image, so the measurement stays
     * near 2% of an epoch (measured on small-cnn) even where the test split outnumbers the training set; for
     * Fashion-MNIST (60,000 / 10,000) it is the whole test split.
     */
    static int testPoints(int trainSize, int testSize) {
        return Math.min(testSize, Math.max(1, (trainSize + 5) / 6));
    }

    /**
     * Heartbeats after every step, with the newest progress as details. The SDK sends at most one
     * heartbeat per throttle interval, so this costs nothing per step; within a step (and before the
     * first) the attempt's {@link Heartbeats} keeper beats.
     */
    @Override
    public void afterStep(long step) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("the worker is stopping; member " + request.member()
                    + " resumes from its newest checkpoint");
        }
        Heartbeats.progress(lastProgress);
    }

    /**
     * Uploads the checkpoint under a key that contains its SHA-256, then records its row. Another attempt of the
     * same member may be doing the same at once (this one paused and was retried elsewhere, then woke up); the
     * two uploads cannot overwrite each other, and each row names the object of its own upload, so whichever
     * row lands last still names bytes that verify.
     */
    @Override
    public void checkpoint(Checkpoint c) {
        try (var phase = Heartbeats.phase("checkpoint upload and record")) {
            ArtifactRef ref = upload(c);
            RaceHook.afterUpload(c.position().step());
            record(c, ref);
        }
    }

    ArtifactRef upload(Checkpoint c) {
        ArtifactRef ref = context.artifacts().putAddressed(sha -> ArtifactKeys.checkpoint(request.study(),
                request.runKey(), request.member(), c.position().epoch(), c.position().step(), sha), c.bytes());
        context.outages().s3Reachable();
        return ref;
    }

    void record(Checkpoint c, ArtifactRef ref) {
        ModelRow row = ModelRow.of(request.study(), request.runKey(), ModelKind.CHECKPOINT, request.member(),
                c.position().epoch(), c.position().step(), ref.key(), ref.sha256(), ref.bytes(), c.weightsSha256());
        lastCheckpoint = row.withId(context.store().recordModel(row));
        context.outages().postgresReachable();
    }

    /** The newest checkpoint this attempt wrote, or the one it resumed from. */
    ModelRow lastCheckpoint() {
        return lastCheckpoint;
    }

    /** The member's last progress row: done, with the loss and speed of its last report. */
    ProgressRow done(TrainPosition end, int stepsPerEpoch) {
        return row(end.epoch(), end.step(), stepsPerEpoch, lastProgress == null ? Double.NaN : lastProgress.loss(),
                lastProgress == null ? 0 : lastProgress.imagesPerSecond(), "done");
    }

    private ProgressRow row(int epoch, long step, int stepsPerEpoch, double loss, double imagesPerSecond, String state) {
        return ProgressRow.of(request.study(), request.member(), epoch, request.train().epochs(), step, stepsPerEpoch,
                loss, imagesPerSecond, state, resumedFrom == null ? null : resumedFrom.epoch());
    }
}
