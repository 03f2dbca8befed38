package dev.basin.cli;

import dev.basin.workflows.StudyRequest;
import dev.basin.workflows.StudyWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;

/** Starts a study's workflow, or finds the one already running under its id. */
final class Submission {
    private Submission() {}

    record Started(WorkflowStub stub, boolean attached) {}

    static Started start(Services services, SpecFiles.Loaded study, ConnectionOptions o) {
        String id = StudyWorkflow.workflowId(study.spec().study());
        WorkflowOptions options = WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(o.taskQueue)
                // A finished study may be run again: every stage whose inputs are unchanged is reused.
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build();
        StudyWorkflow workflow = services.client.newWorkflowStub(StudyWorkflow.class, options);
        try {
            WorkflowClient.start(workflow::run, new StudyRequest(study.text(), o.computeQueue, Version.current()));
            return new Started(WorkflowStub.fromTyped(workflow), false);
        } catch (WorkflowExecutionAlreadyStarted e) {
            return new Started(services.client.newUntypedWorkflowStub(id), true);
        }
    }
}
