package dev.basin.activities;

import dev.basin.db.StageRow;
import dev.basin.db.StudyRow;
import java.util.List;

/** Writes the study row, how it was produced and how it ended, and the study's planned stages. */
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
    public void planStages(String study, List<PlannedStage> stages) {
        context.store().stages().plan(study, stages.stream()
                .map(s -> StageRow.pending(study, s.stage(), s.inputKey())).toList());
    }

    @Override
    public void finishStudy(String study, String status) {
        context.store().setStatus(study, status);
        // Activities mark their own stage when they stop; this catches one whose worker died meanwhile.
        if (StageRow.FAILED.equals(status) || StageRow.CANCELLED.equals(status)) {
            context.store().stages().closeRunning(study, status);
        }
    }
}
