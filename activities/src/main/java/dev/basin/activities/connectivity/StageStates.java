package dev.basin.activities.connectivity;

import dev.basin.activities.DamagedArtifacts;
import dev.basin.activities.Heartbeats;
import dev.basin.activities.WorkerContext;
import dev.basin.activities.landscape.AnalysisRequest;
import dev.basin.artifacts.ArtifactKeys;
import dev.basin.artifacts.ArtifactRef;
import dev.basin.artifacts.DamagedArtifactException;
import dev.basin.db.ConnectivityStore;
import dev.basin.db.StageCheckpointRow;
import dev.basin.engine.curve.CurveCheckpoint;
import dev.basin.engine.curve.CurveListener;
import dev.basin.engine.train.Progress;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * The liveness and the saved states of a stage that runs its own training loop (a curve's bend, FGE, SSE), the way
 * {@code TrainActivityImpl} keeps a member's checkpoints: each state is uploaded to S3 under a key that holds its
 * SHA-256 and verified before its row is written, so the newest row always names a complete object, even when a
 * paused attempt wakes and writes after its retry; a retried attempt resumes from the newest state
 * that verifies under the stage's input key (a damaged one is reported and the next older one tried).
 */
public final class StageStates {
    private final WorkerContext context;
    private final AnalysisRequest request;
    private final ConnectivityStore store;

    public StageStates(WorkerContext context, AnalysisRequest request) {
        this.context = context;
        this.request = request;
        this.store = new ConnectivityStore(context.store().database());
    }

    /** A progress report: sent as the heartbeat's details. */
    public void progress(Progress p) {
        Heartbeats.progress(p);
    }

    /**
     * After every step: a heartbeat (the SDK throttles them; a cancelled workflow is delivered through it), or a
     * stop when this worker is shutting down (another attempt resumes from the newest saved state).
     */
    public void afterStep(long step) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("the worker is stopping; " + request.stage()
                    + " resumes from its newest saved state");
        }
        Heartbeats.progress(step);
    }

    /** Saves the state reached at (epoch, step). */
    public void save(int epoch, long step, byte[] bytes) {
        try (var phase = Heartbeats.phase("saving state")) {
            record(epoch, step, bytes);
        }
    }

    private void record(int epoch, long step, byte[] bytes) {
        ArtifactRef ref = context.artifacts().putAddressed(sha -> ArtifactKeys.stageState(request.study(),
                request.runKey(), request.stage(), request.inputKey(), step, sha), bytes);
        context.outages().s3Reachable();
        store.recordCheckpoint(new StageCheckpointRow(request.study(), request.stage(), request.inputKey(), epoch, step,
                ref.key(), ref.sha256(), ref.bytes()));
        context.outages().postgresReachable();
    }

    /** The newest saved state under the stage's key whose bytes verify; empty when the stage starts afresh. */
    public Optional<byte[]> newest() {
        try (var phase = Heartbeats.phase("restoring state")) {
            return verifiedNewest();
        }
    }

    private Optional<byte[]> verifiedNewest() {
        store.deleteStaleCheckpoints(request.study(), request.stage(), request.inputKey());
        for (StageCheckpointRow row : store.checkpoints(request.study(), request.stage(), request.inputKey())) {
            try {
                return Optional.of(context.artifacts().get(new ArtifactRef(row.artifactKey(), row.sha256(),
                        row.bytes())));
            } catch (DamagedArtifactException e) {
                DamagedArtifacts.report(context, request.study(), request.runKey(), "stage state", 0, e,
                        "trying the stage's next older state (from the start if none verifies)");
            }
        }
        return Optional.empty();
    }

    /** A {@link CurveListener} for a flat-vector training loop (a bend, a student): heartbeats and saved states. */
    public CurveListener listener() {
        return new CurveListener() {
            @Override
            public void progress(Progress p) {
                StageStates.this.progress(p);
            }

            @Override
            public void afterStep(long step) {
                StageStates.this.afterStep(step);
            }

            @Override
            public void checkpoint(CurveCheckpoint c) {
                save(c.position().epoch(), c.position().step(), c.bytes());
            }
        };
    }
}
