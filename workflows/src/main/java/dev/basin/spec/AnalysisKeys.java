package dev.basin.spec;

import static dev.basin.spec.Key.key;
import static dev.basin.spec.SpecKeys.MAX_CHECKPOINT_EVERY_STEPS;
import static dev.basin.spec.SpecKeys.MAX_EPOCHS;
import static dev.basin.spec.SpecRules.CORRUPTIONS;
import static dev.basin.spec.SpecRules.SEVERITIES;
import static dev.basin.spec.SpecRules.SIMILARITY_SCOPES;
import static dev.basin.spec.SpecRules.defaultSwaStart;
import static dev.basin.spec.SpecRules.defaultSwagRank;
import static dev.basin.spec.SpecRules.keptEpochs;

import dev.basin.engine.TrainConfig;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.EnsemblesConfig;
import dev.basin.engine.analysis.ShiftConfig;
import dev.basin.engine.analysis.SimilarityConfig;
import dev.basin.engine.analysis.SwaConfig;
import dev.basin.engine.analysis.TrajectoryConfig;
import dev.basin.engine.analysis.TsneConfig;
import dev.basin.engine.tsne.TsneSample;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The declarations of the analysis keys, the optional top-level keys {@code trajectory ... shift}: each is absent
 * when not asked for, and {@code {}} asks for it with every default. {@code subspace} is {@link SubspaceKeys}',
 * {@code plane} and {@code interpolation} {@link PlaneKeys}', {@code curves}, {@code budget}, {@code fge} and
 * {@code sse} {@link ConnectivityKeys}', {@code spawn}, {@code align}, {@code distill} and {@code barriers}
 * {@link SingleBasinKeys}'. Immutable after class initialisation.
 */
final class AnalysisKeys {

    private AnalysisKeys() {}

    static final int MAX_SWAG_RANK = 64;

    static final Block<TrajectoryConfig> TRAJECTORY = new Block<>("trajectory", TrajectoryConfig.class,
            "which checkpoints each member keeps for analysis; every epoch's end by default").optional()
            .key(key("every", Type.integer(1, MAX_EPOCHS, "between 1 and train.epochs"), TrajectoryConfig::every,
                    "keep the end of every k-th epoch, and the last")
                    // Unreadable values fall back to valid ones of the same mode, so that nothing else is reported.
                    .dflt("1 (0 with everySteps)", v -> v.given("everySteps") ? 0 : 1)
                    .printIf(t -> t.every() != 0 || t.everySteps() == 0)
                    // Checked by the block's rule below, with everySteps: the two depend on each other.
                    .check((c, p, t) -> true, "between 1 and train.epochs; not with everySteps"))
            .key(key("everySteps", Type.integer(1, MAX_CHECKPOINT_EVERY_STEPS), TrajectoryConfig::everySteps,
                    "keep a checkpoint every this many global steps instead").dflt(0).fallback(1)
                    .printIf(t -> t.everySteps() != 0)
                    .check((c, p, t) -> true, "between 1 and " + MAX_CHECKPOINT_EVERY_STEPS + "; not with every"))
            .rule(AnalysisKeys::trajectory)
            .printOrder("everySteps", "every")
            .build(v -> new TrajectoryConfig(v.i("every"), v.i("everySteps")));

    /** Also written {@code similarity: true} (every scope) or {@code false} (not asked for): {@link SpecParser}. */
    static final Block<SimilarityConfig> SIMILARITY = new Block<>("similarity", SimilarityConfig.class,
            "weight cosine and prediction disagreement between kept models; true for every scope").optional()
            .rule((c, p, s) -> List.of("members").equals(s.scopes()) || c.needs(p, c.spec.analyses().trajectory(),
                    "trajectory", "similarity compares the trajectory's kept checkpoints (only scopes: [members]"
                            + " compares the final weights alone)"))
            .key(key("scopes", Type.names(SIMILARITY_SCOPES, "scope", "scopes"), SimilarityConfig::scopes,
                    "pairs within one trajectory, between the members' final weights, across all checkpoints")
                    .dflt(SIMILARITY_SCOPES))
            .build(v -> new SimilarityConfig(v.get("scopes")));

    static final Block<TsneConfig> TSNE = new Block<>("tsne", TsneConfig.class,
            "exact t-SNE of the test predictions of every kept checkpoint and subspace sample, at most maxPoints of them")
            .optional()
            .rule((c, p, t) -> c.needs(p, c.spec.analyses().trajectory(), "trajectory",
                    "t-SNE embeds the predictions of the kept checkpoints"))
            .key(key("perplexity", Type.number(2.0, false, 100.0, false), TsneConfig::perplexity,
                    "the effective number of neighbours").dflt(30.0))
            .key(key("seed", Type.longInteger(), TsneConfig::seed, "the embedding's random seed")
                    .dflt("the study's seed", v -> v.root().get("seed")))
            // Printed only when given, so that a study without it keeps its t-SNE stage's input key.
            .key(key("maxPoints", Type.integer(4, TsneSample.MAX_POINTS), TsneConfig::maxPoints,
                    "embed at most this many models, a sample drawn from the seed when there are more (exact"
                            + " t-SNE holds 24·n² bytes)").dflt(TsneSample.DEFAULT_MAX_POINTS)
                    .printIf(t -> t.maxPoints() != TsneSample.DEFAULT_MAX_POINTS))
            .build(v -> new TsneConfig(v.d("perplexity"), v.<Long>get("seed"), v.i("maxPoints")));

