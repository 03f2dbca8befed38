package dev.basin.activities.connectivity;

import dev.basin.activities.landscape.AnalysisRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** {@code fge}, {@code sse} and {@code budget}: ensembles of one training run's snapshots, and their cost. */
@ActivityInterface
public interface FastEnsembleActivity {
    /**
     * Fast geometric ensembling from a member's checkpoint: one snapshot per cycle, evaluated, and the
     * ensembles of the first k snapshots.
     *
     * @return the snapshots taken
     */
    @ActivityMethod
    int trainFge(AnalysisRequest request);

    /**
     * A snapshot ensemble trained from scratch: one snapshot per cycle, evaluated, and the ensembles of the
     * first k snapshots.
     *
     * @return the snapshots taken
     */
    @ActivityMethod
    int trainSse(AnalysisRequest request);

    /**
     * The budget table: independent members, SSE and FGE ensembles at 1B..max·B.
     *
     * @return the rows written
     */
    @ActivityMethod
    int evaluateBudget(AnalysisRequest request);
}
