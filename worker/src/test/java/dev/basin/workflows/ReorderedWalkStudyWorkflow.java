package dev.basin.workflows;

import dev.basin.activities.StudyActivity;
import dev.basin.activities.StudyRecord;
import dev.basin.plan.StageNode;
import dev.basin.plan.StagePlan;
import dev.basin.spec.StudySpec;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;

/**
 * A deliberately broken {@link StudyWorkflow}, for {@link StudyReplayTest}: the mistake of someone who
 * "reordered the walk" without a new {@code Workflow.getVersion}. It runs the same graph, every stage still
 * behind its parents, but visits the stages in another parents-first order (the latest-planned ready stage
 * first, as a priority-queue scheduler would), so the same stages' commands come in another order. A fresh
 * study would run correctly; a study recorded by {@link StudyWorkflowImpl} must not replay.
 */
public class ReorderedWalkStudyWorkflow implements StudyWorkflow {
    @Override
    public StudyResult run(StudyRequest request) {
        Workflow.getVersion(StudyWorkflowImpl.WALK_CHANGE, 1, 1);
        StudyActivity book = Workflow.newActivityStub(StudyActivity.class, StagePolicies.bookkeeping());
        PlanActivity planner = Workflow.newActivityStub(PlanActivity.class, StagePolicies.bookkeeping());
        PreparedStudy study = planner.prepare(request.specYaml());
        StudySpec spec = study.spec();
        book.beginStudy(new StudyRecord(spec.study(), study.normalisedSpec(), study.specHash(), spec.seed(),
                request.codeVersion(), study.runKey()));
        book.planStages(spec.study(), StudyWorkflowImpl.rows(study.plan()));
        PreparedStudy reordered = new PreparedStudy(spec, study.normalisedSpec(), study.specHash(), study.runKey(),
                study.engineVersion(), latestReadyFirst(study.plan()));
        StageWalk walk = new StageWalk(reordered, request.computeQueue());
        walk.start();
        Promise.allOf(walk.stages()).get();
        book.finishStudy(spec.study(), "completed");
        return walk.result();
    }

    /** The plan's nodes in a parents-first order that takes the latest-planned ready node each time. */
    static StagePlan latestReadyFirst(StagePlan plan) {
        LinkedList<StageNode> left = new LinkedList<>(plan.nodes());
        Set<String> placed = new HashSet<>();
        List<StageNode> order = new ArrayList<>();
        while (!left.isEmpty()) {
            var it = left.descendingIterator();
            while (it.hasNext()) {
                StageNode n = it.next();
                if (placed.containsAll(n.parents())) {
                    it.remove();
                    placed.add(n.name());
                    order.add(n);
                    break;
                }
            }
        }
        return new StagePlan(order);
    }
}