    private static final String SWA_RANK_BOUNDS =
            "between 0 and " + MAX_SWAG_RANK + " (SWAG deviation vectors; 0 = diagonal only)";

    static final Block<SwaConfig> SWA = new Block<>("swa", SwaConfig.class,
            "SWA (mean of end-of-epoch weights from start on) and SWAG moments per member").optional()
            .key(key("start", Type.integer(1, MAX_EPOCHS, "an epoch, between 1 and train.epochs"), SwaConfig::start,
                    "the first averaged epoch")
                    .dflt("the epoch after the first 3/4 of training", v -> defaultSwaStart(epochs(v)))
                    .check(AnalysisKeys::swaStart, "an epoch, between 1 and train.epochs"))
            .key(key("rank", Type.integer(0, MAX_SWAG_RANK, SWA_RANK_BOUNDS), SwaConfig::rank,
                    "SWAG's last deviation vectors kept (K); at most the averaged epochs")
                    .dflt("10, or the averaged epochs when fewer", v -> defaultSwagRank(epochs(v), v.i("start")))
                    .then(AnalysisKeys::swagRankFits))
            .build(v -> new SwaConfig(v.i("start"), v.i("rank")));

    static final Block<EnsemblesConfig> ENSEMBLES = new Block<>("ensembles", EnsemblesConfig.class,
            "which ensembles are evaluated by size; without the key, the deep ensemble alone").optional()
            .key(key("deep", Type.bool(), EnsemblesConfig::deep, "the members' final weights").dflt(true))
            .key(key("swa", Type.bool(), EnsemblesConfig::swa, "the members' SWA solutions").dflt(false)
                    .then(needsIfAsked(EnsemblesConfig::swa, AnalysesConfig::swa, "swa",
                            "it is the ensemble of the members' SWA solutions")))
            .key(key("subspace", Type.bool(), EnsemblesConfig::subspace, "the subspace samples, per method")
                    .dflt(false).then(needsIfAsked(EnsemblesConfig::subspace, AnalysesConfig::subspace, "subspace",
                            "it ensembles the subspace samples")))
            .key(key("multiSwag", Type.bool(), EnsemblesConfig::multiSwag, "samples of every member's SWAG posterior")
                    .dflt(false).then(needsIfAsked(EnsemblesConfig::multiSwag, AnalysesConfig::swa, "swa",
                            "it samples every member's SWAG posterior")))
            .build(v -> new EnsemblesConfig(v.b("deep"), v.b("swa"), v.b("subspace"), v.b("multiSwag")));

    static final Block<ShiftConfig> SHIFT = new Block<>("shift", ShiftConfig.class,
            "every model and ensemble on corrupted test sets, generated from the seed").optional()
            .key(key("corruptions", Type.names(CORRUPTIONS, "corruption", "corruptions"), ShiftConfig::corruptions,
                    "which corruptions").dflt(CORRUPTIONS))
            .key(key("severities", Type.integers(1, 5, "severity", "severities"), ShiftConfig::severities,
                    "which severities").dflt(SEVERITIES))
            .build(v -> new ShiftConfig(v.get("corruptions"), v.get("severities")));

