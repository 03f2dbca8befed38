package dev.basin.activities;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Bookkeeping of the study row: cheap, runs on the workflow's own task queue. */
@ActivityInterface
public interface StudyActivity {
    @ActivityMethod
    void beginStudy(StudyRecord record);

    @ActivityMethod
    void finishStudy(String study, String status);
}
