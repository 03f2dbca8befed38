package dev.basin.workflows;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One study, from spec to evaluated ensemble. Its workflow id is {@code study-<name>}. */
@WorkflowInterface
public interface StudyWorkflow {
    @WorkflowMethod
    StudyResult run(StudyRequest request);

    static String workflowId(String study) {
        return "study-" + study;
    }
}
