package dev.basin.activities.landscape;

import dev.basin.activities.Subject;
import dev.basin.activities.StageRun;
import dev.basin.activities.WorkerContext;
import dev.basin.db.InterpolationPointRow;
import dev.basin.db.PlaneStore;
import dev.basin.engine.analysis.InterpolationConfig;
import dev.basin.engine.analysis.WeightPair;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.landscape.Interpolation;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The stage {@code interpolation/I}: loss and error along the straight line {@code (1 − t)·A + t·B}
 * between pair I's two models (Goodfellow et al.'s linear path, which Fort et al. and Garipov et al.
 * contrast with the low-loss curves between independent solutions), at {@code interpolation.points}
 * values of t from about −margin to 1 + margin that always include 0 and 1 exactly
 * ({@link Interpolation#ts}). At each t: train NLL and error on the first {@code trainSubset} training
 * images, test NLL and error; rows in {@code interpolation_point} (view {@code interpolation_curve}),
 * labelled {@code final:0-final:1}.
 *
 * <p>Each point is stored as soon as it is computed, under the stage's input key, so a retried line
 * resumes at the first missing point; the stage is reused when every point is stored under its key.
 * Every point, the ends included, gets its BN statistics recomputed over the training set when the
 * model has batch norm ({@link PointLoss}); then t = 0 and t = 1 can differ slightly from the two
 * models' own evaluations, which used their running statistics.
 */
public final class InterpolationActivityImpl implements InterpolationActivity {
    private final WorkerContext context;

    public InterpolationActivityImpl(WorkerContext context) {
        this.context = context;
    }

    @Override
    public int evaluateLine(AnalysisRequest r) {
        String stage = r.stage();
        String key = r.inputKey();
        InterpolationConfig config = r.analyses().interpolation();
        WeightPair pair = config.pairs().get(r.task().subject(Subject.Pair.class).pair());
        double[] ts = Interpolation.ts(config.points(), config.margin());
        PlaneStore store = new PlaneStore(context.store().database());
        return StageRun.run(context, r.study(), stage, key,
                () -> Optional.of(ts.length).filter(n -> stored(store, r, pair, key, ts).size() == n),
                () -> evaluate(store, r, pair, key, config, ts));
    }

    private int evaluate(PlaneStore store, AnalysisRequest r, WeightPair pair, String key, InterpolationConfig config,
                         double[] ts) {
        // Lines of an older analyses config are stale; those of the current one (any pair) stay.
        store.retainInterpolation(r.study(), r.task().siblingKeys());
        Set<Integer> done = stored(store, r, pair, key, ts);
        if (done.size() == ts.length) {
            return ts.length;
        }
        StudyModels models = new StudyModels(context, r);
        models.heartbeat(pair.toString());
        Interpolation line = new Interpolation(models.weights(pair.a()), models.weights(pair.b()));
        Dataset subset = PointLoss.trainSubset(models, config.trainSubset());
        for (int i = 0; i < ts.length; i++) {
            if (done.contains(i)) {
                continue;
            }
            models.heartbeat(i);
            PointLoss loss = PointLoss.of(models, line.point(ts[i]), subset);
            store.recordInterpolationPoints(List.of(new InterpolationPointRow(r.study(), pair.toString(), i, ts[i],
                    loss.trainLoss(), 1 - loss.trainAccuracy(), loss.testNll(), loss.testError(), key)));
        }
        return ts.length;
    }

    /** The points of the line already stored under {@code key} at the t this config asks for. */
    private static Set<Integer> stored(PlaneStore store, AnalysisRequest r, WeightPair pair, String key, double[] ts) {
        Set<Integer> out = new HashSet<>();
        for (InterpolationPointRow p : store.interpolation(r.study(), pair.toString())) {
            if (key.equals(p.inputKey()) && p.i() < ts.length && p.t() == ts[p.i()]) {
                out.add(p.i());
            }
        }
        return out;
    }
}
