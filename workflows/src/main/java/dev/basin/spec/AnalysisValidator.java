package dev.basin.spec;

import static dev.basin.spec.SpecRules.*;

import dev.basin.engine.DataConfig;
import dev.basin.engine.TrainConfig;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.EnsemblesConfig;
import dev.basin.engine.analysis.InterpolationConfig;
import dev.basin.engine.analysis.PlaneConfig;
import dev.basin.engine.analysis.ShiftConfig;
import dev.basin.engine.analysis.SubspaceConfig;
import dev.basin.engine.analysis.SwaConfig;
import dev.basin.engine.analysis.TrajectoryConfig;
import dev.basin.engine.analysis.WeightPair;
import dev.basin.engine.analysis.WeightRef;
import dev.basin.engine.analysis.WeightRef.Kind;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The ranges and cross-field rules of the analysis keys: which analysis needs which other key, which members and
 * epochs exist, which checkpoints the trajectory keeps. Part of {@link SpecValidator}; rules that involve a value
 * the parser already reported are skipped, so that one mistake gives one problem.
 */
final class AnalysisValidator {

    private final Checks c;
    private final TrainConfig train;
    private final DataConfig data;
    /** train.members and train.epochs, or -1 when they are themselves wrong (then no rule compares with them). */
    private final int members;
    private final int epochs;
    private AnalysesConfig a;
    /** The epochs whose checkpoints the trajectory keeps; null when unknown (no trajectory, or it is wrong). */
    private List<Integer> kept;

    AnalysisValidator(Checks c, StudySpec spec) {
        this.c = c;
        this.train = spec.train();
        this.data = spec.data();
        this.members = c.skipped("train.members") || train.members() < MIN_MEMBERS || train.members() > MAX_MEMBERS
                ? -1 : train.members();
        this.epochs = c.skipped("train.epochs") || train.epochs() < MIN_EPOCHS || train.epochs() > MAX_EPOCHS
                ? -1 : train.epochs();
    }

    void check(AnalysesConfig analyses) {
        this.a = analyses;
        if (a.trajectory() != null) {
            trajectory(a.trajectory());
        }
        if (a.similarity() != null) {
            List<String> scopes = a.similarity().scopes();
            if (scopes == null || !List.of("members").equals(scopes)) {
                needs("similarity", a.trajectory(), "trajectory", "similarity compares the trajectory's kept"
                        + " checkpoints (only scopes: [members] compares the final weights alone)");
            }
            if (c.listSize("similarity.scopes", a.similarity().scopes(), MAX_VALUES, "scope", "scopes")) {
                names("similarity.scopes", a.similarity().scopes(), SIMILARITY_SCOPES);
            }
        }
        if (a.tsne() != null) {
            needs("tsne", a.trajectory(), "trajectory", "t-SNE embeds the predictions of the kept checkpoints");
            c.numberIn("tsne.perplexity", a.tsne().perplexity(), MIN_PERPLEXITY, false, MAX_PERPLEXITY, false);
        }
        if (a.swa() != null) {
            swa(a.swa());
        }
        if (a.subspace() != null) {
            subspace(a.subspace());
        }
        if (a.ensembles() != null) {
            EnsemblesConfig e = a.ensembles();
            if (e.swa()) {
                needs("ensembles.swa", a.swa(), "swa", "it is the ensemble of the members' SWA solutions");
            }
            if (e.subspace()) {
                needs("ensembles.subspace", a.subspace(), "subspace", "it ensembles the subspace samples");
            }
            if (e.multiSwag()) {
                needs("ensembles.multiSwag", a.swa(), "swa", "it samples every member's SWAG posterior");
            }
        }
        if (a.planes() != null && c.listSize("plane", a.planes(), MAX_PLANES, "plane", "planes")) {
            for (int i = 0; i < a.planes().size(); i++) {
                plane("plane[" + i + "]", a.planes().get(i));
            }
        }
        if (a.interpolation() != null) {
            interpolation(a.interpolation());
        }
        if (a.shift() != null) {
            ShiftConfig s = a.shift();
            if (c.listSize("shift.corruptions", s.corruptions(), MAX_VALUES, "corruption", "corruptions")) {
                names("shift.corruptions", s.corruptions(), CORRUPTIONS);
            }
            if (c.listSize("shift.severities", s.severities(), MAX_VALUES, "severity", "severities")) {
                c.entries("shift.severities", s.severities(), (p, v) -> c.intIn(p, v, 1, 5));
            }
        }
    }

