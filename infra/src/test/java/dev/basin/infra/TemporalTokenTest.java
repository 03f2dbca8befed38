package dev.basin.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.RequestCancelWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded Temporal server (the real test server, on loopback) refuses every call without its
 * token, or with a wrong one, before any service code runs: such a client can neither read nor
 * cancel nor end a workflow, nor pass a health check. With the token, everything works.
 */
class TemporalTokenTest {
    private static final String TOKEN = "TheRightToken0123456789abcdefXYZ";
    private static final String NAMESPACE = Endpoints.NAMESPACE;
    private static LocalTemporal temporal;
    private static final List<WorkflowServiceStubs> opened = new ArrayList<>();

    @BeforeAll
    static void start() {
        temporal = LocalTemporal.start(TOKEN);
    }

    @AfterAll
    static void stop() {
        opened.forEach(WorkflowServiceStubs::shutdownNow);
        temporal.close();
    }

    private static WorkflowServiceStubs stubs(String token) {
        WorkflowServiceStubs s = WorkflowServiceStubs.newServiceStubs(
                TemporalToken.stubsOptions(temporal.target(), token).build());
        opened.add(s);
        return s;
    }

    @Test
    void withTheTokenEverythingWorks() {
        WorkflowServiceStubs right = stubs(TOKEN);
        right.connect(Duration.ofSeconds(10));
        assertEquals(ServingStatus.SERVING, right.healthCheck().getStatus());
        assertTrue(right.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance()).hasCapabilities());
        WorkflowExecution run = startWorkflow(right);
        assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, describe(right, run).getStatus());
    }

    @Test
    void withoutTheTokenOrWithAWrongOneNothingCanBeReadCancelledOrEnded() {
        WorkflowServiceStubs right = stubs(TOKEN);
        WorkflowExecution run = startWorkflow(right);
        long events = describe(right, run).getHistoryLength();
        for (String token : new String[] {null, "", "wrong", TOKEN.substring(1), TOKEN + "x", TOKEN.toLowerCase()}) {
            WorkflowServiceStubs other = stubs(token);
            String who = token == null ? "no token" : "token '" + token + "'";
            refused(who + ": system info", s -> s.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance()),
                    other);
            refused(who + ": describe", s -> describe(s, run), other);
            refused(who + ": cancel", s -> s.blockingStub().requestCancelWorkflowExecution(
                    RequestCancelWorkflowExecutionRequest.newBuilder().setNamespace(NAMESPACE)
                            .setWorkflowExecution(run).build()), other);
            refused(who + ": terminate", s -> s.blockingStub().terminateWorkflowExecution(
                    TerminateWorkflowExecutionRequest.newBuilder().setNamespace(NAMESPACE)
                            .setWorkflowExecution(run).build()), other);
            refused(who + ": start", TemporalTokenTest::startWorkflow, other);
            // The health check too (connect() would skip it on a channel that is already up).
            refused(who + ": health check", WorkflowServiceStubs::healthCheck, other);
        }
        var after = describe(right, run);
        assertEquals(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING, after.getStatus());
        assertEquals(events, after.getHistoryLength(), "nothing was added to the history: no cancel request");
    }

    private static void refused(String what, Consumer<WorkflowServiceStubs> call, WorkflowServiceStubs stubs) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> call.accept(stubs), what);
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode(), what + ": " + e);
    }

    private static WorkflowExecution startWorkflow(WorkflowServiceStubs s) {
        String id = "token-test-" + UUID.randomUUID();
        String runId = s.blockingStub().startWorkflowExecution(StartWorkflowExecutionRequest.newBuilder()
                .setNamespace(NAMESPACE).setWorkflowId(id).setRequestId(UUID.randomUUID().toString())
                .setWorkflowType(WorkflowType.newBuilder().setName("Nothing"))
                .setTaskQueue(TaskQueue.newBuilder().setName("nobody-polls")).build()).getRunId();
        return WorkflowExecution.newBuilder().setWorkflowId(id).setRunId(runId).build();
    }

    private static io.temporal.api.workflow.v1.WorkflowExecutionInfo describe(WorkflowServiceStubs s, WorkflowExecution run) {
        return s.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(NAMESPACE).setExecution(run).build()).getWorkflowExecutionInfo();
    }
}
