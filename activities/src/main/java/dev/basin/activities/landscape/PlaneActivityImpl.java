package dev.basin.activities.landscape;

import dev.basin.activities.StageRun;
import dev.basin.activities.Subject;
import dev.basin.activities.WorkerContext;
import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import dev.basin.db.PlanePointRow;
import dev.basin.db.PlaneProjectionRow;
import dev.basin.db.PlaneRow;
import dev.basin.db.PlaneStore;
import dev.basin.engine.analysis.PlaneConfig;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.landscape.Geometry;
import dev.basin.engine.landscape.Plane;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The stages {@code plane/P}, {@code plane/P/projections} and {@code plane/P/row-RR}: the loss surface on
 * the plane through three weight vectors (Fort et al. Fig. 5; Garipov et al.'s construction, DESIGN.md
 * "Definitions").
 *
 * <p>{@code plane/P} needs only its three anchors: it stores the plane (its anchors and ‖u‖, the unit of
 * its coordinates) and the anchors at (0, 0), (1, 0) and (a3, b3), and, when an anchor is a curve's bend, the
 * curve's points ({@link CurvePoints}). ‖u‖ is written last: a plane row with
 * it set under the stage's input key is a finished stage, reused as it is. {@code plane/P/projections}
 * places every kept trajectory checkpoint of every member (when the study has a {@code trajectory}) and
 * every sample; these are orthogonal projections, so a model off the plane lands at its nearest point.
 * It runs beside the grid rows, which never wait for the samples.
 *
 * <p>{@code plane/P/row-RR} evaluates row j = RR of the G×G grid ({@link Plane#grid}, point (i, j) at
 * (a[i], b[j])): train NLL and accuracy on the first {@code trainSubset} training images, test NLL and
 * error, and the similarity of its test predictions to the first anchor's (1 − disagreement, Fig. 5
 * middle). Each point is stored as soon as it is computed, so a row cut short resumes at the first
 * missing point. The first anchor's predictions are its stored test predictions when it has them (the
 * model as Basin evaluated it), else computed here. With batch norm every grid point gets its BN
 * statistics recomputed over the whole training set before it is evaluated ({@link PointLoss}): a
 * point of the plane has no statistics of its own; so a point that coincides with a trained anchor
 * can differ slightly from that anchor's own evaluation.
 */
public final class PlaneActivityImpl implements PlaneActivity {
    private static final String ANCHOR = "anchor";
    private static final String CHECKPOINT = "checkpoint";
    private static final String SAMPLE = "sample";
    private static final int ANCHORS = 3;

    private final WorkerContext context;

    public PlaneActivityImpl(WorkerContext context) {
        this.context = context;
    }

    // ---- plane/P ---------------------------------------------------------------------------------------

    @Override
    public int definePlane(AnalysisRequest r) {
        String key = r.inputKey();
        PlaneStore planes = planes();
        return StageRun.run(context, r.study(), r.stage(), key,
                () -> finished(planes, r, key).filter(p -> planes.projectionsUnder(p.id(), key)
                                == ANCHORS + CurvePoints.count(r, planeIndex(r))).map(p -> ANCHORS),
                () -> define(planes, r, key));
    }

    private int define(PlaneStore planes, AnalysisRequest r, String key) {
        int index = planeIndex(r);
        PlaneConfig config = r.analyses().planes().get(index);
        StudyModels models = new StudyModels(context, r);
        // Planes of an older analyses config are stale; those of the current one (any index) stay.
        planes.retainPlanes(r.study(), r.task().siblingKeys());
        PlaneAnchors anchors = PlaneAnchors.load(models, config);
        Plane plane = anchors.plane();
        long id = planes.upsertPlane(PlaneRow.of(r.study(), index, anchors.labels(), config.grid(),
                config.margin(), config.trainSubset(), key));
        List<PlaneProjectionRow> rows = new ArrayList<>();
        List<Plane.Coordinates> at = List.of(new Plane.Coordinates(0, 0), new Plane.Coordinates(1, 0), plane.w3());
        for (int k = 0; k < ANCHORS; k++) {
            ModelRow row = anchors.rows().get(k);
            rows.add(new PlaneProjectionRow(id, anchors.labels().get(k), row == null ? null : row.id(), ANCHOR,
                    at.get(k).a(), at.get(k).b()));
        }
        rows.addAll(CurvePoints.project(models, anchors, id));
        planes.recordPlaneProjections(rows, key);
        planes.setPlaneNorm(id, plane.unit());
        return ANCHORS;
    }

    // ---- plane/P/projections ---------------------------------------------------------------------------

    @Override
    public int projectOnPlane(AnalysisRequest r) {
        String key = r.inputKey();
        PlaneStore planes = planes();
        StudyModels models = new StudyModels(context, r);
        // inside the stage, so that a missing plane (or a database outage) marks it like any failure
        return StageRun.run(context, r.study(), r.stage(), key, () -> {
            PlaneRow stored = definedPlane(planes, r);
            return Optional.of(planes.projectionsUnder(stored.id(), key))
                    .filter(n -> n == toProject(models, planes, stored).size());
        }, () -> project(planes, models, definedPlane(planes, r), key));
    }

    private int project(PlaneStore planes, StudyModels models, PlaneRow stored, String key) {
        planes.forgetProjectionsNotUnder(stored.id(), key);
        PlaneAnchors anchors = PlaneAnchors.load(models, models.request().analyses().planes().get(stored.planeIndex()));
        Plane plane = anchors.plane();
        int stepsPerEpoch = models.stepsPerEpoch();
        List<PlaneProjectionRow> rows = new ArrayList<>();
        for (ModelRow row : toProject(models, planes, stored)) {
            String label = ModelLabels.of(row, stepsPerEpoch);
            models.heartbeat(label);
            Plane.Coordinates c = plane.coordinates(models.weights(row));
            String kind = row.kind() == ModelKind.SAMPLE ? SAMPLE : CHECKPOINT;
            rows.add(new PlaneProjectionRow(stored.id(), label, row.id(), kind, c.a(), c.b()));
        }
        planes.recordPlaneProjections(rows, key);
        return rows.size();
    }

