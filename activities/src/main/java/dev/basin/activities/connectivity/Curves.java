package dev.basin.activities.connectivity;

import dev.basin.activities.Subject;
import dev.basin.activities.landscape.AnalysisRequest;
import dev.basin.activities.landscape.StudyModels;
import dev.basin.db.ConnectivityStore;
import dev.basin.db.CurveRow;
import dev.basin.db.ModelRow;
import dev.basin.engine.analysis.CurveConfig;
import dev.basin.engine.curve.Curve;
import dev.basin.engine.landscape.Interpolation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A stage's curve as the later stages load it: its config, its stored row and the three weight vectors that
 * define it (the ends, loaded by natural key, and the bend the curve's training stage stored).
 */
record Curves(CurveConfig config, CurveRow row, INDArray w1, INDArray theta, INDArray w2) {

    /** The curve the stage's subject names. */
    static CurveConfig config(AnalysisRequest r) {
        return r.analyses().curves().get(r.task().subject(Subject.Curve.class).curve());
    }

    /**
     * Loads the stage's trained curve.
     *
     * @throws IllegalStateException when its bend is not trained under the current spec (its stage must run first)
     */
    static Curves load(StudyModels models, ConnectivityStore store) {
        AnalysisRequest r = models.request();
        CurveConfig config = config(r);
        CurveRow row = store.curve(r.study(), r.runKey(), config.label())
                .filter(c -> c.bendId() != null)
                .orElseThrow(() -> new IllegalStateException("the curve " + config.label() + " has no trained bend;"
                        + " its stage must run first"));
        ModelRow bend = models.context().store().model(row.bendId())
                .orElseThrow(() -> new IllegalStateException("the bend of curve " + config.label() + " is gone"));
        models.heartbeat(config.label());
        return new Curves(config, row, models.fullWeights(config.between().a()), models.fullWeights(bend),
                models.fullWeights(config.between().b()));
    }

    /** φ(t), a new vector. */
    INDArray point(double t) {
        return new Curve(config.type()).point(w1, theta, w2, t);
    }

    /** The lengths of the curve's segments between consecutive {@code ts}, over the coordinates {@code mask} keeps. */
    double[] segments(double[] ts, INDArray mask) {
        return new Curve(config.type()).segments(w1, theta, w2, ts, mask);
    }

    /** The straight line's point (1 − t)·w1 + t·w2 between the same ends, a new vector. */
    INDArray linePoint(double t) {
        return new Interpolation(w1, w2).point(t);
    }
}
