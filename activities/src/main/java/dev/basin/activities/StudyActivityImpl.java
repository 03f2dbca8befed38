package dev.basin.activities;

import dev.basin.db.StudyRow;

/** Writes the study row: how it was produced, and how it ended. */
public final class StudyActivityImpl implements StudyActivity {
    private final WorkerContext context;

    public StudyActivityImpl(WorkerContext context) {
        this.context = context;
    }

    @Override
    public void beginStudy(StudyRecord r) {
        context.store().upsertStudy(StudyRow.running(r.study(), r.specYaml(), r.specHash(), r.seed(),
                r.codeVersion(), context.threads()));
    }

    @Override
    public void finishStudy(String study, String status) {
        context.store().setStatus(study, status);
    }
}
