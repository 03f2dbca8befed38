package dev.basin.plan;

import static dev.basin.plan.PlanBuilder.spec;

import dev.basin.activities.Subject;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.EnsemblesConfig;
import dev.basin.engine.analysis.InterpolationConfig;
import dev.basin.engine.analysis.PlaneConfig;
import dev.basin.engine.analysis.SamplingMethod;
import dev.basin.engine.analysis.ShiftConfig;
import dev.basin.engine.analysis.WeightPair;
import dev.basin.engine.analysis.WeightRef;
import dev.basin.engine.tsne.Tsne;
import dev.basin.spec.StudySpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The analysis stages, one builder per spec key. Each stage runs after exactly the stages whose results it
 * reads, and its key covers its own spec key (and, where it reads a setting of another key directly, that
 * key too); everything upstream reaches it through its parents' keys. So a changed analysis key recomputes
 * only the stages below it, and never retrains.
 *
 * <p>What each stage reads: {@code trajectory} and {@code swa} a member's checkpoints; a subspace method its
 * baseline member's predictions (and, for the other members' row, every member's), SWAG moments for
 * {@code diag-gaussian}, kept checkpoints for {@code low-rank-gaussian}; {@code similarity} and {@code tsne}
 * every kept checkpoint's predictions (and t-SNE every sample's); a plane only its three anchors, its
 * projections the kept checkpoints and samples, and each grid row only the plane; a line its two ends;
 * {@code shift} every final and SWA solution and the deep and SWA ensembles' rows.
 */
final class AnalysisNodes {
    private AnalysisNodes() {}

    static void add(PlanBuilder plan, StudySpec spec) {
        AnalysesConfig a = spec.analyses();
        int members = spec.train().members();
        EnsemblesConfig ensembles = a.ensemblesAsked();
        List<String> trajectories = new ArrayList<>();
        List<String> swas = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            if (a.trajectory() != null) {
                trajectories.add(plan.add(StageNames.trajectory(m), StageActivity.TRAJECTORY, new Subject.Member(m),
                        List.of(StageNames.train(m)), spec("trajectory", a.trajectory())).name());
            }
            if (a.swa() != null) {
                swas.add(plan.add(StageNames.swa(m), StageActivity.SWA, new Subject.Member(m),
                        List.of(StageNames.train(m)), spec("swa", a.swa())).name());
            }
        }
        Samples drawn = subspace(plan, spec, ensembles.multiSwag());
        List<String> samples = concat(drawn.methods(), drawn.multiSwag());
        List<String> finals = names(members, StageNames::train);
        List<String> evaluated = names(members, StageNames::evaluate);

