package dev.basin.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Evaluation: predictions to S3, metrics to PostgreSQL. */
@ActivityInterface
public interface EvaluateActivity {
    @ActivityMethod
    MemberScore evaluateMember(EvaluateRequest request);

    @ActivityMethod
    List<EnsembleScore> evaluateEnsembles(EnsembleRequest request);
}
