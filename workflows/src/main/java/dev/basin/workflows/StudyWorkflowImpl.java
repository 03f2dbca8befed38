package dev.basin.workflows;

import dev.basin.activities.StudyActivity;
import dev.basin.activities.StudyRecord;
import dev.basin.db.PlannedStageRow;
import dev.basin.plan.StageNode;
import dev.basin.plan.StagePlan;
import dev.basin.spec.StudySpec;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a study as a graph of stages. The spec is parsed, the run key fixed and the graph built by a
 * recorded activity ({@link PlanActivity}), so that replay never re-plans with newer code; the graph is
 * recorded in the stage table (every stage {@code pending}); then {@link StageWalk} starts each stage as
 * soon as its parents are done. Activities move their stage on and reuse any result whose input key is
 * unchanged, so submitting a study again recomputes only what changed.
 *
 * <p>Upgrading a running study: the walk's commands depend only on the recorded plan and this class. A
 * change to the order or kind of commands issued here must go behind {@link Workflow#getVersion} under
 * {@link #WALK_CHANGE}, keeping the old path for histories recorded before it; {@code StudyReplayTest}
 * replays recorded histories and fails when a change would break a running study.
 */
public class StudyWorkflowImpl implements StudyWorkflow {
    /** The change id of the walk's versions: 1 is the stage-graph walk. */
    static final String WALK_CHANGE = "stage-graph-walk";

    @Override
    public StudyResult run(StudyRequest request) {
        Workflow.getVersion(WALK_CHANGE, 1, 1);
        StudyActivity book = Workflow.newActivityStub(StudyActivity.class, StagePolicies.bookkeeping());
        PreparedStudy study = prepared(request.specYaml());
        StudySpec spec = study.spec();
        book.beginStudy(new StudyRecord(spec.study(), study.normalisedSpec(), study.specHash(), spec.seed(),
                request.codeVersion(), study.runKey()));
        List<Promise<Object>> stages = List.of();
        try {
            book.planStages(spec.study(), rows(study.plan()));
            StageWalk walk = new StageWalk(study, request.computeQueue());
            walk.start();
            stages = walk.stages();
            Promise.allOf(stages).get();
            book.finishStudy(spec.study(), "completed");
            return walk.result();
        } catch (TemporalFailure e) {
            if (!CancellationScope.current().isCancelRequested()) {
                try {
                    book.finishStudy(spec.study(), "failed");
                } catch (ActivityFailure unrecorded) {
                    // the database may be what failed the study: its cause is the one to report
                    e.addSuppressed(unrecorded);
                }
                throw e;
            }
            // Cancelled. The first activity to acknowledge ends allOf; wait for the others too (they
            // stop at their next heartbeat), so that every stage row is final, then record the outcome
            // from a scope that is not cancelled itself.
            List<Promise<Object>> running = stages;
            Workflow.newDetachedCancellationScope(() -> {
                settle(running);
                book.finishStudy(spec.study(), "cancelled");
            }).run();
            // Only a CanceledFailure ends the workflow as cancelled rather than failed.
            throw e instanceof CanceledFailure c ? c : new CanceledFailure("study " + spec.study() + " was cancelled");
        }
    }

    /** The plan as the stage table records it. */
    static List<PlannedStageRow> rows(StagePlan plan) {
        List<PlannedStageRow> rows = new ArrayList<>();
        for (StageNode n : plan.nodes()) {
            rows.add(PlannedStageRow.of(n.name(), rows.size(), n.inputKey(), n.activity().text(), n.subject().text(),
                    n.parents(), n.inputs()));
        }
        return rows;
    }

    /** Waits until every promise has completed, whatever the outcome. */
    private static void settle(List<? extends Promise<?>> promises) {
        for (Promise<?> p : promises) {
            try {
                p.get();
            } catch (TemporalFailure ignored) {
                // a cancelled or failed stage: its own row says which
            }
        }
    }

    /**
     * The same validation the CLI ran, by the recorded planning activity; a study started by any other client
     * with an invalid spec fails here, naming every problem, before any stage is recorded.
     */
    private static PreparedStudy prepared(String yaml) {
        PlanActivity planner = Workflow.newActivityStub(PlanActivity.class, StagePolicies.bookkeeping());
        try {
            return planner.prepare(yaml);
        } catch (ActivityFailure e) {
            if (e.getCause() instanceof ApplicationFailure f && "InvalidSpec".equals(f.getType())) {
                throw ApplicationFailure.newNonRetryableFailure(f.getOriginalMessage(), "InvalidSpec");
            }
            throw e;
        }
    }
}
