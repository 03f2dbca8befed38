package dev.basin.plan;

import dev.basin.activities.EvaluateActivity;
import dev.basin.activities.TrainActivity;
import dev.basin.activities.basin.SingleBasinActivity;
import dev.basin.activities.connectivity.CurveActivity;
import dev.basin.activities.connectivity.FastEnsembleActivity;
import dev.basin.activities.landscape.AnalysisEnsemblesActivity;
import dev.basin.activities.landscape.InterpolationActivity;
import dev.basin.activities.landscape.PlaneActivity;
import dev.basin.activities.landscape.ShiftActivity;
import dev.basin.activities.landscape.SimilarityActivity;
import dev.basin.activities.landscape.SubspaceActivity;
import dev.basin.activities.landscape.SwaActivity;
import dev.basin.activities.landscape.TrajectoryActivity;
import dev.basin.activities.landscape.TsneActivity;
import java.util.Locale;

/**
 * The activity that runs a stage: its interface and method, and the timeouts it runs under. The workflow
 * calls it by its Temporal activity type ({@link #type()}, the method's name capitalised, as the SDK names
 * it), so adding an analysis adds a constant here and no branch to the workflow.
 */
public enum StageActivity {
    TRAIN(TrainActivity.class, "train", Policy.TRAIN),
    EVALUATE(EvaluateActivity.class, "evaluateMember", Policy.EVALUATE),
    DEEP_ENSEMBLES(EvaluateActivity.class, "evaluateEnsembles", Policy.EVALUATE),
    TRAJECTORY(TrajectoryActivity.class, "evaluateTrajectory", Policy.ANALYSIS),
    SWA(SwaActivity.class, "averageWeights", Policy.ANALYSIS),
    SUBSPACE(SubspaceActivity.class, "sampleSubspace", Policy.ANALYSIS),
    MULTI_SWAG(SubspaceActivity.class, "sampleMultiSwag", Policy.ANALYSIS),
    SIMILARITY(SimilarityActivity.class, "compareModels", Policy.ANALYSIS),
    TSNE(TsneActivity.class, "embedPredictions", Policy.ANALYSIS),
    SWA_ENSEMBLES(AnalysisEnsemblesActivity.class, "evaluateSwaEnsembles", Policy.ANALYSIS),
    SUBSPACE_ENSEMBLES(AnalysisEnsemblesActivity.class, "evaluateSubspaceEnsembles", Policy.ANALYSIS),
    MULTI_SWAG_ENSEMBLES(AnalysisEnsemblesActivity.class, "evaluateMultiSwagEnsembles", Policy.ANALYSIS),
    PLANE(PlaneActivity.class, "definePlane", Policy.ANALYSIS),
    PLANE_PROJECTIONS(PlaneActivity.class, "projectOnPlane", Policy.ANALYSIS),
    PLANE_ROW(PlaneActivity.class, "evaluatePlaneRow", Policy.ANALYSIS),
    INTERPOLATION(InterpolationActivity.class, "evaluateLine", Policy.ANALYSIS),
    SHIFT(ShiftActivity.class, "evaluateShift", Policy.ANALYSIS),
    CURVE(CurveActivity.class, "trainCurve", Policy.TRAIN),
    CURVE_PROFILE(CurveActivity.class, "evaluateCurve", Policy.ANALYSIS),
    CURVE_ENSEMBLES(CurveActivity.class, "evaluateCurveEnsembles", Policy.ANALYSIS),
    FGE(FastEnsembleActivity.class, "trainFge", Policy.TRAIN),
    SSE(FastEnsembleActivity.class, "trainSse", Policy.TRAIN),
    BUDGET(FastEnsembleActivity.class, "evaluateBudget", Policy.ANALYSIS),
    SPAWN(SingleBasinActivity.class, "trainChild", Policy.TRAIN),
    SPAWN_ENSEMBLES(SingleBasinActivity.class, "evaluateSpawnEnsembles", Policy.ANALYSIS),
    ALIGN(SingleBasinActivity.class, "alignMembers", Policy.ANALYSIS),
    TEACHER(SingleBasinActivity.class, "prepareTeacher", Policy.ANALYSIS),
    STUDENT(SingleBasinActivity.class, "trainStudent", Policy.TRAIN),
    STUDENT_ENSEMBLES(SingleBasinActivity.class, "evaluateStudentEnsembles", Policy.ANALYSIS),
    BARRIERS(SingleBasinActivity.class, "measureBarriers", Policy.ANALYSIS);

    /** Which timeouts and heartbeat rules a stage runs under (see {@code StagePolicies}). */
    public enum Policy { TRAIN, EVALUATE, ANALYSIS }

    private final Class<?> activityInterface;
    private final String method;
    private final Policy policy;

    StageActivity(Class<?> activityInterface, String method, Policy policy) {
        this.activityInterface = activityInterface;
        this.method = method;
        this.policy = policy;
    }

    public Class<?> activityInterface() {
        return activityInterface;
    }

    public String method() {
        return method;
    }

    public Policy policy() {
        return policy;
    }

    /** The Temporal activity type: the method's name with its first letter upper-cased. */
    public String type() {
        return method.substring(0, 1).toUpperCase(Locale.ROOT) + method.substring(1);
    }

    /** The name the stage table and {@code basin plan} show: {@code plane-row}, {@code deep-ensembles}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
