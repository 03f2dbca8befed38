package dev.basin.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The workflow validates the spec again itself: a study submitted by any client other than the CLI
 * fails fast, without retrying, in its planning activity and before any stage or study row is written
 * (no other activity is registered here: one called would leave the workflow waiting, not failed).
 */
class StudyWorkflowImplTest {
    private TestWorkflowEnvironment env;

    @BeforeEach
    void start() {
        env = TestWorkflowEnvironment.newInstance();
        Worker worker = env.newWorker("basin");
        worker.registerWorkflowImplementationTypes(StudyWorkflowImpl.class);
        worker.registerActivitiesImplementations(new PlanActivityImpl());
        env.start();
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void anInvalidSpecFailsTheWorkflowAtOnceWithEveryProblem() {
        StudyWorkflow workflow = env.getWorkflowClient().newWorkflowStub(StudyWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue("basin").setWorkflowId("study-bad").build());
        var e = assertThrows(WorkflowFailedException.class,
                () -> workflow.run(new StudyRequest("study: bad\ntrain: {members: 0, epochs: 1, lr: -1}\n",
                        "basin-compute", "test")));
        ApplicationFailure failure = assertInstanceOf(ApplicationFailure.class, e.getCause());
        assertEquals("InvalidSpec", failure.getType());
        assertTrue(failure.isNonRetryable());
        assertTrue(failure.getOriginalMessage().contains("train.members"), failure.getOriginalMessage());
        assertTrue(failure.getOriginalMessage().contains("train.lr"), failure.getOriginalMessage());
    }
}