    /** The analysis keys, in the order they are read, checked and printed. */
    static final Block<AnalysesConfig> ANALYSES = new Block<>("", AnalysesConfig.class, "the analyses asked for")
            .key(key("trajectory", TRAJECTORY.type(), AnalysesConfig::trajectory, TRAJECTORY.doc))
            .key(key("similarity", SIMILARITY.type(), AnalysesConfig::similarity, SIMILARITY.doc))
            .key(key("tsne", TSNE.type(), AnalysesConfig::tsne, TSNE.doc))
            .key(key("swa", SWA.type(), AnalysesConfig::swa, SWA.doc))
            .key(key("subspace", SubspaceKeys.SUBSPACE.type(), AnalysesConfig::subspace, SubspaceKeys.SUBSPACE.doc))
            .key(key("ensembles", ENSEMBLES.type(), AnalysesConfig::ensembles, ENSEMBLES.doc))
            .key(key("plane", PlaneKeys.PLANE.listType("a list of planes, each a map with keys "
                    + String.join(", ", PlaneKeys.PLANE.names()) + ", e.g. plane: [{anchors: [final:0, final:1,"
                    + " final:2]}]", PlaneKeys.MAX_PLANES, "plane", "planes"), AnalysesConfig::planes,
                    PlaneKeys.PLANE.doc))
            .key(key("interpolation", PlaneKeys.INTERPOLATION.type(), AnalysesConfig::interpolation,
                    PlaneKeys.INTERPOLATION.doc))
            .key(key("curves", ConnectivityKeys.CURVES, AnalysesConfig::curves, ConnectivityKeys.CURVE.doc)
                    .then(ConnectivityKeys::distinctCurves))
            // Before fge and sse: their defaults read budget.max.
            .key(key("budget", ConnectivityKeys.BUDGET.type(), AnalysesConfig::budget, ConnectivityKeys.BUDGET.doc))
            .key(key("fge", ConnectivityKeys.FGE.type(), AnalysesConfig::fge, ConnectivityKeys.FGE.doc))
            .key(key("sse", ConnectivityKeys.SSE.type(), AnalysesConfig::sse, ConnectivityKeys.SSE.doc))
            .key(key("spawn", SingleBasinKeys.SPAWN.type(), AnalysesConfig::spawn, SingleBasinKeys.SPAWN.doc))
            .key(key("align", SingleBasinKeys.ALIGN.type(), AnalysesConfig::align, SingleBasinKeys.ALIGN.doc))
            .key(key("distill", SingleBasinKeys.DISTILLS, AnalysesConfig::distill, SingleBasinKeys.DISTILL.doc)
                    .then(SingleBasinKeys::distinctDistillations))
            // After spawn, align and distill: its default lists their ensembles.
            .key(key("barriers", SingleBasinKeys.BARRIERS.type(), AnalysesConfig::barriers,
                    SingleBasinKeys.BARRIERS.doc))
            .key(key("shift", SHIFT.type(), AnalysesConfig::shift, SHIFT.doc))
            .build(v -> new AnalysesConfig(v.get("trajectory"), v.get("similarity"), v.get("tsne"), v.get("swa"),
                    v.get("subspace"), v.get("ensembles"), v.get("plane"), v.get("interpolation"), v.get("shift"),
                    v.get("curves"), v.get("fge"), v.get("sse"), v.get("budget"), v.get("spawn"), v.get("align"),
                    v.get("distill"), v.get("barriers")));

    // ---- rules ---------------------------------------------------------------------------------------

    private static int epochs(Values v) {
        return v.root().<TrainConfig>get("train").epochs();
    }

    /** every or everySteps, not both; the kept epochs are known once the one given is valid. */
    private static boolean trajectory(Checks c, String path, TrajectoryConfig t) {
        if (t.every() != 0 && t.everySteps() != 0) {
            if (!c.skipped(path + ".every") && !c.skipped(path + ".everySteps")) {
                c.add(path + ".everySteps", "give trajectory.every (epochs) or trajectory.everySteps (steps), not"
                        + " both; got every " + t.every() + " and everySteps " + t.everySteps());
            }
            return false;
        }
        int epochs = c.epochs();
        boolean ok;
        if (t.everySteps() != 0) {
            ok = c.intIn(path + ".everySteps", t.everySteps(), 1, MAX_CHECKPOINT_EVERY_STEPS);
        } else {
            ok = c.intIn(path + ".every", t.every(), 1, epochs > 0 ? epochs : MAX_EPOCHS,
                    "between 1 and train.epochs (" + (epochs > 0 ? epochs : "?") + ")");
        }
        if (ok && epochs > 0) {
            c.kept = keptEpochs(t, epochs);
        }
        return ok;
    }

    /** True only when the start is valid and the epochs known, so that swa.rank can be compared with them. */
    private static boolean swaStart(Checks c, String path, SwaConfig s) {
        if (c.skipped(path)) {
            return false;
        }
        if (s.start() < 1) {
            c.add(path, "must be an epoch, 1 or later, got " + s.start());
        } else if (c.epochs() > 0 && s.start() > c.epochs()) {
            c.add(path, s.start() + " is after the last epoch (train.epochs = " + c.epochs() + ")");
        } else {
            return c.epochs() > 0;
        }
        return false;
    }

    private static boolean swagRankFits(Checks c, String path, SwaConfig s) {
        int epochs = c.epochs();
        if (!c.passed("swa.start") || s.rank() <= epochs - s.start() + 1) {
            return true;
        }
        c.add(path, s.rank() + " deviation vectors need " + s.rank() + " averaged epochs; epochs " + s.start()
                + " to " + epochs + " give " + (epochs - s.start() + 1) + " (lower swa.rank or an earlier"
                + " swa.start)");
        return false;
    }

    /** An ensemble asked for needs the analysis whose models it ensembles. */
    private static Key.Rule<EnsemblesConfig> needsIfAsked(Predicate<EnsemblesConfig> asked,
            Function<AnalysesConfig, Object> needed, String key, String why) {
        return (c, p, e) -> !asked.test(e) || c.needs(p, needed.apply(c.spec.analyses()), key, why);
    }
}