    private void trajectory(TrajectoryConfig t) {
        if (t.every() != 0 && t.everySteps() != 0) {
            if (!c.skipped("trajectory.every") && !c.skipped("trajectory.everySteps")) {
                c.add("trajectory.everySteps", "give trajectory.every (epochs) or trajectory.everySteps (steps), not"
                        + " both; got every " + t.every() + " and everySteps " + t.everySteps());
            }
            return;
        }
        boolean ok;
        if (t.everySteps() != 0) {
            ok = c.intIn("trajectory.everySteps", t.everySteps(), 1, MAX_CHECKPOINT_EVERY_STEPS);
        } else {
            ok = c.intIn("trajectory.every", t.every(), 1, epochs > 0 ? epochs : MAX_EPOCHS,
                    "between 1 and train.epochs (" + (epochs > 0 ? epochs : "?") + ")");
        }
        if (ok && epochs > 0) {
            kept = keptEpochs(t, epochs);
        }
    }

    private void swa(SwaConfig s) {
        boolean startOk = false;
        if (!c.skipped("swa.start")) {
            if (s.start() < 1) {
                c.add("swa.start", "must be an epoch, 1 or later, got " + s.start());
            } else if (epochs > 0 && s.start() > epochs) {
                c.add("swa.start", s.start() + " is after the last epoch (train.epochs = " + epochs + ")");
            } else {
                startOk = epochs > 0;
            }
        }
        if (c.intIn("swa.rank", s.rank(), 0, MAX_SWAG_RANK, SWA_RANK_BOUNDS) && startOk) {
            int snapshots = epochs - s.start() + 1;
            if (s.rank() > snapshots) {
                c.add("swa.rank", s.rank() + " deviation vectors need " + s.rank() + " averaged epochs; epochs "
                        + s.start() + " to " + epochs + " give " + snapshots + " (lower swa.rank or an earlier"
                        + " swa.start)");
            }
        }
    }

    private void subspace(SubspaceConfig s) {
        if (!c.skipped("subspace.around")) {
            if (s.around() < 0) {
                c.add("subspace.around", "must be a member index, 0 or more, got " + s.around());
            } else if (members > 0 && s.around() >= members) {
                c.add("subspace.around", "member " + s.around() + " does not exist; train.members is " + members);
            }
        }
        c.intIn("subspace.samples", s.samples(), 1, MAX_SAMPLES);
        boolean any = s.random() != null || s.dropout() != null || s.diagGaussian() != null
                || s.lowRankGaussian() != null || c.skippedUnder("subspace.");
        if (!any) {
            c.add("subspace", "needs at least one method: " + String.join(", ", SUBSPACE_METHODS)
                    + ", e.g. subspace: {random: {}}");
        }
        if (s.random() != null) {
            numbers("subspace.random.radii", s.random().radii(), 0, true, MAX_RADIUS, false);
            c.numberIn("subspace.random.accuracyFloor", s.random().accuracyFloor(), 0, false, 1, true);
        }
        if (s.dropout() != null) {
            numbers("subspace.dropout.rates", s.dropout().rates(), 0, true, 1, true);
        }
        if (s.diagGaussian() != null) {
            needs("subspace.diag-gaussian", a.swa(), "swa", "the SWAG-diagonal Gaussian uses the SWAG moments");
            numbers("subspace.diag-gaussian.scales", s.diagGaussian().scales(), 0, true, MAX_SCALE, false);
        }
        SubspaceConfig.LowRankGaussian l = s.lowRankGaussian();
        if (l != null) {
            needs("subspace.low-rank-gaussian", a.trajectory(), "trajectory",
                    "the low-rank Gaussian is the PCA of the trajectory's checkpoints");
            String path = "subspace.low-rank-gaussian.rank";
            if (c.intIn(path, l.rank(), 1, MAX_SWAG_RANK) && kept != null && l.rank() >= kept.size()) {
                c.add(path, l.rank() + " components need at least " + (l.rank() + 1) + " kept checkpoints per member;"
                        + " the trajectory keeps " + kept.size() + " (" + epochList() + ")");
            }
            numbers("subspace.low-rank-gaussian.scales", l.scales(), 0, true, MAX_SCALE, false);
        }
    }

