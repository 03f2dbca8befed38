package dev.basin.workflows;

import dev.basin.activities.EnsembleRequest;
import dev.basin.activities.EnsembleScore;
import dev.basin.activities.EvaluateActivity;
import dev.basin.activities.EvaluateRequest;
import dev.basin.activities.MemberResult;
import dev.basin.activities.MemberScore;
import dev.basin.activities.StageTask;
import dev.basin.activities.TrainActivity;
import dev.basin.activities.TrainRequest;
import dev.basin.activities.landscape.AnalysisRequest;
import dev.basin.engine.TrainConfig;
import dev.basin.plan.CheckpointCadence;
import dev.basin.plan.StageActivity;
import dev.basin.plan.StageNode;
import dev.basin.plan.StagePlan;
import dev.basin.spec.StudySpec;
import io.temporal.workflow.ActivityStub;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a study's stage graph: every node starts as soon as its own parents are done, with no phase
 * barriers, so a plane's grid rows run while samples are still being drawn. Nodes are visited in plan
 * order, so the commands a walk issues are the same on every replay.
 *
 * <p>Training, evaluation and the deep ensembles pass their results on (an evaluation gets its member's
 * weights, the deep ensemble every member's predictions); every analysis finds its inputs by natural key
 * and is called by its activity type through one untyped stub, so a new analysis needs no code here.
 */
final class StageWalk {
    private final PreparedStudy study;
    private final StagePlan plan;
    private final TrainConfig train;
    private final TrainActivity trainer;
    private final EvaluateActivity evaluator;
    private final ActivityStub analyses;
    /** The analyses that train (a curve's bend, FGE, SSE): a member's timeouts, so a killed worker costs as little. */
    private final ActivityStub trainings;
    private final Map<String, Promise<Object>> started = new LinkedHashMap<>();

    StageWalk(PreparedStudy study, String computeQueue) {
        this.study = study;
        this.plan = study.plan();
        StudySpec spec = study.spec();
        this.train = CheckpointCadence.trainConfig(spec.train(), spec.analyses());
        this.trainer = Workflow.newActivityStub(TrainActivity.class, StagePolicies.train(computeQueue));
        this.evaluator = Workflow.newActivityStub(EvaluateActivity.class, StagePolicies.evaluate(computeQueue));
        this.analyses = Workflow.newUntypedActivityStub(StagePolicies.analysis(computeQueue));
        this.trainings = Workflow.newUntypedActivityStub(StagePolicies.train(computeQueue));
    }

    /** Starts every stage, each behind its parents; returns at once. */
    void start() {
        for (StageNode node : plan.nodes()) {
            List<Promise<Object>> parents = node.parents().stream().map(started::get).toList();
            Promise<Object> ready = parents.isEmpty() ? Workflow.newPromise(null)
                    : Promise.allOf(parents).thenApply(done -> null);
            started.put(node.name(), ready.thenCompose(done -> call(node)));
        }
    }

    /** Every stage's promise, in plan order. */
    List<Promise<Object>> stages() {
        return List.copyOf(started.values());
    }

    /** What the study returns, once every stage is done. */
    StudyResult result() {
        List<MemberResult> trained = new ArrayList<>();
        List<MemberScore> scored = new ArrayList<>();
        List<EnsembleScore> ensembles = new ArrayList<>();
        for (StageNode node : plan.nodes()) {
            Object r = started.get(node.name()).get();
            switch (node.activity()) {
                case TRAIN -> trained.add((MemberResult) r);
                case EVALUATE -> scored.add((MemberScore) r);
                case DEEP_ENSEMBLES -> ((List<?>) r).forEach(e -> ensembles.add((EnsembleScore) e));
                default -> { }
            }
        }
        return new StudyResult(study.spec().study(), study.runKey(), trained, scored, ensembles);
    }

    private Promise<Object> call(StageNode node) {
        StudySpec spec = study.spec();
        StageTask task = plan.task(node);
        String name = spec.study();
        String runKey = study.runKey();
        return switch (node.activity()) {
            case TRAIN -> Async.function(trainer::train, new TrainRequest(name, runKey, task, spec.seed(), spec.data(),
                    spec.model(), train)).thenApply(r -> r);
            case EVALUATE -> Async.function(evaluator::evaluateMember, new EvaluateRequest(name, runKey, task,
                    (MemberResult) parentResult(node, 0), spec.data())).thenApply(r -> r);
            case DEEP_ENSEMBLES -> {
                List<MemberScore> members = new ArrayList<>();
                for (int p = 0; p < node.parents().size(); p++) {
                    members.add((MemberScore) parentResult(node, p));
                }
                yield Async.function(evaluator::evaluateEnsembles, new EnsembleRequest(name, runKey, task, members,
                        spec.data(), spec.seed())).thenApply(r -> r);
            }
            default -> (node.activity().policy() == StageActivity.Policy.TRAIN ? trainings : analyses)
                    .executeAsync(node.activity().type(), Integer.class, new AnalysisRequest(name, runKey,
                    spec.seed(), spec.data(), spec.model(), spec.train(), spec.analyses(), task)).thenApply(r -> r);
        };
    }

    /** The result of the node's {@code index}-th parent, which is done by the time the node starts. */
    private Object parentResult(StageNode node, int index) {
        return started.get(node.parents().get(index)).get();
    }
}
