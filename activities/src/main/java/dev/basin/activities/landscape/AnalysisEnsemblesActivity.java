package dev.basin.activities.landscape;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * {@code ensembles} beyond the deep ensemble: of SWA solutions, of subspace samples per method, and
 * Multi-SWAG. Each is the mean of its members' stored test-set softmax outputs, for sizes 1..n.
 */
@ActivityInterface
public interface AnalysisEnsemblesActivity {
    /** The members' SWA solutions, sizes 1..M (kind {@code swa}). */
    @ActivityMethod
    int evaluateSwaEnsembles(AnalysisRequest request);

    /** Per subspace method, its samples around the chosen member, sizes 1..S (kind {@code subspace/<method>}). */
    @ActivityMethod
    int evaluateSubspaceEnsembles(AnalysisRequest request);

    /** Every member's SWAG samples combined, sizes 1..M members (kind {@code multi-swag}). */
    @ActivityMethod
    int evaluateMultiSwagEnsembles(AnalysisRequest request);
}
