package dev.basin.workflows;

import dev.basin.activities.EnsembleRequest;
import dev.basin.activities.EnsembleScore;
import dev.basin.activities.EvaluateActivity;
import dev.basin.activities.EvaluateRequest;
import dev.basin.activities.MemberResult;
import dev.basin.activities.MemberScore;
import dev.basin.activities.PlannedStage;
import dev.basin.activities.Stages;
import dev.basin.activities.landscape.LandscapeStages;
import dev.basin.activities.landscape.Trajectories;
import dev.basin.engine.TrainConfig;
import dev.basin.activities.StudyActivity;
import dev.basin.activities.StudyRecord;
import dev.basin.activities.TrainActivity;
import dev.basin.activities.TrainRequest;
import dev.basin.engine.EngineVersion;
import dev.basin.spec.SpecException;
import dev.basin.spec.SpecHash;
import dev.basin.spec.SpecParser;
import dev.basin.spec.SpecPrinter;
import dev.basin.spec.StudySpec;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans a study from its spec and runs its stages: {@code train} (one activity per member, all
 * scheduled at once so that as many run in parallel as there are worker slots), evaluation of each
 * member as soon as it is trained, then the deep ensembles of size 1..M, and the analyses the spec
 * asks for ({@link AnalysesFlow}). Every stage is recorded as
 * {@code pending} up front; the activities move it on, and reuse any result whose input key is
 * unchanged, so submitting a study again recomputes only what changed.
 *
 * <p>Workflow code stays deterministic: it parses text and passes keys and small numbers; every
 * tensor and every row is written by an activity.
 */
public class StudyWorkflowImpl implements StudyWorkflow {

    @Override
    public StudyResult run(StudyRequest request) {
        StudySpec spec = validated(request.specYaml());
        String runKey = SpecHash.runKey(spec, EngineVersion.ID);
        StudyActivity book = Workflow.newActivityStub(StudyActivity.class, StagePolicies.bookkeeping());
        TrainActivity trainer = Workflow.newActivityStub(TrainActivity.class, StagePolicies.train(request.computeQueue()));
        EvaluateActivity evaluator =
                Workflow.newActivityStub(EvaluateActivity.class, StagePolicies.evaluate(request.computeQueue()));

        book.beginStudy(new StudyRecord(spec.study(), SpecPrinter.print(spec), SpecHash.of(spec), spec.seed(),
                request.codeVersion()));
        List<Promise<MemberScore>> scored = new ArrayList<>();
        try {
            boolean deep = spec.analyses().ensemblesAsked().deep();
            List<PlannedStage> planned = new ArrayList<>(Stages.plan(runKey, spec.train().members()));
            if (!deep) {
                planned.removeIf(s -> s.stage().equals(Stages.ENSEMBLES));
            }
            planned.addAll(LandscapeStages.plan(runKey, spec.train().members(), spec.analyses()));
            book.planStages(spec.study(), planned);
            AnalysesFlow analyses = new AnalysesFlow(spec, runKey, request.computeQueue());
            TrainConfig train = Trajectories.trainConfig(spec.train(), spec.analyses());
            List<Promise<MemberResult>> trained = new ArrayList<>();
            for (int m = 0; m < spec.train().members(); m++) {
                Promise<MemberResult> member = Async.function(trainer::train,
                        new TrainRequest(spec.study(), runKey, m, spec.seed(), spec.data(), spec.model(), train));
                trained.add(member);
                analyses.afterTraining(m, member);
                scored.add(member.thenCompose(result -> Async.function(evaluator::evaluateMember,
                        new EvaluateRequest(spec.study(), runKey, result, spec.data()))));
            }
            Promise.allOf(scored).get();
            List<MemberScore> members = scored.stream().map(Promise::get).toList();
            List<EnsembleScore> ensembles = deep
                    ? evaluator.evaluateEnsembles(new EnsembleRequest(spec.study(), runKey, members, spec.data()))
                    : List.of();
            analyses.finish();
            book.finishStudy(spec.study(), "completed");
            return new StudyResult(spec.study(), runKey, trained.stream().map(Promise::get).toList(), members, ensembles);
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
            Workflow.newDetachedCancellationScope(() -> {
                settle(scored);
                book.finishStudy(spec.study(), "cancelled");
            }).run();
            // Only a CanceledFailure ends the workflow as cancelled rather than failed.
            throw e instanceof CanceledFailure c ? c : new CanceledFailure("study " + spec.study() + " was cancelled");
        }
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

    /** The same validation the CLI ran; a study started by any other client fails fast here. */
    private static StudySpec validated(String yaml) {
        try {
            return SpecParser.parse(yaml);
        } catch (SpecException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "InvalidSpec");
        }
    }
}
