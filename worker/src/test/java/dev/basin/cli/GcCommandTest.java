package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.artifacts.StoredObject;
import dev.basin.engine.data.SyntheticIdx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code basin gc} on the real stack (see {@link ServedStack}): one study name run with seed 1, then seed 2 (a
 * second run key); a dry run lists the first run's objects, the second run's checkpoints that no stage reads
 * (epochs 1 and 3: the trajectory keeps every second epoch, the last is the final weights) and the finished SSE
 * stage's saved states, and deletes nothing; {@code --yes} deletes exactly those, with their rows; the study run
 * again reuses every stage, uploads nothing and gives the same numbers. A study still training is refused, and once
 * cancelled keeps all its checkpoints.
 */
@ExtendWith(ServedStack.Resolver.class)
class GcCommandTest {
    private static final String STUDY = "gc-me";
    private static final String PREFIX = "studies/" + STUDY + "/";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir Path dir;

    private Path spec(Path data, long seed) throws Exception {
        return Files.writeString(dir.resolve("gc-" + seed + ".yaml"), """
                study: %s
                seed: %d
                data: {dataset: fashion-mnist, path: %s}
                model: small-cnn
                train: {members: 1, epochs: 4, batchSize: 64, lr: 0.05, checkpointEvery: 1}
                trajectory: {every: 2}
                sse: {snapshots: 2, epochs: 2}
                """.formatted(STUDY, seed, data));
    }

    @Test
    void gcListsThenDeletesWhatNoStageNeedsAndTheRerunReusesEveryStage(ServedStack stack) throws Exception {
        Path data = dir.resolve("idx");
        SyntheticIdx.writeFolder(data, 640, 200, 17, true);
        Cli.Output first = stack.cli("submit", spec(data, 1).toString(), "--wait", "--quiet");
        assertEquals(0, first.code(), first.err());
        String oldRun = runKey(stack);
        Cli.Output second = stack.cli("submit", spec(data, 2).toString(), "--wait", "--quiet");
        assertEquals(0, second.code(), second.err());
        String run = runKey(stack);
        assertFalse(run.equals(oldRun), "a new seed is a new run");

        List<String> objects = keys(stack, PREFIX);
        List<String> oldObjects = keys(stack, PREFIX + oldRun + "/");
        List<String> states = stack.column("SELECT artifact_key FROM stage_checkpoint WHERE study = ? AND stage = 'sse'"
                + " AND artifact_key LIKE ? ORDER BY 1", STUDY, PREFIX + run + "/%");
        assertFalse(oldObjects.isEmpty() || states.isEmpty(), oldObjects + " " + states);
        List<String> numbers = numbers(stack, run);
        long rows = rowCount(stack);

        Cli.Output dry = stack.cli("gc", STUDY);
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("Study " + STUDY + ": keeping run " + run), dry.out());
        assertTrue(dry.out().contains("superseded run " + oldRun + ": " + oldObjects.size() + " objects"), dry.out());
        assertTrue(dry.out().matches("(?s).*superseded runs +\\| +" + oldObjects.size() + " +\\|.*"), dry.out());
        assertTrue(dry.out().matches("(?s).*unused checkpoints +\\| +2 +\\|.*"), dry.out());
        assertTrue(dry.out().matches("(?s).*finished stages' states +\\| +" + states.size() + " +\\|.*"), dry.out());
        assertTrue(dry.out().matches("(?s).*unrecorded objects +\\| +0 +\\|.*"), dry.out());
        assertTrue(dry.out().contains("Dry run: nothing was deleted"), dry.out());
        assertEquals(objects, keys(stack, PREFIX), "a dry run deletes no object");
        assertEquals(rows, rowCount(stack), "a dry run deletes no row");

