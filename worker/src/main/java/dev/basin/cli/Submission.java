package dev.basin.cli;

import dev.basin.spec.SpecDiff;
import dev.basin.spec.SpecException;
import dev.basin.spec.SpecParser;
import dev.basin.spec.SpecPrinter;
import dev.basin.workflows.StudyRequest;
import dev.basin.workflows.StudyWorkflow;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.Optional;

/**
 * Starts a study's workflow, or finds the one already running under its id. One study name runs one spec at a
 * time: the running study is attached to only when it runs the same spec (the same normalised text, however the
 * two were written); another spec under its name is refused, with the difference, before anything is started.
 */
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
            WorkflowExecution running = e.getExecution();
            checkSameSpec(study, runningSpec(services.client, running));
            return new Started(services.client.newUntypedWorkflowStub(id, Optional.of(running.getRunId()),
                    Optional.empty()), true);
        }
    }

    /**
     * Refuses {@code study} when {@code runningText}, the spec the running study was submitted with, means
     * something else. Both are compared as normalised text; a running spec this Basin cannot parse (an older
     * Basin's) is compared as written.
     */
    static void checkSameSpec(SpecFiles.Loaded study, String runningText) {
        String submitted;
        String running;
        try {
            running = SpecPrinter.print(SpecParser.parse(runningText));
            submitted = SpecPrinter.print(study.spec());
        } catch (SpecException unreadable) {
            running = runningText;
            submitted = study.text();
        }
        if (running.equals(submitted)) {
            return;
        }
        List<String> diff = SpecDiff.lines(running, submitted);
        String name = study.spec().study();
        throw new BadInputException("study '" + name + "' is running with a different spec; this one is not"
                + " submitted (one study name runs one spec at a time).\n"
                + "Differences (- the running study's spec, + this file's):\n"
                + String.join("\n", diff.isEmpty() ? List.of("  (line ends or spacing only)") : diff) + "\n"
                + "To run this spec: wait for the running study to end, or cancel it (basin cancel " + name
                + ") and submit or run it again (finished stages whose inputs are unchanged are reused);"
                + " or give this spec another study name.");
    }

    /** The spec text a running workflow was started with: its first history event holds its input. */
    private static String runningSpec(WorkflowClient client, WorkflowExecution execution) {
        // One page of one event: the whole history of a long study can be large.
        HistoryEvent first = client.getWorkflowServiceStubs().blockingStub().getWorkflowExecutionHistory(
                GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace(client.getOptions().getNamespace())
                        .setExecution(execution).setMaximumPageSize(1).build()).getHistory().getEvents(0);
        Payloads input = first.getWorkflowExecutionStartedEventAttributes().getInput();
        return client.getOptions().getDataConverter().fromPayloads(0, Optional.of(input), StudyRequest.class,
                StudyRequest.class).specYaml();
    }
}
