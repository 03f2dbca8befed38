package dev.basin.activities.basin;

import dev.basin.activities.landscape.AnalysisRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * {@code spawn}, {@code align}, {@code distill} and {@code barriers}: how good is an ensemble confined to one loss
 * basin (the questions of Lion et al. 2024)? Each method is one stage; the ones that train are durable like a
 * member (saved states, resumed by a retried attempt).
 */
@ActivityInterface
public interface SingleBasinActivity {
    /** Trains one child spawned from the parent's checkpoint to the parent's full budget; returns 1. */
    @ActivityMethod
    int trainChild(AnalysisRequest request);

    /** The ensembles of the children spawned at one epoch, sizes 1..children; returns the sizes. */
    @ActivityMethod
    int evaluateSpawnEnsembles(AnalysisRequest request);

    /** Aligns every other member to the reference member, with their merged midpoints; returns the members aligned. */
    @ActivityMethod
    int alignMembers(AnalysisRequest request);

    /** Computes and stores a teacher's softmax on the training set once; returns its rows. */
    @ActivityMethod
    int prepareTeacher(AnalysisRequest request);

    /** Trains and evaluates one distilled student; returns its epochs. */
    @ActivityMethod
    int trainStudent(AnalysisRequest request);

    /** The ensembles of one distill group's students; returns the sizes. */
    @ActivityMethod
    int evaluateStudentEnsembles(AnalysisRequest request);

    /** The barriers between every pair of one ensemble's models (and to its anchor); returns the pairs. */
    @ActivityMethod
    int measureBarriers(AnalysisRequest request);
}
