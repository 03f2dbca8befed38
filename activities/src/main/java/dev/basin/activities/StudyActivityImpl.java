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
    context.store().upsertStudy(new StudyRow(r.study(), r.specYaml(), r.specHash(), r.seed(), "running",
        r.codeVersion(), context.threads(), null, null, null));
  }

  @Override
  public void finishStudy(String study, String status) {
    context.store().setStatus(study, status);
  }
}
