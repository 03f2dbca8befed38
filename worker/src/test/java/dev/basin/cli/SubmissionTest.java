package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.data.SyntheticIdx;
import dev.basin.spec.SpecParser;
import dev.basin.workflows.StudyWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One study name runs one spec at a time, on the real stack (see {@link ServedStack}; the worker runs in this
 * JVM). While a 1-member study trains (many short epochs, so that it is still running when the submissions
 * below arrive; it is cancelled at the end), {@code basin submit} and {@code basin run} of a changed spec under
 * its name exit 2 showing the difference, and start nothing: the same workflow run goes on, with the same study
 * row and plan. The same spec, written another way, attaches to it.
 */
@ExtendWith(ServedStack.Resolver.class)
class SubmissionTest {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String STUDY = "one-spec";
    private static final String SPEC = """
            study: one-spec
            seed: 3
            data: {dataset: fashion-mnist, path: %s}
            model: small-cnn
            train: {members: 1, epochs: 200, batchSize: 64, lr: 0.05}
            """;

    @TempDir Path dir;

    @Test
    void aChangedSpecUnderARunningStudysNameIsRefusedAndTheSameSpecAttaches(ServedStack stack) throws Exception {
        Path data = dir.resolve("idx");
        SyntheticIdx.writeFolder(data, 640, 200, 23, true);
        Path spec = Files.writeString(dir.resolve("study.yaml"), SPEC.formatted(data));
        Cli.Output submitted = stack.cli("submit", spec.toString());
        assertEquals(0, submitted.code(), submitted.err());
        Poll.until(PATIENCE, Duration.ofMillis(100), "an epoch-1 checkpoint", () -> "", () -> stack.column(
                "SELECT epoch FROM model WHERE study = ? AND kind = 'checkpoint'", STUDY).stream().findFirst());
        WorkflowExecutionInfo running = execution(stack);
        List<String> before = studyAndPlan(stack);

        Path changed = Files.writeString(dir.resolve("changed.yaml"),
                SPEC.replace("members: 1", "members: 2").replace("seed: 3", "seed: 4").formatted(data));
        for (String command : List.of("submit", "run")) {
            Cli.Output refused = stack.cli(command, changed.toString(), "--quiet");
            assertEquals(Basin.BAD_INPUT, refused.code(), command + ": " + refused.out() + refused.err());
            String err = refused.err();
            assertTrue(err.contains("study 'one-spec' is running with a different spec; this one is not submitted"), err);
            assertTrue(err.contains("- seed: 3\n+ seed: 4\n  train:\n-   members: 1\n+   members: 2\n"), err);
            assertTrue(err.contains("basin cancel one-spec") && err.contains("another study name"), err);
            assertEquals(running.getExecution().getRunId(), execution(stack).getExecution().getRunId(), command);
            assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, execution(stack).getStatus());
            assertEquals(before, studyAndPlan(stack), command + ": the study row and its plan are the running one's");
        }

        // The same spec, its keys in another order and a comment added: the same study, attached to.
        Path same = Files.writeString(dir.resolve("same.yaml"), "# the same study\n"
                + SPEC.replace("seed: 3\n", "").replace("model: small-cnn\n", "model: small-cnn\nseed: 3\n")
                .formatted(data));
        Cli.Output attached = stack.cli("submit", same.toString());
        assertEquals(0, attached.code(), attached.err());
        assertTrue(attached.out().contains("Attached to running workflow " + StudyWorkflow.workflowId(STUDY)),
                attached.out());
        assertEquals(running.getExecution().getRunId(), execution(stack).getExecution().getRunId());

        Cli.Output cancelled = stack.cli("cancel", STUDY);
        assertEquals(0, cancelled.code(), cancelled.err() + cancelled.out());
        assertEquals(List.of("cancelled"), stack.column("SELECT status FROM study WHERE name = ?", STUDY));
    }

    @Test
    void aRunningSpecThisBasinCannotReadIsComparedAsWritten() {
        String text = "study: s\ntrain: {members: 2, epochs: 1}\n";
        SpecFiles.Loaded study = new SpecFiles.Loaded(text, SpecParser.parse(text));
        BadInputException e = assertThrows(BadInputException.class, () -> Submission.checkSameSpec(study,
                "study: s\nfrom: the future\n"));
        assertTrue(e.getMessage().contains("- from: the future\n+ train: {members: 2, epochs: 1}\n"), e.getMessage());
        Submission.checkSameSpec(study, "study: s\ntrain:\n  epochs: 1\n  members: 2\n");
    }

    /** The latest execution of the study's workflow id. */
    private static WorkflowExecutionInfo execution(ServedStack stack) {
        return stack.client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder().setNamespace(stack.client.getOptions().getNamespace())
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(StudyWorkflow.workflowId(STUDY)))
                        .build()).getWorkflowExecutionInfo();
    }

    private static List<String> studyAndPlan(ServedStack stack) {
        List<String> rows = new java.util.ArrayList<>(stack.column(
                "SELECT spec_hash || ' ' || run_key || ' ' || started_at FROM study WHERE name = ?", STUDY));
        rows.addAll(stack.column("SELECT stage || ' ' || input_key FROM stage WHERE study = ? ORDER BY stage", STUDY));
        return rows;
    }
}
