package dev.basin.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.plan.StagePlan;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Safe upgrades: every workflow history checked in under {@code src/test/resources/histories} (studies run by
 * released versions of Basin) must replay against the current {@link StudyWorkflowImpl}. A failure here means
 * a worker running this code would break a study started by the version that recorded the history: put the
 * change behind {@code Workflow.getVersion(StudyWorkflowImpl.WALK_CHANGE, ...)}, keeping the old path.
 *
 * <p>The histories are recorded by {@code dev.basin.cli.StudyHistoryRecorder}; re-record them (one command,
 * in its Javadoc and the README) only when a change is meant to break replay, and then running studies must
 * finish before the upgrade.
 *
 * <p>The test shows it can fail: the same history replayed against {@link ReorderedWalkStudyWorkflow} (the
 * same graph walked in another parents-first order) must be rejected as non-deterministic.
 */
class StudyReplayTest {
    private static final String COMPLETED = "study-replay-completed.json";

    static List<Path> histories() throws IOException, URISyntaxException {
        Path dir = Path.of(StudyReplayTest.class.getResource("/histories").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    private static String json(String name) throws IOException, URISyntaxException {
        return Files.readString(Path.of(StudyReplayTest.class.getResource("/histories/" + name).toURI()));
    }

    @Test
    void theReleasedHistoriesAreCheckedIn() throws Exception {
        List<String> names = histories().stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.contains(COMPLETED), names.toString());
        assertTrue(names.contains("study-replay-cancelled.json"), names.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("histories")
    void everyRecordedHistoryReplays(Path history) throws Exception {
        WorkflowReplayer.replayWorkflowExecution(Files.readString(history), StudyWorkflowImpl.class);
    }

    @Test
    void aReorderedWalkIsCaughtAsNonDeterministic() throws Exception {
        WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(json(COMPLETED));
        Throwable e = assertThrows(Throwable.class,
                () -> WorkflowReplayer.replayWorkflowExecution(history, ReorderedWalkStudyWorkflow.class));
        // WorkflowReplayer reports the workflow task's failure as a RuntimeException naming it
        String chain = chain(e);
        assertTrue(causes(e).anyMatch(NonDeterministicException.class::isInstance)
                || chain.contains(NonDeterministicException.class.getName()), chain);
        assertTrue(chain.contains("TMPRL1100"), chain);
    }

    /**
     * A study started before the stage graph (Basin at {@code main} 539a09c, recorded with a study stack like
     * {@code StudyHistoryRecorder}'s, kept in {@code histories/unsupported}) has no {@code stage-graph-walk}
     * version marker: the current workflow must refuse it by name, not replay it as if it were a graph walk.
     */
    @Test
    void aHistoryFromBeforeTheStageGraphIsRejectedByItsMissingVersion() throws Exception {
        String old = json("unsupported/study-before-stage-graph.json");
        assertFalse(old.contains("MARKER_RECORDED"), "the old history has no version marker");
        Throwable e = assertThrows(Throwable.class,
                () -> WorkflowReplayer.replayWorkflowExecution(old, StudyWorkflowImpl.class));
        String chain = chain(e);
        assertTrue(chain.contains("Version -1 of changeId " + StudyWorkflowImpl.WALK_CHANGE + " is not supported"),
                chain);
    }

    @Test
    void theReorderedWalkIsAValidWalkOfTheSameGraph() throws Exception {
        // the broken workflow is a realistic mistake, not nonsense: same stages, parents first, another order
        StagePlan plan = planOf(json(COMPLETED));
        StagePlan reordered = ReorderedWalkStudyWorkflow.latestReadyFirst(plan);
        assertEquals(plan.names().stream().sorted().toList(), reordered.names().stream().sorted().toList());
        assertNotEquals(plan.names(), reordered.names());
    }

    /** The plan the history's planning activity (its first activity) recorded. */
    private static StagePlan planOf(String json) {
        WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(json);
        Payloads prepared = history.getEvents().stream().filter(HistoryEvent::hasActivityTaskCompletedEventAttributes)
                .findFirst().orElseThrow().getActivityTaskCompletedEventAttributes().getResult();
        return DefaultDataConverter.newDefaultInstance()
                .fromPayloads(0, Optional.of(prepared), PreparedStudy.class, PreparedStudy.class).plan();
    }

    private static Stream<Throwable> causes(Throwable e) {
        return Stream.iterate(e, t -> t != null, Throwable::getCause);
    }

    private static String chain(Throwable e) {
        return String.join("\n caused by ", causes(e).map(Throwable::toString).toList());
    }
}
