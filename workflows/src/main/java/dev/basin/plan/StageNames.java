package dev.basin.plan;

import dev.basin.engine.analysis.SamplingMethod;
import dev.basin.engine.analysis.CurveConfig;
import dev.basin.engine.analysis.WeightPair;
import java.util.Locale;

/** Stage names, each after the spec key that asks for the stage: {@code swa/member-002}, {@code plane/0/row-03}. */
public final class StageNames {
    public static final String DEEP_ENSEMBLES = "ensembles/deep";
    public static final String SIMILARITY = "similarity";
    public static final String TSNE = "tsne";
    public static final String SWA_ENSEMBLES = "ensembles/swa";
    public static final String SUBSPACE_ENSEMBLES = "ensembles/subspace";
    public static final String MULTI_SWAG_ENSEMBLES = "ensembles/multi-swag";

    private StageNames() {}

    public static String train(int member) {
        return "train/" + member(member);
    }

    public static String evaluate(int member) {
        return "evaluate/" + member(member);
    }

    public static String trajectory(int member) {
        return "trajectory/" + member(member);
    }

    public static String swa(int member) {
        return "swa/" + member(member);
    }

    public static String subspace(SamplingMethod method) {
        return "subspace/" + method.specName();
    }

    public static String multiSwag(int member) {
        return "subspace/multi-swag/" + member(member);
    }

    public static String plane(int plane) {
        return "plane/" + plane;
    }

    public static String planeProjections(int plane) {
        return plane(plane) + "/projections";
    }

    public static String planeRow(int plane, int row) {
        return String.format(Locale.ROOT, "plane/%d/row-%02d", plane, row);
    }

    /** {@code interpolation/final:0-final:1}: a line is named after its pair. */
    public static String interpolation(WeightPair pair) {
        return "interpolation/" + pair;
    }

    /** {@code curves/final:0-final:1/bezier}: a curve is named after its endpoints and its type. */
    public static String curve(CurveConfig curve) {
        return "curves/" + curve.between() + "/" + curve.type().text();
    }

    /** Loss and error at the curve's points: {@code curves/final:0-final:1/bezier/profile}. */
    public static String curveProfile(CurveConfig curve) {
        return curve(curve) + "/profile";
    }

    /** The ensembles of points along the curve: {@code curves/final:0-final:1/bezier/ensembles}. */
    public static String curveEnsembles(CurveConfig curve) {
        return curve(curve) + "/ensembles";
    }

    public static final String FGE = "fge";
    public static final String SSE = "sse";
    public static final String BUDGET = "budget";

    public static String shift(String corruption) {
        return "shift/" + corruption;
    }

    private static String member(int member) {
        return String.format(Locale.ROOT, "member-%03d", member);
    }

    /** Child k spawned at epoch s: {@code spawn/e2/child-01}. */
    public static String spawnChild(int epoch, int child) {
        return String.format(Locale.ROOT, "spawn/e%d/child-%02d", epoch, child);
    }

    /** The ensembles of the children spawned at epoch s: {@code spawn/e2/ensembles}. */
    public static String spawnEnsembles(int epoch) {
        return "spawn/e" + epoch + "/ensembles";
    }

    public static final String ALIGN = "align";

    /** A teacher's softmax on the training set: {@code distill/teacher/deep}, {@code distill/teacher/final:2}. */
    public static String teacher(String teacher) {
        return "distill/teacher/" + teacher;
    }

    /** Student k of the spec's distill group G: {@code distill/0/student-02}. */
    public static String student(int group, int student) {
        return String.format(Locale.ROOT, "distill/%d/student-%02d", group, student);
    }

    /** The ensembles of group G's students: {@code distill/0/ensembles}. */
    public static String studentEnsembles(int group) {
        return "distill/" + group + "/ensembles";
    }

    /** The barriers within one ensemble: {@code barriers/deep}, {@code barriers/spawn/e2}, {@code barriers/distill/0}. */
    public static String barriers(String ensemble) {
        return "barriers/" + ensemble;
    }
}
