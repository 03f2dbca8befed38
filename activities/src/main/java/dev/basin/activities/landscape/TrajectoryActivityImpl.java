package dev.basin.activities.landscape;

import dev.basin.activities.StageRun;
import dev.basin.activities.WorkerContext;
import dev.basin.db.ModelRow;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage {@code trajectory/member-NNN}: every checkpoint of one member that the trajectory keeps, evaluated
 * on the test set (Fort et al. Fig. 2: accuracy along a trajectory). Predictions go to S3 and the four metrics
 * to PostgreSQL (view {@code trajectory_metrics}); the similarity and t-SNE stages read these predictions.
 *
 * <p>Checkpoints are evaluated as trained, with the BN statistics training kept, as the member's own evaluation
 * is. The last kept checkpoint holds the final weights and is evaluated again rather than sharing the final's
 * prediction object: one more test pass per member keeps every checkpoint's row self-contained (its own object,
 * under this stage's input key), and the equal metrics are a visible check that both paths agree.
 *
 * <p>Reused when every kept checkpoint already has verified test predictions and four metrics under this stage's
 * input key; a retried attempt skips the checkpoints it already evaluated.
 */
public final class TrajectoryActivityImpl implements TrajectoryActivity {
    private static final Logger log = LoggerFactory.getLogger(TrajectoryActivityImpl.class);

    private final WorkerContext context;

    public TrajectoryActivityImpl(WorkerContext context) {
        this.context = context;
    }

    @Override
    public int evaluateTrajectory(AnalysisRequest r) {
        String stage = r.stage();
        String key = r.inputKey();
        StudyModels models = new StudyModels(context, r);
        return StageRun.run(context, r.study(), stage, key, () -> stored(models, key), () -> evaluate(models, key));
    }

    private static Optional<Integer> stored(StudyModels models, String key) {
        List<ModelRow> kept = models.kept(models.request().member());
        if (kept.isEmpty() || !kept.stream().allMatch(row -> models.evaluated(row, key))) {
            return Optional.empty();
        }
        return Optional.of(kept.size());
    }

    private static int evaluate(StudyModels models, String key) {
        int member = models.request().member();
        List<ModelRow> kept = models.kept(member);
        if (kept.isEmpty()) {
            throw new IllegalStateException("member " + member + " of study " + models.request().study()
                    + " has no checkpoints; its training must finish first");
        }
        int computed = 0;
        for (ModelRow row : kept) {
            models.heartbeat(row.epoch());
            if (models.evaluated(row, key)) {
                continue; // an earlier attempt got this far
            }
            models.storeEvaluation(row, models.predictTrained(row, models.data().test()), key);
            computed++;
        }
        log.info("trajectory of study {} member {}: {} kept checkpoints, {} evaluated now", models.request().study(),
                member, kept.size(), computed);
        return kept.size();
    }
}