    private void plane(String path, PlaneConfig p) {
        if (p == null) {
            if (!c.skipped(path)) {
                c.add(path, "must not be null");
            }
            return;
        }
        String anchors = path + ".anchors";
        if (p.anchors() == null) {
            if (!c.skipped(anchors)) {
                c.add(anchors, "must not be null");
            }
        } else if (p.anchors().size() != 3) {
            if (!c.skipped(anchors)) {
                c.add(anchors, "must be 3 distinct weight references (" + WeightRef.FORMS + "), got "
                        + p.anchors().size());
            }
        } else {
            for (int j = 0; j < 3; j++) {
                String at = anchors + "[" + j + "]";
                WeightRef r = p.anchors().get(j);
                if (!ref(at, r)) {
                    continue;
                }
                for (int k = 0; k < j; k++) {
                    if (r.equals(p.anchors().get(k))) {
                        c.add(at, "'" + r + "' is the same as anchors[" + k + "]; a plane needs 3 distinct anchors");
                        break;
                    }
                }
            }
        }
        c.intIn(path + ".grid", p.grid(), MIN_GRID, MAX_GRID);
        c.numberIn(path + ".margin", p.margin(), 0, false, MAX_MARGIN, false);
        trainSubset(path + ".trainSubset", p.trainSubset());
    }

    private void interpolation(InterpolationConfig in) {
        List<WeightPair> pairs = in.pairs();
        if (c.listSize("interpolation.pairs", pairs, MAX_PAIRS, "pair", "pairs")) {
            for (int i = 0; i < pairs.size(); i++) {
                String path = "interpolation.pairs[" + i + "]";
                WeightPair pair = pairs.get(i);
                if (pair == null) {
                    if (!c.skipped(path)) {
                        c.add(path, "must not be null");
                    }
                    continue;
                }
                boolean ok = ref(path + "[0]", pair.a()) & ref(path + "[1]", pair.b());
                if (!ok) {
                    continue;
                }
                if (pair.a().equals(pair.b())) {
                    c.add(path, "'" + pair.a() + "' and '" + pair.b() + "' are the same; a pair needs 2 distinct"
                            + " weight vectors");
                    continue;
                }
                for (int k = 0; k < i; k++) {
                    WeightPair other = pairs.get(k);
                    if (pair.equals(other) || new WeightPair(pair.b(), pair.a()).equals(other)) {
                        c.add(path, "is the same line as interpolation.pairs[" + k + "] (" + other + ")");
                        break;
                    }
                }
            }
        }
        c.intIn("interpolation.points", in.points(), MIN_POINTS, MAX_POINTS);
        c.numberIn("interpolation.margin", in.margin(), 0, false, MAX_MARGIN, false);
        trainSubset("interpolation.trainSubset", in.trainSubset());
    }

