package dev.basin.engine.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The landscape analyses a study asks for: one component per optional top-level spec key, {@code null} when the
 * key is absent (the stage is not asked for). Values only: bounds and cross-field rules live in the spec validator.
 *
 * @param trajectory    {@code trajectory}: which checkpoints each member keeps for analysis
 * @param similarity    {@code similarity}: weight cosine and prediction disagreement between kept models
 * @param tsne          {@code tsne}: 2D embedding of the kept models' test-set predictions
 * @param swa           {@code swa}: SWA averages and SWAG moments per member
 * @param subspace      {@code subspace}: samples around one member, by method
 * @param ensembles     {@code ensembles}: which ensembles are evaluated; {@code null} leaves the deep ensemble on
 *                      its own, as studies without the key always had
 * @param planes        {@code plane}: loss surfaces on 2D planes, in the order given; {@code null} when absent,
 *                      never empty
 * @param interpolation {@code interpolation}: loss and error along straight lines between pairs of models
 * @param shift         {@code shift}: evaluation on corrupted copies of the test set
 * @param curves        {@code curves}: trained curves between pairs of models; {@code null} when absent, never empty
 * @param fge           {@code fge}: fast geometric ensembling from a member's checkpoint
 * @param sse           {@code sse}: a snapshot ensemble trained from scratch
 * @param budget        {@code budget}: independent, SSE and FGE ensembles compared at equal training cost
 * @param spawn         {@code spawn}: children of one member's checkpoints, trained on with their own data order
 * @param align         {@code align}: the members permuted to match one member's weights
 * @param distill       {@code distill}: groups of students distilled inside one basin; {@code null} when absent,
 *                      never empty
 * @param barriers      {@code barriers}: how loss barriers within ensembles are measured
 */
public record AnalysesConfig(TrajectoryConfig trajectory, SimilarityConfig similarity, TsneConfig tsne,
                             SwaConfig swa, SubspaceConfig subspace, EnsemblesConfig ensembles,
                             List<PlaneConfig> planes, InterpolationConfig interpolation, ShiftConfig shift,
                             List<CurveConfig> curves, FgeConfig fge, SseConfig sse, BudgetConfig budget,
                             SpawnConfig spawn, AlignConfig align, List<DistillConfig> distill,
                             BarriersConfig barriers) {

    /** No analysis asked for: a study with none of the analysis keys. */
    public static final AnalysesConfig NONE = new AnalysesConfig(null, null, null, null, null, null, null, null, null);

    public AnalysesConfig {
        planes = copy(planes);
        curves = copy(curves);
        distill = copy(distill);
    }

    /** The landscape and connectivity analyses, without the single-basin keys. */
    public AnalysesConfig(TrajectoryConfig trajectory, SimilarityConfig similarity, TsneConfig tsne, SwaConfig swa,
                          SubspaceConfig subspace, EnsemblesConfig ensembles, List<PlaneConfig> planes,
                          InterpolationConfig interpolation, ShiftConfig shift, List<CurveConfig> curves,
                          FgeConfig fge, SseConfig sse, BudgetConfig budget) {
        this(trajectory, similarity, tsne, swa, subspace, ensembles, planes, interpolation, shift, curves, fge, sse,
                budget, null, null, null, null);
    }

    /** The landscape analyses alone, without curves, FGE, SSE or the budget table. */
    public AnalysesConfig(TrajectoryConfig trajectory, SimilarityConfig similarity, TsneConfig tsne, SwaConfig swa,
                          SubspaceConfig subspace, EnsemblesConfig ensembles, List<PlaneConfig> planes,
                          InterpolationConfig interpolation, ShiftConfig shift) {
        this(trajectory, similarity, tsne, swa, subspace, ensembles, planes, interpolation, shift, null, null, null,
                null, null, null, null, null);
    }

    /** Whether any single-basin key (spawn, align, distill) is given: their ensembles' barriers are measured. */
    public boolean singleBasin() {
        return spawn != null || align != null || distill != null;
    }

    /** The ensembles a study evaluates: as given, or without the key the deep ensemble only, as studies always had. */
    public EnsemblesConfig ensemblesAsked() {
        return ensembles != null ? ensembles : EnsemblesConfig.DEEP_ONLY;
    }

    /**
     * An unmodifiable copy that keeps null elements: a spec parsed with errors (or built by hand) holds nulls
     * where a value was unreadable, and the validator reports them by index.
     */
    static <T> List<T> copy(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
