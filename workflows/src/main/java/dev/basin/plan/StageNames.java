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
}
