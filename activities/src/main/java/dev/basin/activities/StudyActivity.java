package dev.basin.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Bookkeeping of the study and stage rows: cheap, runs on the workflow's own task queue. */
@ActivityInterface
public interface StudyActivity {
    @ActivityMethod
    void beginStudy(StudyRecord record);

    /** Records every stage the study will run as {@code pending}; stages of an earlier, larger plan go. */
    @ActivityMethod
    void planStages(String study, List<PlannedStage> stages);

    /** Sets the study's status; a study that failed or was cancelled takes its still-running stages with it. */
    @ActivityMethod
    void finishStudy(String study, String status);
}
