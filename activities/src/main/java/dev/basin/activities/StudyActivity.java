package dev.basin.activities;

import dev.basin.db.PlannedStageRow;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Bookkeeping of the study and stage rows: cheap, runs on the workflow's own task queue. */
@ActivityInterface
public interface StudyActivity {
    @ActivityMethod
    void beginStudy(StudyRecord record);

    /** Records the study's stage graph, every stage {@code pending}; stages of an earlier, larger plan go. */
    @ActivityMethod
    void planStages(String study, List<PlannedStageRow> stages);

    /** Sets the study's status; a study that failed or was cancelled takes its still-running stages with it. */
    @ActivityMethod
    void finishStudy(String study, String status);
}
