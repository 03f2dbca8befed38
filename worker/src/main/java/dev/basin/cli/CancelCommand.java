package dev.basin.cli;

import dev.basin.workflows.StudyResult;
import dev.basin.workflows.StudyWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Cancels a running study's workflow. Its training activities learn of it at their next heartbeat
 * (about a second), stop and keep their checkpoints; the study ends {@code cancelled}; running the
 * same study again ({@code basin run} or {@code basin submit}) resumes every member from them.
 */
@Command(name = "cancel", description = "Cancel a running study; its members keep their checkpoints and resume when it is run again.")
final class CancelCommand implements Callable<Integer> {
    @Parameters(paramLabel = "STUDY") String study;
    @Mixin ConnectionOptions connection;
    @Option(names = "--wait", defaultValue = "120", paramLabel = "SECONDS",
            description = "Wait this long for the study to stop (default: ${DEFAULT-VALUE}; 0: do not wait).")
    int waitSeconds;

    @Override
    public Integer call() throws InterruptedException {
        if (waitSeconds < 0) {
            throw new BadInputException("--wait must be >= 0 seconds, got " + waitSeconds);
        }
        try (Services services = Services.open(connection, false)) {
            WorkflowStub stub = services.client.newUntypedWorkflowStub(StudyWorkflow.workflowId(study));
            try {
                // Asked first: not every Temporal refuses to cancel a workflow that has already ended.
                WorkflowExecutionStatus status = stub.describe().getStatus();
                if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
                    throw new BadInputException("study '" + study + "' is not running: its last run ended "
                            + status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(Locale.ROOT));
                }
                stub.cancel();
            } catch (WorkflowNotFoundException e) {
                throw new BadInputException("study '" + study + "' is not running (" + services.where + ")");
            }
            System.out.printf("Cancelling study %s: its members stop at their next progress report.%n", study);
            if (waitSeconds == 0) {
                return 0;
            }
            try {
                stub.getResult(waitSeconds, TimeUnit.SECONDS, StudyResult.class);
                System.out.printf("Study %s finished before the cancellation reached it.%n", study);
                return 0;
            } catch (WorkflowFailedException e) {
                if (!(e.getCause() instanceof CanceledFailure)) {
                    throw e;
                }
            } catch (TimeoutException e) {
                System.out.printf("Study %s is still stopping after %d s; `basin status %s` shows when it has.%n",
                        study, waitSeconds, study);
                return 1;
            }
            String status = services.store.study(study).map(s -> s.status()).orElse("unknown");
            System.out.printf("Study %s: %s. Checkpoints are kept; running the same study again resumes it.%n",
                    study, status);
            return 0;
        }
    }
}
