package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.infra.Endpoints;
import dev.basin.workflows.StudyWorkflow;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code basin worker} children attached, in external mode, to one embedded stack: how the crash and race tests
 * start the workers they kill or pause. Each serves both queues with one engine thread and one activity slot, and
 * logs to {@code worker-N.log} in the test's folder.
 */
final class ChildWorkers implements AutoCloseable {
    static final String CONTROL_QUEUE = "basin";
    static final String COMPUTE_QUEUE = "basin-compute";

    private final Endpoints stack;
    private final Path dir;
    private final List<ChildBasin> started = new ArrayList<>();

    ChildWorkers(Endpoints stack, Path dir) {
        this.stack = stack;
        this.dir = dir;
    }

    /** Starts worker N+1 with the stack's secrets (and the Temporal token) in its environment, plus {@code extraEnv}. */
    ChildBasin start(Map<String, String> extraEnv) {
        int n = started.size() + 1;
        Map<String, String> env = new HashMap<>(Map.of("BASIN_DB_PASSWORD", stack.dbPassword(),
                "AWS_ACCESS_KEY_ID", stack.s3AccessKey(), "AWS_SECRET_ACCESS_KEY", stack.s3SecretKey(),
                "BASIN_TEMPORAL_TOKEN", stack.temporalToken()));
        env.putAll(extraEnv);
        ChildBasin w = ChildBasin.start("worker " + n, log(n), env,
                "worker", "--temporal", stack.temporalTarget(), "--namespace", stack.temporalNamespace(),
                "--db-url", stack.dbUrl(), "--db-user", stack.dbUser(), "--bucket", stack.bucket(),
                "--s3-endpoint", stack.s3Endpoint(), "--s3-region", stack.s3Region(),
                "--task-queue", CONTROL_QUEUE, "--compute-queue", COMPUTE_QUEUE, "--threads", "1", "--slots", "1");
        started.add(w);
        return w;
    }

    ChildBasin start() {
        return start(Map.of());
    }

    /** The log file of {@code w}. */
    Path log(ChildBasin w) {
        return log(started.indexOf(w) + 1);
    }

    private Path log(int n) {
        return dir.resolve("worker-" + n + ".log");
    }

    /** A live worker if one is left, else a new one. */
    ChildBasin anyAlive() {
        return started.stream().filter(ChildBasin::alive).findFirst().orElseGet(this::start);
    }

    /** The newest worker's log tail, for a failure message. */
    String newestTail() {
        return started.isEmpty() ? "" : started.get(started.size() - 1).tail();
    }

    /** Every worker's log tail, for a failure message. */
    String tails() {
        return started.stream().map(ChildBasin::tail).reduce("", (a, b) -> a + "\n----\n" + b);
    }

    @Override
    public void close() {
        started.forEach(ChildBasin::close);
    }

    /** The attempt number of the one completed activity of that type in the study's workflow history. */
    static int startedAttempt(WorkflowClient client, String study, String activityType) {
        List<HistoryEvent> events = client.fetchHistory(StudyWorkflow.workflowId(study)).getEvents();
        List<Long> scheduled = events.stream()
                .filter(e -> e.hasActivityTaskScheduledEventAttributes()
                        && e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals(activityType))
                .map(HistoryEvent::getEventId)
                .toList();
        assertEquals(1, scheduled.size(), "one " + activityType + " activity in study " + study);
        return events.stream()
                .filter(e -> e.hasActivityTaskStartedEventAttributes()
                        && e.getActivityTaskStartedEventAttributes().getScheduledEventId() == scheduled.get(0))
                .mapToInt(e -> e.getActivityTaskStartedEventAttributes().getAttempt())
                .findFirst()
                .orElseThrow();
    }
}
