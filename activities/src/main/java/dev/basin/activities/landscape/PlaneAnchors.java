package dev.basin.activities.landscape;

import dev.basin.db.ModelRow;
import dev.basin.engine.analysis.PlaneConfig;
import dev.basin.engine.analysis.WeightRef;
import dev.basin.engine.landscape.Plane;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The three weight vectors a plane goes through (w1, w2, w3 of DESIGN.md "Definitions", Garipov's
 * construction as Fort et al. use it for Fig. 5), loaded by natural key: every activity of a plane
 * (its projections and each grid row) loads them itself, so rows can run on different workers.
 *
 * @param rows    the anchors' model rows; null for {@code origin}, which is all zeros and stored nowhere
 * @param weights the anchors' trainable weights ({@link StudyModels#weights(ModelRow)}), in the spec's order
 */
record PlaneAnchors(List<WeightRef> refs, List<ModelRow> rows, List<INDArray> weights) {

    static PlaneAnchors load(StudyModels models, PlaneConfig config) {
        List<ModelRow> rows = new ArrayList<>();
        List<INDArray> weights = new ArrayList<>();
        for (WeightRef ref : config.anchors()) {
            models.heartbeat(ref.toString());
            ModelRow row = ref.kind() == WeightRef.Kind.ORIGIN ? null : models.row(ref);
            rows.add(row);
            weights.add(row == null ? models.weights(ref) : models.weights(row));
        }
        return new PlaneAnchors(config.anchors(), Collections.unmodifiableList(rows), List.copyOf(weights));
    }

    Plane plane() {
        return new Plane(weights.get(0), weights.get(1), weights.get(2));
    }

    /** The anchors' texts, as the plane row stores them. */
    List<String> labels() {
        return refs.stream().map(WeightRef::toString).toList();
    }
}
