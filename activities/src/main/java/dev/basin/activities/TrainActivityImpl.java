package dev.basin.activities;

import dev.basin.artifacts.ArtifactRef;
import dev.basin.artifacts.CorruptArtifactException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one member. Idempotent: a member whose final weights are recorded is returned as it is; a
 * member with checkpoints continues from the newest one (recorded in the {@code resume} table),
 * which the engine guarantees ends bit-identical to an uninterrupted run.
 */
public final class TrainActivityImpl implements TrainActivity {
    private static final Logger log = LoggerFactory.getLogger(TrainActivityImpl.class);
    /** Steps between progress reports (heartbeats); ~1 s of work for small-cnn on two cores. */
    private static final int REPORT_EVERY = 20;

    private final WorkerContext context;

    public TrainActivityImpl(WorkerContext context) {
        this.context = context;
    }

    @Override
    public MemberResult train(TrainRequest r) {
        Optional<ModelRow> done = context.store().model(r.study(), r.runKey(), ModelRow.FINAL, r.member());
        if (done.isPresent()) {
            return result(done.get(), r.train().epochs(), 0);
        }
        Dataset train = context.datasets().get(r.data()).train();
        long seed = Seeds.member(r.seed(), r.member());
        Optional<ModelRow> newest = context.store().latestCheckpoint(r.study(), r.runKey(), r.member());
        Checkpoints.Restored start = newest.flatMap(this::restore).orElseGet(() -> new Checkpoints.Restored(
                Models.build(r.model(), r.train().optimizer(), seed, train.channels(), train.height(), train.width(),
                        train.classes()), TrainPosition.START));
        ModelRow from = start.position().equals(TrainPosition.START) ? null : newest.orElse(null);
        if (from != null) {
            ActivityInfo info = Activity.getExecutionContext().getInfo();
            context.store().recordResume(ResumeRow.of(r.study(), r.runKey(), r.member(), info.getRunId(),
                    info.getAttempt(), from));
        }
        var listener = new MemberListener(r, context, Activity.getExecutionContext(), from);

        long t0 = System.nanoTime();
        TrainPosition end = new Trainer(r.train(), seed, listener, REPORT_EVERY).run(start.net(), train, start.position());
        double seconds = (System.nanoTime() - t0) / 1e9;

        // The final row names the checkpoint written at the end: never one still in flight or an older one.
        ModelRow last = listener.lastCheckpoint();
        if (last == null || last.epoch() != end.epoch() || last.step() != end.step()) {
            throw new IllegalStateException("member " + r.member() + " ended at " + end
                    + " without a recorded checkpoint there (newest: " + last + ")");
        }
        long id = context.store().recordModel(ModelRow.of(r.study(), r.runKey(), ModelRow.FINAL, r.member(),
                end.epoch(), end.step(), last.artifactKey(), last.sha256(), last.bytes(),
                WeightVectors.sha256(start.net())));
        context.store().upsertProgress(listener.row(end.epoch(), end.step(),
                Trainer.stepsPerEpoch(train.size(), r.train().batchSize()), Double.NaN, 0, "done"));
        return new MemberResult(r.member(), id, ref(last), end.epoch(), end.step(), start.position().epoch(), seconds);
    }

    /** The newest checkpoint, unless its bytes no longer match their checksum: then train from scratch. */
    private Optional<Checkpoints.Restored> restore(ModelRow row) {
        try {
            return Optional.of(Checkpoints.read(context.artifacts().get(ref(row))));
        } catch (CorruptArtifactException e) {
            log.warn("{}; member {} trains from scratch", e.getMessage(), row.member());
            return Optional.empty();
        }
    }

    private static MemberResult result(ModelRow row, int epochs, double seconds) {
        return new MemberResult(row.member(), row.id(), ref(row), epochs, row.step(), epochs, seconds);
    }

    static ArtifactRef ref(ModelRow row) {
        return new ArtifactRef(row.artifactKey(), row.sha256(), row.bytes());
    }
}
