package dev.basin.activities.landscape;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** {@code subspace}: samples around a member, and around every member for Multi-SWAG. */
@ActivityInterface
public interface SubspaceActivity {
    /**
     * Draws and evaluates the samples of the stage's method (its subject) around member {@code subspace.around}.
     * For each sample: accuracy, disagreement with the baseline and diversity; the same for every other member
     * (method {@code member}) when the subject says so, once per study.
     *
     * @return how many samples were evaluated
     */
    @ActivityMethod
    int sampleSubspace(AnalysisRequest request);

    /**
     * SWAG samples around the stage's member for the Multi-SWAG ensemble: {@code subspace.samples}
     * low-rank (or, with {@code swa.rank} 0, diagonal) SWAG samples at scale 1, evaluated.
     *
     * @return how many samples were evaluated
     */
    @ActivityMethod
    int sampleMultiSwag(AnalysisRequest request);
}
