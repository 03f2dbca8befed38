package dev.basin.activities;

import dev.basin.artifacts.ArtifactRef;
import dev.basin.artifacts.DamagedArtifactException;
import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import dev.basin.db.ResumeRow;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.model.Models;
import dev.basin.engine.train.Checkpoints;
import dev.basin.engine.train.Seeds;
import dev.basin.engine.train.TrainPosition;
import dev.basin.engine.train.Trainer;
import dev.basin.engine.weights.WeightVectors;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import java.util.Optional;

/**
 * Trains one member: the stage {@code train/member-NNN}. Idempotent: a member whose final weights
 * are recorded and verify is returned as it is ({@code reused}); a member with checkpoints continues
 * from the newest one whose bytes verify (recorded in the {@code resume} table), which the engine
 * guarantees ends bit-identical to an uninterrupted run. A corrupt checkpoint is never loaded: it is
 * reported and discarded, and the next older one is tried; only when none verifies does the member
 * start from scratch.
 *
 * <p>A cancelled workflow reaches the training loop through the heartbeat in {@link MemberListener},
 * whose exception propagates out of the {@link Trainer} and ends the attempt; the checkpoints stay.
 */
public final class TrainActivityImpl implements TrainActivity {
    /** Steps between progress reports (heartbeats); ~1 s of work for small-cnn on two cores. */
    private static final int REPORT_EVERY = 20;

    private final WorkerContext context;

    public TrainActivityImpl(WorkerContext context) {
        this.context = context;
    }

    @Override
    public MemberResult train(TrainRequest r) {
        return StageRun.run(context, r.study(), r.task().stage(), r.task().inputKey(), () -> trained(r),
                () -> trainMember(r));
    }

    /** The member's recorded final weights, if their bytes verify; corrupt ones are reported and discarded. */
    private Optional<MemberResult> trained(TrainRequest r) {
        Optional<ModelRow> done = context.store().model(r.study(), r.runKey(), ModelKind.FINAL, r.member());
        if (done.isEmpty()) {
            return Optional.empty();
        }
        try {
            context.artifacts().get(ref(done.get()));
        } catch (DamagedArtifactException e) {
            DamagedArtifacts.report(context, r.study(), r.runKey(), "final", r.member(), e,
                    "the member trains again from its newest checkpoint that verifies");
            return Optional.empty();
        }
        return Optional.of(result(done.get(), r.train().epochs(), 0));
    }

    private MemberResult trainMember(TrainRequest r) {
        Dataset train;
        try (var phase = Heartbeats.phase("loading data")) {
            train = context.datasets().get(r.data()).train();
        }
        long seed = Seeds.member(r.seed(), r.member());
        Start start;
        try (var phase = Heartbeats.phase("restoring checkpoint")) {
            start = restore(r).orElseGet(() -> new Start(new Checkpoints.Restored(Models.build(r.model(),
                    r.train().optimizer(), seed, train.channels(), train.height(), train.width(), train.classes()),
                    TrainPosition.START), null));
        }
        TrainPosition from = start.restored().position();
        if (start.row() != null) {
            ActivityInfo info = Activity.getExecutionContext().getInfo();
            context.store().recordResume(ResumeRow.of(r.study(), r.runKey(), r.member(), info.getRunId(),
                    info.getAttempt(), start.row()));
        }
        var listener = new MemberListener(r, context, start.row());

        long t0 = System.nanoTime();
        TrainPosition end;
        try (var phase = Heartbeats.phase("training")) {
            end = new Trainer(r.train(), seed, listener, REPORT_EVERY).augmenting(r.data().augment())
                    .run(start.restored().net(), train, from);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;

        // The final row names the checkpoint written at the end: never one still in flight or an older one.
        ModelRow last = listener.lastCheckpoint();
        if (last == null || last.epoch() != end.epoch() || last.step() != end.step()) {
            throw new IllegalStateException("member " + r.member() + " ended at " + end
                    + " without a recorded checkpoint there (newest: " + last + ")");
        }
        long id = context.store().recordModel(ModelRow.of(r.study(), r.runKey(), ModelKind.FINAL, r.member(),
                end.epoch(), end.step(), last.artifactKey(), last.sha256(), last.bytes(),
                WeightVectors.sha256(start.restored().net())));
        context.store().progress().upsert(listener.done(end, Trainer.stepsPerEpoch(train.size(), r.train().batchSize())));
        return new MemberResult(r.member(), id, ref(last), end.epoch(), end.step(), from.epoch(), seconds);
    }

    /** Where training starts: a restored checkpoint and its row. */
    private record Start(Checkpoints.Restored restored, ModelRow row) {}

    /**
     * The newest checkpoint whose bytes verify. Each corrupt one is reported and discarded before the
     * next older one is tried; empty when none is left (training starts from scratch).
     */
    private Optional<Start> restore(TrainRequest r) {
        for (ModelRow row : context.store().checkpoints(r.study(), r.runKey(), r.member())) {
            try {
                return Optional.of(new Start(Checkpoints.read(context.artifacts().get(ref(row))), row));
            } catch (DamagedArtifactException e) {
                DamagedArtifacts.report(context, r.study(), r.runKey(), "checkpoint", r.member(), e,
                        "trying the member's next older checkpoint (from scratch if none verifies)");
            }
        }
        return Optional.empty();
    }

    private static MemberResult result(ModelRow row, int epochs, double seconds) {
        return new MemberResult(row.member(), row.id(), ref(row), epochs, row.step(), epochs, seconds);
    }

    static ArtifactRef ref(ModelRow row) {
        return new ArtifactRef(row.artifactKey(), row.sha256(), row.bytes());
    }
}