        if (a.similarity() != null) {
            plan.add(StageNames.SIMILARITY, StageActivity.SIMILARITY, new Subject.Study(),
                    concat(finals, evaluated, trajectories), fragments("similarity", a.similarity(), "trajectory",
                            a.trajectory()));
        }
        if (a.tsne() != null) {
            Map<String, String> inputs = new HashMap<>(fragments("tsne", a.tsne(), "trajectory", a.trajectory()));
            inputs.put("algorithm", Tsne.ALGORITHM);
            plan.add(StageNames.TSNE, StageActivity.TSNE, new Subject.Study(), concat(evaluated, trajectories, samples),
                    inputs);
        }
        if (ensembles.swa()) {
            plan.add(StageNames.SWA_ENSEMBLES, StageActivity.SWA_ENSEMBLES, new Subject.Study(), swas, Map.of());
        }
        if (ensembles.subspace()) {
            plan.add(StageNames.SUBSPACE_ENSEMBLES, StageActivity.SUBSPACE_ENSEMBLES, new Subject.Study(),
                    drawn.methods(), Map.of());
        }
        if (ensembles.multiSwag()) {
            plan.add(StageNames.MULTI_SWAG_ENSEMBLES, StageActivity.MULTI_SWAG_ENSEMBLES, new Subject.Study(),
                    drawn.multiSwag(), Map.of());
        }
        SingleBasinNodes.spawn(plan, a.spawn());
        ConnectivityNodes.curves(plan, a);
        ConnectivityNodes.fastEnsembles(plan, a, members);
        SingleBasinNodes.add(plan, a, members);
        planes(plan, a, concat(trajectories, samples));
        lines(plan, a);
        shifts(plan, a, concat(finals, swas, ensemblesDone(plan)));
    }

    /** The names of the stages that draw samples: one per subspace method, one per member for Multi-SWAG. */
    private record Samples(List<String> methods, List<String> multiSwag) {}

    /** {@code subspace/<method>} per asked method, then Multi-SWAG's per-member samples. */
    private static Samples subspace(PlanBuilder plan, StudySpec spec, boolean multiSwag) {
        AnalysesConfig a = spec.analyses();
        int members = spec.train().members();
        List<String> out = new ArrayList<>();
        List<String> swag = new ArrayList<>();
        List<SamplingMethod> methods = SamplingMethod.asked(a.subspace());
        for (int i = 0; i < methods.size(); i++) {
            SamplingMethod method = methods.get(i);
            int around = a.subspace().around();
            // The first method's stage also measures every other member against the same baseline.
            boolean withMembers = i == 0;
            List<String> parents = new ArrayList<>(withMembers ? names(members, StageNames::evaluate)
                    : List.of(StageNames.evaluate(around)));
            Map<String, String> inputs = new HashMap<>(spec("subspace", a.subspace()));
            if (method == SamplingMethod.DIAG_GAUSSIAN) {
                parents.add(StageNames.swa(around));
            }
            if (method == SamplingMethod.LOW_RANK_GAUSSIAN) {
                inputs.putAll(spec("trajectory", a.trajectory())); // the kept checkpoints it fits on
            }
            out.add(plan.add(StageNames.subspace(method), StageActivity.SUBSPACE, new Subject.Method(method, withMembers),
                    parents, inputs).name());
        }
        if (multiSwag) {
            for (int m = 0; m < members; m++) {
                swag.add(plan.add(StageNames.multiSwag(m), StageActivity.MULTI_SWAG, new Subject.Member(m),
                        List.of(StageNames.swa(m), StageNames.evaluate(m)), spec("subspace", a.subspace())).name());
            }
        }
        return new Samples(out, swag);
    }

    /**
     * Per plane: {@code plane/P} after its anchors; its projections after it and the stages that make the
     * checkpoints and samples it places; its grid rows after the plane alone.
     */
    private static void planes(PlanBuilder plan, AnalysesConfig a, List<String> projected) {
        if (a.planes() == null) {
            return;
        }
        for (int p = 0; p < a.planes().size(); p++) {
            PlaneConfig config = a.planes().get(p);
            List<String> anchors = new ArrayList<>();
            config.anchors().forEach(ref -> anchors.addAll(producers(ref, a)));
            String plane = plan.add(StageNames.plane(p), StageActivity.PLANE, new Subject.Plane(p), anchors,
                    spec("plane", config)).name();
            if (!projected.isEmpty()) { // a study without trajectory or samples has nothing else to place
                List<String> projectionParents = new ArrayList<>(List.of(plane));
                projectionParents.addAll(projected);
                plan.add(StageNames.planeProjections(p), StageActivity.PLANE_PROJECTIONS, new Subject.Plane(p),
                        projectionParents, spec("trajectory", a.trajectory()));
            }
            for (int row = 0; row < config.grid(); row++) {
                plan.add(StageNames.planeRow(p, row), StageActivity.PLANE_ROW, new Subject.PlaneRow(p, row),
                        List.of(plane), Map.of());
            }
        }
    }

    /** {@code interpolation/A-B} per pair, after the stages that make A and B; a pair given twice is one line. */
    private static void lines(PlanBuilder plan, AnalysesConfig a) {
        InterpolationConfig in = a.interpolation();
        if (in == null) {
            return;
        }
        for (int i = 0; i < in.pairs().size(); i++) {
            WeightPair pair = in.pairs().get(i);
            String name = StageNames.interpolation(pair);
            if (plan.has(name)) {
                continue;
            }
            List<String> parents = new ArrayList<>(producers(pair.a(), a));
            parents.addAll(producers(pair.b(), a));
            // Each line's key covers its own pair and the shared settings, not the other pairs.
            InterpolationConfig one = new InterpolationConfig(List.of(pair), in.points(), in.margin(), in.trainSubset());
            plan.add(name, StageActivity.INTERPOLATION, new Subject.Pair(i, pair.toString()), parents,
                    spec("interpolation", one));
        }
    }

    /** {@code shift/<corruption>} per corruption, after every final, SWA solution and the deep and SWA ensembles. */
    private static void shifts(PlanBuilder plan, AnalysesConfig a, List<String> parents) {
        ShiftConfig shift = a.shift();
        if (shift == null) {
            return;
        }
        for (String corruption : shift.corruptions()) {
            Map<String, String> inputs = new HashMap<>(spec("shift", new ShiftConfig(List.of(corruption),
                    shift.severities())));
            inputs.putAll(spec("ensembles", a.ensemblesAsked())); // which ensembles it scores
            plan.add(StageNames.shift(corruption), StageActivity.SHIFT, new Subject.Corruption(corruption), parents,
                    inputs);
        }
    }

    /** The deep and SWA ensemble stages the plan has: shift scores those ensembles again on shifted data. */
    private static List<String> ensemblesDone(PlanBuilder plan) {
        return List.of(StageNames.DEEP_ENSEMBLES, StageNames.SWA_ENSEMBLES).stream().filter(plan::has).toList();
    }

    /** The stages that make the weights (and the predictions) a reference names. */
    static List<String> producers(WeightRef ref, AnalysesConfig a) {
        return switch (ref.kind()) {
            case FINAL -> List.of(StageNames.train(ref.member()), StageNames.evaluate(ref.member()));
            case SWA -> List.of(StageNames.swa(ref.member()));
            case CHECKPOINT -> List.of(StageNames.train(ref.member()));
            case BEND -> List.of(StageNames.curve(a.curves().get(ref.member())));
            case SPAWN -> List.of(StageNames.spawnChild(ref.epoch(), ref.member()));
            case ORIGIN -> List.of();
        };
    }

    private static Map<String, String> fragments(String k1, Object v1, String k2, Object v2) {
        Map<String, String> out = new HashMap<>(spec(k1, v1));
        out.putAll(spec(k2, v2));
        return out;
    }

    private static List<String> names(int members, java.util.function.IntFunction<String> name) {
        List<String> out = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            out.add(name.apply(m));
        }
        return out;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) {
            out.addAll(l);
        }
        return out;
    }
}