    /** Every kept trajectory checkpoint (when the study keeps a trajectory) and every sample, but the anchors. */
    private List<ModelRow> toProject(StudyModels models, PlaneStore planes, PlaneRow stored) {
        AnalysisRequest r = models.request();
        Set<Long> anchorIds = new HashSet<>();
        for (PlaneProjectionRow p : planes.planeProjections(stored.id())) {
            if (ANCHOR.equals(p.kind()) && p.modelId() != null) {
                anchorIds.add(p.modelId());
            }
        }
        List<ModelRow> projected = new ArrayList<>();
        if (r.analyses().trajectory() != null) {
            for (int m = 0; m < r.train().members(); m++) {
                projected.addAll(models.kept(m));
            }
        }
        projected.addAll(context.store().models(r.study(), r.runKey(), ModelKind.SAMPLE));
        projected.removeIf(row -> anchorIds.contains(row.id())); // an anchor is projected once, as an anchor
        return projected;
    }

    // ---- plane/P/row-RR ---------------------------------------------------------------------------------

    @Override
    public int evaluatePlaneRow(AnalysisRequest r) {
        String key = r.inputKey();
        PlaneStore planes = planes();
        int j = r.task().subject(Subject.PlaneRow.class).row();
        return StageRun.run(context, r.study(), r.stage(), key, () -> {
            PlaneRow stored = definedPlane(planes, r);
            return Optional.of(stored.grid()).filter(n -> storedColumns(planes, stored, j).size() == n);
        }, () -> evaluateRow(planes, r, definedPlane(planes, r), j));
    }

    private int evaluateRow(PlaneStore planes, AnalysisRequest r, PlaneRow stored, int j) {
        PlaneConfig config = r.analyses().planes().get(stored.planeIndex());
        int size = config.grid();
        if (j < 0 || j >= size) {
            throw new IllegalArgumentException("row " + j + " of a " + size + "×" + size + " grid");
        }
        StudyModels models = new StudyModels(context, r);
        PlaneAnchors anchors = PlaneAnchors.load(models, config);
        Plane plane = anchors.plane();
        List<Plane.Coordinates> points = plane.grid(size, config.margin()).points();
        Set<Integer> done = storedColumns(planes, stored, j);
        Dataset subset = PointLoss.trainSubset(models, config.trainSubset());
        INDArray first = null;
        for (int i = 0; i < size; i++) {
            if (done.contains(i)) {
                continue;
            }
            if (first == null) {
                first = firstAnchorPredictions(models, anchors);
            }
            models.heartbeat(i);
            Plane.Coordinates c = points.get(j * size + i);
            PointLoss loss = PointLoss.of(models, plane.point(c.a(), c.b()), subset);
            double similarity = 1 - Geometry.disagreement(loss.testPredictions(), first);
            planes.recordPlanePoints(List.of(new PlanePointRow(stored.id(), i, j, c.a(), c.b(), loss.trainLoss(),
                    loss.trainAccuracy(), loss.testNll(), loss.testError(), similarity)));
        }
        return size;
    }

    /** The first anchor's test predictions: as stored when it was evaluated, else computed. */
    private static INDArray firstAnchorPredictions(StudyModels models, PlaneAnchors anchors) {
        ModelRow row = anchors.rows().get(0);
        Optional<INDArray> stored = row == null ? Optional.empty() : models.testPredictions(row);
        return stored.orElseGet(() -> row != null && StudyModels.hasOwnStatistics(row)
                ? models.predictTrained(row, models.data().test())
                : models.predict(anchors.weights().get(0), models.data().test()));
    }

    // ---- shared -----------------------------------------------------------------------------------------

    /** The plane row of a finished {@code plane/P} stage under {@code planeKey}. */
    private static Optional<PlaneRow> finished(PlaneStore planes, AnalysisRequest r, String planeKey) {
        return planes.plane(r.study(), planeIndex(r)).filter(p -> planeKey.equals(p.inputKey()) && p.uNorm() != null);
    }

    /**
     * The plane a projections or row stage works on, as its parent stage {@code plane/P} stored it: finished,
     * under the key the plan gave that parent.
     */
    private static PlaneRow definedPlane(PlaneStore planes, AnalysisRequest r) {
        int index = planeIndex(r);
        return planes.plane(r.study(), index)
                .filter(p -> p.uNorm() != null && r.task().parentKeys().containsValue(p.inputKey()))
                .orElseThrow(() -> new IllegalStateException("study " + r.study() + " has no plane " + index
                        + " under the current analyses; the stage that defines it must run first"));
    }

    private static int planeIndex(AnalysisRequest r) {
        return r.task().subject() instanceof Subject.PlaneRow row ? row.plane()
                : r.task().subject(Subject.Plane.class).plane();
    }

    /** The columns i of grid row j already stored. */
    private static Set<Integer> storedColumns(PlaneStore planes, PlaneRow plane, int j) {
        Set<Integer> out = new HashSet<>();
        for (PlanePointRow p : planes.planePoints(plane.id())) {
            if (p.j() == j) {
                out.add(p.i());
            }
        }
        return out;
    }

    private PlaneStore planes() {
        return new PlaneStore(context.store().database());
    }
}
