package dev.basin.activities.connectivity;

import dev.basin.activities.StageRun;
import dev.basin.activities.WorkerContext;
import dev.basin.activities.landscape.AnalysisRequest;
import dev.basin.activities.landscape.PointLoss;
import dev.basin.activities.landscape.StudyModels;
import dev.basin.db.ConnectivityStore;
import dev.basin.db.CurvePointRow;
import dev.basin.db.CurveRow;
import dev.basin.engine.analysis.CurveConfig;
import dev.basin.engine.curve.Curve;
import dev.basin.engine.curve.CurveTrainer;
import dev.basin.engine.data.Dataset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The stages of one curve of the spec's {@code curves} (Garipov et al. 2018): {@code curves/A-B/TYPE} trains the
 * bend ({@link CurveTraining}), {@code .../profile} evaluates the curve and the straight line between the same ends
 * at {@code points} evenly spaced t, {@code .../ensembles} ensembles points of the curve ({@link CurveEnsembles}).
 *
 * <p>The profile stores each point as soon as it is computed, under the stage's input key, so a retried stage
 * resumes at the first missing point. With batch norm every point gets its BN statistics recomputed over the
 * training set first ({@link PointLoss}): the ends too, so t = 0 and t = 1 can differ slightly from the two models'
 * own evaluations. A segment's length is measured over the trained parameters only (BN running statistics are no
 * coordinates of the curve).
 */
public final class CurveActivityImpl implements CurveActivity {
    static final String CURVE = "curve";
    static final String LINE = "line";

    private final WorkerContext context;

    public CurveActivityImpl(WorkerContext context) {
        this.context = context;
    }

    @Override
    public int trainCurve(AnalysisRequest r) {
        return new CurveTraining(context, r).run();
    }

    @Override
    public int evaluateCurve(AnalysisRequest r) {
        ConnectivityStore store = new ConnectivityStore(context.store().database());
        CurveConfig config = Curves.config(r);
        return StageRun.run(context, r.study(), r.stage(), r.inputKey(),
                () -> store.curve(r.study(), r.runKey(), config.label())
                        .filter(c -> store.points(c.id(), r.inputKey()).size() == 2 * config.points()
                                && !Double.isNaN(c.length()))
                        .map(c -> config.points()),
                () -> profile(store, r, config));
    }

    private int profile(ConnectivityStore store, AnalysisRequest r, CurveConfig config) {
        StudyModels models = new StudyModels(context, r);
        Curves curve = Curves.load(models, store);
        CurveRow row = curve.row();
        store.deleteStalePoints(row.id(), r.inputKey());
        Set<String> done = new HashSet<>();
        store.points(row.id(), r.inputKey()).forEach(p -> done.add(p.path() + " " + p.i()));
        Dataset subset = PointLoss.trainSubset(models, config.trainSubset());
        double[] ts = Curve.evenly(config.points());
        double[] segments = curve.segments(ts, CurveTrainer.trainableMask(models.network()));
        for (String path : List.of(CURVE, LINE)) {
            for (int i = 0; i < ts.length; i++) {
                if (done.contains(path + " " + i)) {
                    continue;
                }
                models.heartbeat(path + " " + i);
                boolean onCurve = path.equals(CURVE);
                PointLoss loss = PointLoss.of(models, onCurve ? curve.point(ts[i]) : curve.linePoint(ts[i]), subset);
                // the line's segments are its length (‖m ⊙ (w2 − w1)‖, stored with the bend) in proportion to t
                double segment = onCurve ? segments[i] : i == 0 ? 0 : (ts[i] - ts[i - 1]) * row.lineLength();
                store.recordPoint(new CurvePointRow(row.id(), path, i, ts[i], segment, loss.trainLoss(),
                        1 - loss.trainAccuracy(), loss.testNll(), loss.testError(), r.inputKey()));
            }
        }
        store.recordLength(row.id(), Arrays.stream(segments).sum());
        return ts.length;
    }

    @Override
    public int evaluateCurveEnsembles(AnalysisRequest r) {
        return new CurveEnsembles(context, r).run();
    }

    /** The stage's curve row under the current spec, if its bend is trained. */
    static Optional<CurveRow> trained(ConnectivityStore store, AnalysisRequest r, CurveConfig config, String key) {
        return store.curve(r.study(), r.runKey(), config.label())
                .filter(c -> c.bendId() != null && key.equals(c.inputKey()));
    }
}
