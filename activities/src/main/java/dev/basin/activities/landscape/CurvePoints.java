package dev.basin.activities.landscape;

import dev.basin.db.PlaneProjectionRow;
import dev.basin.engine.analysis.CurveConfig;
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
        return bends(r.analyses().planes().get(plane).anchors()).stream()
                .mapToInt(c -> r.analyses().curves().get(c).points()).sum();
    }

    static List<PlaneProjectionRow> project(StudyModels models, PlaneAnchors anchors, long planeId) {
        List<PlaneProjectionRow> out = new ArrayList<>();
        Plane plane = anchors.plane();
        for (int c : bends(anchors.refs())) {
            CurveConfig curve = models.request().analyses().curves().get(c);
            Curve shape = new Curve(curve.type());
            INDArray w1 = weights(models, anchors, curve.between().a());
            INDArray w2 = weights(models, anchors, curve.between().b());
            INDArray theta = weights(models, anchors, WeightRef.bend(c));
            for (double t : Curve.evenly(curve.points())) {
                models.heartbeat(curve.label());
                Plane.Coordinates at = plane.coordinates(shape.point(w1, theta, w2, t));
                out.add(new PlaneProjectionRow(planeId, String.format(Locale.ROOT, "%s t=%.3f", curve.label(), t),
                        null, "curve", at.a(), at.b()));
            }
        }
        return out;
    }

    /** A curve's end or bend: the anchor's weights when it is one of the plane's anchors (loaded already). */
    private static INDArray weights(StudyModels models, PlaneAnchors anchors, WeightRef ref) {
        int k = anchors.refs().indexOf(ref);
        return k >= 0 ? anchors.weights().get(k) : models.weights(ref);
    }

    /** The curves (their indexes) whose bend is one of {@code anchors}, each once. */
    private static List<Integer> bends(List<WeightRef> anchors) {
        return anchors.stream().filter(a -> a.kind() == WeightRef.Kind.BEND).map(WeightRef::member)
                .distinct().toList();
    }
}
