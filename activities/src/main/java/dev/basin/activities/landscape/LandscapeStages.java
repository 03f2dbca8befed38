package dev.basin.activities.landscape;

import dev.basin.activities.PlannedStage;
import dev.basin.activities.Stages;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.PlaneConfig;
import dev.basin.engine.analysis.SamplingMethod;
import dev.basin.engine.tsne.Tsne;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Names and input keys of the analysis stages, each named after its spec key:
 * {@code trajectory/member-002}, {@code swa/member-002}, {@code similarity}, {@code tsne},
 * {@code subspace/random}, {@code subspace/multi-swag/member-002}, {@code ensembles/swa},
 * {@code ensembles/subspace}, {@code ensembles/multi-swag}, {@code plane/0},
 * {@code plane/0/row-03}, {@code interpolation/1}, {@code shift/blur}.
 *
 * <p>An analysis stage's input key covers the run key (which holds the training spec and the engine
 * version), the stage's name and the analysis keys its result depends on (its own and those of the
 * stages it reads: a plane reads the SWA solutions and projects the subspace samples, say), so that
 * changing one analysis key recomputes only the stages downstream of it, and never retrains. Pure and
 * deterministic, like {@link Stages}.
 */
public final class LandscapeStages {
    private LandscapeStages() {}

    public static String trajectory(int member) {
        return "trajectory/" + member(member);
    }

    public static String swa(int member) {
        return "swa/" + member(member);
    }

    public static final String SIMILARITY = "similarity";
    public static final String TSNE = "tsne";
    public static final String SWA_ENSEMBLES = "ensembles/swa";
    public static final String SUBSPACE_ENSEMBLES = "ensembles/subspace";
    public static final String MULTI_SWAG_ENSEMBLES = "ensembles/multi-swag";

    public static String subspace(SamplingMethod method) {
        return "subspace/" + method.specName();
    }

    public static String multiSwag(int member) {
        return "subspace/multi-swag/" + member(member);
    }

    public static String plane(int plane) {
        return "plane/" + plane;
    }

    public static String planeRow(int plane, int row) {
        return String.format(Locale.ROOT, "plane/%d/row-%02d", plane, row);
    }

    public static String interpolation(int pair) {
        return "interpolation/" + pair;
    }

    public static String shift(String corruption) {
        return "shift/" + corruption;
    }

    /** The input key of analysis stage {@code stage}. */
    public static String key(String runKey, String stage, AnalysesConfig analyses) {
        return Stages.key("analysis", "run: " + runKey + "\nstage: " + stage + "\n" + inputs(stage, analyses));
    }

    /** The analysis keys a stage's result depends on, as text (records print every component). */
    static String inputs(String stage, AnalysesConfig a) {
        String root = stage.substring(0, stage.indexOf('/') < 0 ? stage.length() : stage.indexOf('/'));
        // What each stage reads: its own key, and the stages whose results it loads.
        String samples = "subspace: " + a.subspace() + "\nswa: " + a.swa() + "\ntrajectory: " + a.trajectory()
                + "\nensembles: " + a.ensembles();
        return switch (root) {
            case "trajectory" -> "trajectory: " + a.trajectory();
            case "swa" -> "swa: " + a.swa();
            case "similarity" -> "similarity: " + a.similarity() + "\ntrajectory: " + a.trajectory();
            case "tsne" -> "tsne: " + a.tsne() + " by " + Tsne.ALGORITHM + "\n" + samples;
            case "subspace", "ensembles" -> samples;
            case "plane" -> "plane: " + a.planes().get(Integer.parseInt(stage.split("/")[1])) + "\n" + samples;
            case "interpolation" -> "interpolation: " + a.interpolation() + "\nswa: " + a.swa() + "\ntrajectory: "
                    + a.trajectory();
            case "shift" -> "shift: " + a.shift() + "\nswa: " + a.swa() + "\nensembles: " + a.ensembles();
            default -> throw new IllegalArgumentException("not an analysis stage: " + stage);
        };
    }

    /** Every analysis stage the config asks for, with its input key, in the order they run. */
    public static List<PlannedStage> plan(String runKey, int members, AnalysesConfig a) {
        List<String> names = new ArrayList<>();
        boolean multiSwag = a.ensemblesAsked().multiSwag();
        for (int m = 0; m < members; m++) {
            if (a.trajectory() != null) {
                names.add(trajectory(m));
            }
            if (a.swa() != null) {
                names.add(swa(m));
            }
        }
        for (SamplingMethod method : SamplingMethod.asked(a.subspace())) {
            names.add(subspace(method));
        }
        if (multiSwag) {
            for (int m = 0; m < members; m++) {
                names.add(multiSwag(m));
            }
        }
        if (a.similarity() != null) {
            names.add(SIMILARITY);
        }
        if (a.tsne() != null) {
            names.add(TSNE);
        }
        if (a.ensemblesAsked().swa()) {
            names.add(SWA_ENSEMBLES);
        }
        if (a.ensemblesAsked().subspace()) {
            names.add(SUBSPACE_ENSEMBLES);
        }
        if (multiSwag) {
            names.add(MULTI_SWAG_ENSEMBLES);
        }
        if (a.planes() != null) {
            for (int p = 0; p < a.planes().size(); p++) {
                PlaneConfig plane = a.planes().get(p);
                names.add(plane(p));
                for (int row = 0; row < plane.grid(); row++) {
                    names.add(planeRow(p, row));
                }
            }
        }
        if (a.interpolation() != null) {
            for (int i = 0; i < a.interpolation().pairs().size(); i++) {
                names.add(interpolation(i));
            }
        }
        if (a.shift() != null) {
            for (String corruption : a.shift().corruptions()) {
                names.add(shift(corruption));
            }
        }
        return names.stream().map(n -> new PlannedStage(n, key(runKey, n, a))).toList();
    }

    private static String member(int member) {
        return String.format(Locale.ROOT, "member-%03d", member);
    }
}
