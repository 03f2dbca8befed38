package dev.basin.worker;

import dev.basin.activities.EvaluateActivityImpl;
import dev.basin.activities.HeartbeatGaps;
import dev.basin.activities.StudyActivityImpl;
import dev.basin.activities.TrainActivityImpl;
import dev.basin.activities.WorkerContext;
import dev.basin.activities.basin.SingleBasinActivityImpl;
import dev.basin.activities.connectivity.CurveActivityImpl;
import dev.basin.activities.connectivity.FastEnsembleActivityImpl;

import dev.basin.activities.landscape.AnalysisEnsemblesActivityImpl;
import dev.basin.activities.landscape.InterpolationActivityImpl;
import dev.basin.activities.landscape.PlaneActivityImpl;
import dev.basin.activities.landscape.ShiftActivityImpl;
import dev.basin.activities.landscape.SimilarityActivityImpl;
import dev.basin.activities.landscape.SubspaceActivityImpl;
import dev.basin.activities.landscape.SwaActivityImpl;
import dev.basin.activities.landscape.TrajectoryActivityImpl;
import dev.basin.activities.landscape.TsneActivityImpl;
import dev.basin.engine.Engine;
import dev.basin.workflows.PlanActivityImpl;
import dev.basin.workflows.StudyWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Basin worker: the study workflow and its bookkeeping on the control queue, training and
 * evaluation on the compute queue (so GPU machines can poll only the latter).
 */
public final class BasinWorker {
    private BasinWorker() {}

    /** What this worker polls: either queue may be left out (null) to split control from compute. */
    public record Queues(String control, String compute, int computeSlots) {}

    public static WorkerFactory start(WorkflowClient client, WorkerContext context, Queues queues) {
        Engine.init(context.threads());
        // HeartbeatGaps logs each attempt's longest interval without a heartbeat
        WorkerFactory factory = WorkerFactory.newInstance(client,
                WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new HeartbeatGaps()).build());
        if (queues.control() != null) {
            var control = factory.newWorker(queues.control(), options(50));
            control.registerWorkflowImplementationTypes(StudyWorkflowImpl.class);
            control.registerActivitiesImplementations(new StudyActivityImpl(context), new PlanActivityImpl());
        }
        if (queues.compute() != null) {
            var compute = factory.newWorker(queues.compute(), options(queues.computeSlots()));
            compute.registerActivitiesImplementations(new TrainActivityImpl(context), new EvaluateActivityImpl(context));
            // the analysis stages, one activity per spec key (the stage plan says what runs after what)
            compute.registerActivitiesImplementations(new TrajectoryActivityImpl(context), new SwaActivityImpl(context),
                    new SubspaceActivityImpl(context), new SimilarityActivityImpl(context), new TsneActivityImpl(context),
                    new AnalysisEnsemblesActivityImpl(context), new PlaneActivityImpl(context),
                    new InterpolationActivityImpl(context), new ShiftActivityImpl(context),
                    new CurveActivityImpl(context), new FastEnsembleActivityImpl(context),
                    new SingleBasinActivityImpl(context));
        }
        factory.start();
        return factory;
    }

    /**
     * Stops polling and interrupts running activities; a training member notices at its next
     * progress report and stops, leaving its newest checkpoint to resume from.
     */
    public static void stop(WorkerFactory factory) {
        factory.shutdownNow();
        factory.awaitTermination(10, TimeUnit.SECONDS);
    }

    /**
     * Worker options measured in ENGINE-NOTES: without the sticky-queue timeout at zero, Temporal's
     * test server never hands a killed worker's workflow task to another worker; the heartbeat
     * throttle decides how stale the progress seen by a retried attempt can be.
     */
    private static WorkerOptions options(int activitySlots) {
        return WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(activitySlots)
                .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
                .setMaxHeartbeatThrottleInterval(Duration.ofSeconds(2))
                .setDefaultHeartbeatThrottleInterval(Duration.ofSeconds(1))
                .build();
    }
}