    /**
     * "between 3 and 101": the allowed range of an integer analysis key, as the messages word it, also for a value
     * too large for an int; list indices in {@code path} do not matter ({@code plane[2].grid}).
     */
    static String intBounds(String path) {
        return switch (path.replaceAll("\\[[0-9]+]", "[]")) {
            case "trajectory.every" -> "between 1 and train.epochs";
            case "trajectory.everySteps" -> "between 1 and " + MAX_CHECKPOINT_EVERY_STEPS;
            case "swa.start" -> "an epoch, between 1 and train.epochs";
            case "swa.rank" -> SWA_RANK_BOUNDS;
            case "subspace.around" -> "a member index, between 0 and train.members - 1";
            case "subspace.samples" -> "between 1 and " + MAX_SAMPLES;
            case "subspace.low-rank-gaussian.rank" -> "between 1 and " + MAX_SWAG_RANK;
            case "plane[].grid" -> "between " + MIN_GRID + " and " + MAX_GRID;
            case "plane[].trainSubset", "interpolation.trainSubset" ->
                    "between " + MIN_ANALYSIS_TRAIN_SUBSET + " and " + MAX_TRAIN_SUBSET;
            case "interpolation.points" -> "between " + MIN_POINTS + " and " + MAX_POINTS;
            case "shift.severities[]" -> "between 1 and 5";
            default -> throw new IllegalArgumentException("no integer bounds for " + path);
        };
    }

    private static final String SWA_RANK_BOUNDS =
            "between 0 and " + MAX_SWAG_RANK + " (SWAG deviation vectors; 0 = diagonal only)";

    // ---- pieces -------------------------------------------------------------------------------------

    /**
     * Whether the weights {@code r} names exist: its member, its key (swa, trajectory), its checkpoint's epoch.
     * Reports what does not; false also when {@code r} was already reported.
     */
    private boolean ref(String path, WeightRef r) {
        if (c.skipped(path)) {
            return false;
        }
        if (r == null) {
            c.add(path, "must not be null");
            return false;
        }
        if (r.kind() == Kind.ORIGIN) {
            return true;
        }
        if (r.member() < 0 || (members > 0 && r.member() >= members)) {
            c.add(path, "'" + r + "': member " + r.member() + " does not exist; train.members is "
                    + (members > 0 ? members : train.members()));
            return false;
        }
        if (r.kind() == Kind.SWA && a.swa() == null) {
            return missing(path, r, "swa", "swa: {start: N}");
        }
        if (r.kind() == Kind.CHECKPOINT) {
            if (a.trajectory() == null) {
                return missing(path, r, "trajectory", "trajectory: {every: 1}; only its checkpoints are kept");
            }
            if (kept != null && !kept.contains(r.epoch())) {
                String why = a.trajectory().everySteps() > 0
                        ? "trajectory.everySteps keeps checkpoints by step, so only the last epoch (" + epochs
                                + ") can be named"
                        : "the trajectory keeps epochs " + epochList();
                c.add(path, "'" + r + "' names epoch " + r.epoch() + ", which is not kept: " + why);
                return false;
            }
        }
        return true;
    }

    private boolean missing(String path, WeightRef r, String key, String example) {
        if (!c.skipped(key)) {
            c.add(path, "'" + r + "' needs the " + key + " key (" + example + ")");
        }
        return false;
    }

    /** Reports that {@code path} needs the {@code key} key, unless the key is there or was itself reported. */
    private void needs(String path, Object value, String key, String why) {
        if (value == null && !c.skipped(key)) {
            c.add(path, "needs the " + key + " key: " + why);
        }
    }

    private void trainSubset(String path, int n) {
        if (!c.intIn(path, n, MIN_ANALYSIS_TRAIN_SUBSET, MAX_TRAIN_SUBSET) || data == null
                || c.skipped("data.trainSubset")) {
            return;
        }
        if (data.trainSubset() > 0 && n > data.trainSubset()) {
            c.add(path, n + " is more than the training set (data.trainSubset = " + data.trainSubset() + ")");
        }
    }

    private void numbers(String path, List<Double> values, double lo, boolean loOpen, double hi, boolean hiOpen) {
        if (c.listSize(path, values, MAX_VALUES, "value", "values")) {
            c.entries(path, values, (p, v) -> c.numberIn(p, v, lo, loOpen, hi, hiOpen));
        }
    }

    private void names(String path, List<String> values, List<String> allowed) {
        if (values != null && !c.skipped(path)) {
            c.entries(path, values, (p, v) -> c.oneOf(p, v, allowed));
        }
    }

    private String epochList() {
        return kept.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