        Cli.Output status = stack.cli("status", STUDY);
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().contains("Storage: " + objects.size() + " objects, "), status.out());

        Cli.Output gc = stack.cli("gc", STUDY, "--yes");
        assertEquals(0, gc.code(), gc.err());
        int deleted = oldObjects.size() + 2 + states.size();
        assertTrue(gc.out().contains("Study " + STUDY + ": deleted " + deleted + " objects"), gc.out());
        assertEquals(List.of(), keys(stack, PREFIX + oldRun + "/"));
        assertEquals(List.of("2", "4"), stack.column("SELECT epoch FROM model WHERE study = ? AND kind = 'checkpoint'"
                + " ORDER BY epoch", STUDY));
        assertEquals(List.of(), stack.column("SELECT stage FROM stage_checkpoint WHERE study = ?", STUDY));
        assertEquals(List.of(), stack.column("SELECT run_key FROM model WHERE study = ? AND run_key <> ? UNION"
                + " SELECT run_key FROM ensemble WHERE study = ? AND run_key <> ?", STUDY, run, STUDY, run),
                "the superseded run is deleted whole");
        assertEquals(objects.size() - deleted, keys(stack, PREFIX).size());
        assertEquals(new TreeSet<>(keys(stack, PREFIX)), named(stack), "every object is named by a row, every row's"
                + " object exists");
        assertEquals(numbers, numbers(stack, run));
        Cli.Output all = stack.cli("status");
        assertEquals(0, all.code(), all.err());
        assertTrue(all.out().matches("(?s).*" + STUDY + " +\\|[^\n]*\\| +" + (objects.size() - deleted)
                + " +\\| +[0-9.]+ (KiB|MiB)\\R.*"), all.out());

        Cli.Output rerun = stack.cli("submit", spec(data, 2).toString(), "--wait", "--quiet");
        assertEquals(0, rerun.code(), rerun.err());
        assertEquals(List.of(), stack.column("SELECT stage || ' ' || state FROM stage WHERE study = ?"
                + " AND state <> 'reused'", STUDY), "every stage is reused after gc");
        assertEquals(numbers, numbers(stack, run), "the numbers are unchanged");
        assertEquals(new TreeSet<>(keys(stack, PREFIX)), named(stack), "nothing was uploaded again");
        assertEquals(objects.size() - deleted, keys(stack, PREFIX).size());

        Cli.Output again = stack.cli("gc", STUDY, "--yes");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().matches("(?s).*total +\\| +0 +\\| +0 B.*"), again.out());
    }

    @Test
    void aRunningStudyIsRefusedAndACancelledOneKeepsItsCheckpoints(ServedStack stack) throws Exception {
        Path data = dir.resolve("idx");
        SyntheticIdx.writeFolder(data, 640, 200, 17, true);
        Path spec = Files.writeString(dir.resolve("busy.yaml"), """
                study: gc-busy
                seed: 3
                data: {dataset: fashion-mnist, path: %s}
                model: small-cnn
                train: {members: 1, epochs: 30, batchSize: 64, lr: 0.05}
                """.formatted(data));
        Cli.Output submitted = stack.cli("submit", spec.toString());
        assertEquals(0, submitted.code(), submitted.err());
        String checkpoints = "SELECT epoch FROM model WHERE study = 'gc-busy' AND kind = 'checkpoint' ORDER BY epoch";
        Poll.until(PATIENCE, Duration.ofMillis(100), "an epoch-1 checkpoint", () -> "",
                () -> stack.column(checkpoints).isEmpty() ? Optional.empty() : Optional.of(true));

        Cli.Output refused = stack.cli("gc", "gc-busy", "--yes");
        assertEquals(Basin.BAD_INPUT, refused.code(), refused.out());
        assertTrue(refused.err().contains("study 'gc-busy' is running"), refused.err());
        Cli.Output cancelled = stack.cli("cancel", "gc-busy");
        assertEquals(0, cancelled.code(), cancelled.err());

        List<String> kept = stack.column(checkpoints);
        List<String> objects = keys(stack, "studies/gc-busy/");
        Cli.Output gc = stack.cli("gc", "gc-busy", "--yes");
        assertEquals(0, gc.code(), gc.err());
        assertEquals(kept, stack.column(checkpoints), "a member still training keeps every checkpoint");
        assertEquals(objects, keys(stack, "studies/gc-busy/"));

        Cli.Output every = stack.cli("gc");
        assertEquals(0, every.code(), every.err());
        assertTrue(every.out().contains("Study gc-busy: keeping run ") && every.out().contains("Dry run"), every.out());
        assertEquals(objects, keys(stack, "studies/gc-busy/"));

        Cli.Output unknown = stack.cli("gc", "no-such-study");
        assertEquals(Basin.BAD_INPUT, unknown.code(), unknown.out());
        assertTrue(unknown.err().contains("no study named 'no-such-study'"), unknown.err());
    }

    private static String runKey(ServedStack stack) {
        List<String> runs = stack.column("SELECT DISTINCT inputs ->> 'run' FROM stage WHERE study = ?", STUDY);
        assertEquals(1, runs.size(), runs.toString());
        return runs.get(0);
    }

    private static List<String> keys(ServedStack stack, String prefix) {
        return stack.artifacts().list(prefix).stream().map(StoredObject::key).toList();
    }

    private static Set<String> named(ServedStack stack) {
        return new TreeSet<>(stack.column("""
                SELECT artifact_key FROM model WHERE study = ?
                UNION SELECT p.artifact_key FROM prediction p JOIN model m ON m.id = p.model_id WHERE m.study = ?
                UNION SELECT artifact_key FROM stage_checkpoint WHERE study = ?""", STUDY, STUDY, STUDY));
    }

    /** Every number of the run: its models' weights and metrics, its ensembles' metrics. */
    private static List<String> numbers(ServedStack stack, String run) {
        List<String> models = stack.column("SELECT kind || ' ' || member || ' ' || epoch || ' ' || step || ' '"
                + " || variant || ' ' || coalesce(weights_sha256, '-') FROM model WHERE study = ? AND run_key = ?"
                + " AND kind <> 'checkpoint' ORDER BY 1", STUDY, run);
        List<String> metrics = stack.column("SELECT coalesce(m.kind || m.member || '@' || m.epoch || m.variant,"
                + " e.kind || ' x' || e.size || e.variant) || ' ' || x.split || ' ' || x.name || ' ' || x.value"
                + " FROM metric x LEFT JOIN model m ON m.id = x.model_id LEFT JOIN ensemble e ON e.id = x.ensemble_id"
                + " WHERE x.study = ? AND coalesce(m.run_key, e.run_key) = ? ORDER BY 1", STUDY, run);
        assertFalse(metrics.isEmpty());
        return java.util.stream.Stream.concat(models.stream(), metrics.stream()).collect(Collectors.toList());
    }

    private static long rowCount(ServedStack stack) {
        return Long.parseLong(stack.column("SELECT (SELECT count(*) FROM model WHERE study = ?)"
                + " + (SELECT count(*) FROM metric WHERE study = ?) + (SELECT count(*) FROM stage_checkpoint"
                + " WHERE study = ?)", STUDY, STUDY, STUDY).get(0));
    }
}
