package dev.basin.activities.landscape;

import dev.basin.db.ConnectivityStore;
import dev.basin.db.PlaneProjectionRow;
import dev.basin.engine.analysis.CurveConfig;
import dev.basin.engine.analysis.PlaneConfig;
import dev.basin.engine.analysis.WeightRef;
import dev.basin.engine.curve.Curve;
import dev.basin.engine.landscape.Plane;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The points of a curve whose bend anchors a plane (Garipov et al. Fig. 1, middle and right: the plane through
 * w1, θ and w2 holds the whole Bezier curve), projected onto the plane at the curve's evaluated t, as projections
 * of kind {@code curve} labelled {@code bezier final:0-final:1 t=0.250}.
 */
final class CurvePoints {
    private CurvePoints() {}

    /** How many curve points plane {@code plane} places: the points of every curve whose bend anchors it. */
    static int count(AnalysisRequest r, int plane) {
        return curves(r, r.analyses().planes().get(plane)).stream().mapToInt(CurveConfig::points).sum();
    }

    static List<PlaneProjectionRow> project(StudyModels models, PlaneConfig config, Plane plane, long planeId) {
        List<PlaneProjectionRow> out = new ArrayList<>();
        ConnectivityStore store = new ConnectivityStore(models.context().store().database());
        for (CurveConfig curve : curves(models.request(), config)) {
            Curve shape = new Curve(curve.type());
            INDArray w1 = models.weights(curve.between().a());
            INDArray w2 = models.weights(curve.between().b());
            long bendId = store.curve(models.request().study(), models.request().runKey(), curve.label())
                    .map(c -> c.bendId()).orElseThrow(() -> new IllegalStateException("the curve " + curve.label()
                            + " has no trained bend; its stage must run first"));
            INDArray theta = models.weights(models.context().store().model(bendId).orElseThrow());
            for (double t : Curve.evenly(curve.points())) {
                models.heartbeat(curve.label());
                Plane.Coordinates at = plane.coordinates(shape.point(w1, theta, w2, t));
                out.add(new PlaneProjectionRow(planeId, String.format(Locale.ROOT, "%s t=%.3f", curve.label(), t),
                        null, "curve", at.a(), at.b()));
            }
        }
        return out;
    }

    /** The curves whose bend is an anchor of {@code config}, each once. */
    private static List<CurveConfig> curves(AnalysisRequest r, PlaneConfig config) {
        return config.anchors().stream().filter(a -> a.kind() == WeightRef.Kind.BEND).map(WeightRef::member)
                .distinct().map(c -> r.analyses().curves().get(c)).toList();
    }
}
