package dev.basin.workflows;

import dev.basin.activities.EnsembleRequest;
import dev.basin.activities.EnsembleScore;
import dev.basin.activities.EvaluateActivity;
import dev.basin.activities.EvaluateRequest;
import dev.basin.activities.MemberResult;
import dev.basin.activities.MemberScore;
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
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans a study from its spec and runs its stages: {@code train} (one activity per member, all
 * scheduled at once so that as many run in parallel as there are worker slots), evaluation of each
 * member as soon as it is trained, then the deep ensembles of size 1..M.
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
        try {
            List<Promise<MemberResult>> trained = new ArrayList<>();
            List<Promise<MemberScore>> scored = new ArrayList<>();
            for (int m = 0; m < spec.train().members(); m++) {
                Promise<MemberResult> member = Async.function(trainer::train,
                        new TrainRequest(spec.study(), runKey, m, spec.seed(), spec.data(), spec.model(), spec.train()));
                trained.add(member);
                scored.add(member.thenCompose(result -> Async.function(evaluator::evaluateMember,
                        new EvaluateRequest(spec.study(), runKey, result, spec.data()))));
            }
            Promise.allOf(scored).get();
            List<MemberScore> members = scored.stream().map(Promise::get).toList();
            List<EnsembleScore> ensembles =
                    evaluator.evaluateEnsembles(new EnsembleRequest(spec.study(), runKey, members, spec.data()));
            book.finishStudy(spec.study(), "completed");
            return new StudyResult(spec.study(), runKey, trained.stream().map(Promise::get).toList(), members, ensembles);
        } catch (CanceledFailure e) {
            // The workflow's own scope is cancelled; record the outcome from a scope that is not.
            Workflow.newDetachedCancellationScope(() -> book.finishStudy(spec.study(), "cancelled")).run();
            throw e;
        } catch (TemporalFailure e) {
            book.finishStudy(spec.study(), "failed");
            throw e;
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
