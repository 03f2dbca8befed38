package dev.basin.plan;

import static dev.basin.plan.PlanBuilder.spec;

import dev.basin.activities.Subject;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.CurveConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stages of mode connectivity and fast ensembles (Garipov et al. 2018), one builder per spec key:
 * <ul>
 *   <li>{@code curves}: per curve, {@code curves/A-B/TYPE} trains the bend after the stages that make its ends;
 *       its {@code /profile} and {@code /ensembles} read the ends and the bend, so run after it alone;</li>
 *   <li>{@code fge}: after the training of the member it starts from (it reads that member's checkpoint);</li>
 *   <li>{@code sse}: trains from scratch, so it starts with the members;</li>
 *   <li>{@code budget}: after every member's evaluation and the FGE and SSE runs whose snapshots it ensembles.</li>
 * </ul>
 * Curves are added before the planes, whose anchors may be a bend ({@code bend:C}).
 */
final class ConnectivityNodes {
    private ConnectivityNodes() {}

    static void curves(PlanBuilder plan, AnalysesConfig a) {
        if (a.curves() == null) {
            return;
        }
        for (int i = 0; i < a.curves().size(); i++) {
            CurveConfig curve = a.curves().get(i);
            Subject subject = new Subject.Curve(i, curve.label());
            List<String> ends = new ArrayList<>(AnalysisNodes.producers(curve.between().a(), a));
            ends.addAll(AnalysisNodes.producers(curve.between().b(), a));
            Map<String, String> inputs = spec("curves", curve);
            String bend = plan.add(StageNames.curve(curve), StageActivity.CURVE, subject, ends, inputs).name();
            plan.add(StageNames.curveProfile(curve), StageActivity.CURVE_PROFILE, subject, List.of(bend), inputs);
            if (curve.ensemble() > 0) {
                plan.add(StageNames.curveEnsembles(curve), StageActivity.CURVE_ENSEMBLES, subject, List.of(bend),
                        inputs);
            }
        }
    }

    static void fastEnsembles(PlanBuilder plan, AnalysesConfig a, int members) {
        if (a.fge() != null) {
            plan.add(StageNames.FGE, StageActivity.FGE, new Subject.Member(a.fge().from().member()),
                    List.of(StageNames.train(a.fge().from().member())), spec("fge", a.fge()));
        }
        if (a.sse() != null) {
            plan.add(StageNames.SSE, StageActivity.SSE, new Subject.Study(), List.of(), spec("sse", a.sse()));
        }
        if (a.budget() != null) {
            List<String> parents = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                parents.add(StageNames.evaluate(m));
            }
            Map<String, String> inputs = new HashMap<>(spec("budget", a.budget()));
            if (a.fge() != null) {
                parents.add(StageNames.FGE);
                inputs.putAll(spec("fge", a.fge())); // its accounting reads where FGE starts and its cycles
            }
            if (a.sse() != null) {
                parents.add(StageNames.SSE);
                inputs.putAll(spec("sse", a.sse()));
            }
            plan.add(StageNames.BUDGET, StageActivity.BUDGET, new Subject.Study(), parents, inputs);
        }
    }
}
