package dev.basin.activities;

import dev.basin.db.PlannedStageRow;
import dev.basin.db.StageState;
import dev.basin.db.StudyRow;
import java.util.List;

/**
 * Writes the study row, how it was produced and how it ended, and the study's planned stages. A
 * database outage fails these like any stage's (see {@link Outages}), so they are retried with it.
 */
public final class StudyActivityImpl implements StudyActivity {
    private final WorkerContext context;

    public StudyActivityImpl(WorkerContext context) {
        this.context = context;
    }

    @Override
    public void beginStudy(StudyRecord r) {
        write(() -> context.store().upsertStudy(StudyRow.running(r.study(), r.specYaml(), r.specHash(), r.seed(),
                r.codeVersion(), context.threads(), r.runKey())));
    }

    @Override
    public void planStages(String study, List<PlannedStageRow> stages) {
        write(() -> context.store().stages().plan(study, stages));
    }

    @Override
    public void finishStudy(String study, String status) {
        write(() -> {
            context.store().setStatus(study, status);
            // Activities mark their own stage when they stop; this catches one whose worker died meanwhile.
            // The study's status (a text, as its workflow sends it) names the state its running stages end in.
            if (StageState.FAILED.text().equals(status) || StageState.CANCELLED.text().equals(status)) {
                context.store().stages().closeRunning(study, StageState.fromText(status));
            }
        });
    }

    private void write(Runnable rows) {
        try {
            rows.run();
            context.outages().postgresReachable();
        } catch (RuntimeException e) {
            throw context.outages().failure(e);
        }
    }
}
