package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records the workflow histories that {@code dev.basin.workflows.StudyReplayTest} replays, into
 * {@code worker/src/test/resources/histories/study-<name>.json}. Not a test (its name keeps it out of {@code mvn
 * verify}); run it by name, with {@code -Dbasin.recordHistories=true}:
 *
 * <pre>
 * mvn -B -o -pl worker -am test -Dtest=StudyHistoryRecorder -Dsurefire.failIfNoSpecifiedTests=false -Dbasin.recordHistories=true
 * </pre>
 *
 * <p>Re-record ONLY when a change is meant to break replay (one that cannot go behind
 * {@code Workflow.getVersion}): studies running when such a version is deployed cannot be replayed by it, so
 * they must finish (or be cancelled) before the upgrade. A change that merely adds a path under a new version
 * keeps the old histories and should add a new one instead.
 *
 * <p>The studies are tiny (2 half-width small CNNs, 2 epochs of 600 synthetic images, a 3 × 3 plane) so the
 * histories stay small: {@code replay-completed} runs every cheap analysis to completion; {@code
 * replay-cancelled} is cancelled once its first stage is done, while others run. The history in {@code
 * histories/unsupported} (a study of Basin before the stage graph) is not recorded here: it comes from an older
 * release and never changes.
 */
@EnabledIfSystemProperty(named = "basin.recordHistories", matches = "true")
class StudyHistoryRecorder {
    private static final Duration LIMIT = Duration.ofMinutes(4);

    @TempDir static Path dir;
    private static StudyStack stack;

    @BeforeAll
    static void start() {
        stack = new StudyStack(dir, 600, 200, 1);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Where the histories go: the module's test resources (surefire runs in the module's folder). */
    private static Path target() throws IOException {
        String base = System.getProperty("basedir", ".");
        return Files.createDirectories(Path.of(System.getProperty("basin.historiesDir",
                base + "/src/test/resources/histories")));
    }

    static String spec(String study, int epochs) {
        return String.join("\n", "study: " + study, "seed: 5", stack.dataLine(), "model: {name: small-cnn, width: 0.5}",
                "train: {members: 2, epochs: " + epochs + ", batchSize: 100, lr: 0.1}",
                "trajectory: {every: 1}", "swa: {start: 1, rank: 1}", "similarity: {}",
                "plane: [{anchors: [final:0, final:1, swa:0], grid: 3, margin: 0, trainSubset: 200}]",
                "interpolation: {pairs: [[final:0, final:1]], points: 3, margin: 0, trainSubset: 200}",
                "shift: {corruptions: [gaussian-noise], severities: [1]}", "");
    }

    @Test
    void completed() throws IOException {
        String study = "replay-completed";
        stack.run(study, spec(study, 2), LIMIT);
        save(study, stack.history(study), EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    }

    @Test
    void cancelled() throws Exception {
        String study = "replay-cancelled";
        WorkflowStub run = stack.submit(study, spec(study, 2));
        Poll.until(LIMIT, Duration.ofMillis(200), "a first stage of " + study + " done", () -> "",
                () -> stack.db.number("select count(*) from stage where study = ? and state = 'done'", study)
                        .filter(n -> n > 0));
        run.cancel();
        assertThrows(WorkflowFailedException.class, () -> run.getResult(LIMIT.toSeconds(), TimeUnit.SECONDS,
                Object.class));
        save(study, stack.history(study), EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED);
    }

    private static void save(String study, WorkflowExecutionHistory history, EventType end) throws IOException {
        assertEquals(end, history.getLastEvent().getEventType(), study + " ended otherwise");
        Path file = target().resolve("study-" + study + ".json");
        Files.writeString(file, history.toJson(true) + "\n");
        System.out.println("recorded " + history.getEvents().size() + " events of " + study + " in " + file);
    }
}
