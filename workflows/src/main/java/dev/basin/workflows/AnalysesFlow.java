package dev.basin.workflows;

import dev.basin.activities.MemberResult;
import dev.basin.activities.landscape.AnalysisEnsemblesActivity;
import dev.basin.activities.landscape.AnalysisRequest;
import dev.basin.activities.landscape.InterpolationActivity;
import dev.basin.activities.landscape.PlaneActivity;
import dev.basin.activities.landscape.ShiftActivity;
import dev.basin.activities.landscape.SimilarityActivity;
import dev.basin.activities.landscape.SubspaceActivity;
import dev.basin.activities.landscape.SwaActivity;
import dev.basin.activities.landscape.TrajectoryActivity;
import dev.basin.activities.landscape.TsneActivity;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.EnsemblesConfig;
import dev.basin.engine.analysis.SamplingMethod;
import dev.basin.spec.StudySpec;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * The analysis stages of a study, in the order their inputs need, each stage one activity (or one per
 * member, method, plane row, pair or corruption, so that a grid spreads over workers):
 * <ol>
 *   <li>per member, as soon as it is trained: {@code trajectory} and {@code swa};</li>
 *   <li>when every member is done: {@code subspace} (one activity per method) and the per-member
 *       SWAG samples of Multi-SWAG;</li>
 *   <li>then, in parallel: {@code similarity}, {@code tsne}, the {@code ensembles} beyond the deep one,
 *       each {@code plane}'s projections, {@code interpolation} per pair, {@code shift} per corruption
 *       (after the SWA ensemble, which it scores);</li>
 *   <li>last, each plane's rows, in parallel.</li>
 * </ol>
 * Workflow code: deterministic, no I/O; activities find their inputs by natural key.
 */
final class AnalysesFlow {
    private final StudySpec spec;
    private final String runKey;
    private final AnalysesConfig a;
    private final TrajectoryActivity trajectory;
    private final SwaActivity swa;
    private final SubspaceActivity subspace;
    private final SimilarityActivity similarity;
    private final TsneActivity tsne;
    private final AnalysisEnsemblesActivity ensembles;
    private final PlaneActivity plane;
    private final InterpolationActivity interpolation;
    private final ShiftActivity shift;
    private final List<Promise<Integer>> perMember = new ArrayList<>();

    AnalysesFlow(StudySpec spec, String runKey, String computeQueue) {
        this.spec = spec;
        this.runKey = runKey;
        this.a = spec.analyses();
        ActivityOptions options = StagePolicies.analysis(computeQueue);
        this.trajectory = Workflow.newActivityStub(TrajectoryActivity.class, options);
        this.swa = Workflow.newActivityStub(SwaActivity.class, options);
        this.subspace = Workflow.newActivityStub(SubspaceActivity.class, options);
        this.similarity = Workflow.newActivityStub(SimilarityActivity.class, options);
        this.tsne = Workflow.newActivityStub(TsneActivity.class, options);
        this.ensembles = Workflow.newActivityStub(AnalysisEnsemblesActivity.class, options);
        this.plane = Workflow.newActivityStub(PlaneActivity.class, options);
        this.interpolation = Workflow.newActivityStub(InterpolationActivity.class, options);
        this.shift = Workflow.newActivityStub(ShiftActivity.class, options);
    }

    /** Schedules member {@code m}'s own analyses to start once it is trained. */
    void afterTraining(int m, Promise<MemberResult> trained) {
        if (a.trajectory() != null) {
            perMember.add(trained.thenCompose(r -> Async.function(trajectory::evaluateTrajectory, request(m))));
        }
        if (a.swa() != null) {
            perMember.add(trained.thenCompose(r -> Async.function(swa::averageWeights, request(m))));
        }
    }

    /** Runs the rest, once every member is trained and evaluated; blocks until every analysis is done. */
    void finish() {
        Promise.allOf(perMember).get();
        EnsemblesConfig e = a.ensemblesAsked();
        boolean multiSwag = e.multiSwag();

        List<Promise<Integer>> samples = new ArrayList<>();
        List<SamplingMethod> methods = SamplingMethod.asked(a.subspace());
        for (int i = 0; i < methods.size(); i++) {
            samples.add(Async.function(subspace::sampleSubspace, request(i)));
        }
        if (multiSwag) {
            for (int m = 0; m < spec.train().members(); m++) {
                samples.add(Async.function(subspace::sampleMultiSwag, request(m)));
            }
        }
        Promise.allOf(samples).get();

        List<Promise<Integer>> next = new ArrayList<>();
        if (a.similarity() != null) {
            next.add(Async.function(similarity::compareModels, request(0)));
        }
        if (a.tsne() != null) {
            next.add(Async.function(tsne::embedPredictions, request(0)));
        }
        Promise<Integer> swaEnsembles = null;
        if (e.swa()) {
            swaEnsembles = Async.function(ensembles::evaluateSwaEnsembles, request(0));
            next.add(swaEnsembles);
        }
        if (e.subspace()) {
            next.add(Async.function(ensembles::evaluateSubspaceEnsembles, request(0)));
        }
        if (multiSwag) {
            next.add(Async.function(ensembles::evaluateMultiSwagEnsembles, request(0)));
        }
        int planes = a.planes() == null ? 0 : a.planes().size();
        List<Promise<Integer>> projected = new ArrayList<>();
        for (int p = 0; p < planes; p++) {
            projected.add(Async.function(plane::projectOnPlane, request(p)));
        }
        if (a.interpolation() != null) {
            for (int i = 0; i < a.interpolation().pairs().size(); i++) {
                next.add(Async.function(interpolation::evaluateLine, request(i)));
            }
        }
        if (a.shift() != null) {
            // shift scores the SWA ensemble, so it waits for that ensemble's row
            for (int i = 0; i < a.shift().corruptions().size(); i++) {
                AnalysisRequest r = request(i);
                next.add(swaEnsembles == null ? Async.function(shift::evaluateShift, r)
                        : swaEnsembles.thenCompose(n -> Async.function(shift::evaluateShift, r)));
            }
        }
        for (int p = 0; p < planes; p++) {
            int index = p;
            for (int row = 0; row < a.planes().get(p).grid(); row++) {
                AnalysisRequest r = request(index).withRow(row);
                next.add(projected.get(p).thenCompose(n -> Async.function(plane::evaluatePlaneRow, r)));
            }
        }
        next.addAll(projected);
        Promise.allOf(next).get();
    }

    private AnalysisRequest request(int index) {
        return AnalysisRequest.of(spec.study(), runKey, spec.seed(), spec.data(), spec.model(), spec.train(), a, index);
    }
}
