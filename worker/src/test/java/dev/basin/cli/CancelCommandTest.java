package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.data.SyntheticIdx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code basin cancel} on the real stack (see {@link ServedStack}; the worker runs in this JVM): a
 * 1-member study (30 short epochs of 10 steps, so that a heartbeat goes out at every epoch end) is
 * submitted, cancelled once its epoch-1 checkpoint exists, and submitted again. The 29 epochs left
 * (~10 s here) outlast the cancellation's way to the training loop (a CLI call, then at most one
 * throttled heartbeat, 1-2 s) several times over, also on a machine twice as fast: with 6 epochs a
 * fast machine finished training before the cancellation arrived. The training
 * activity must learn of the cancellation through its heartbeat and stop (its
 * stage row says {@code cancelled}, written by the activity itself), the study must end
 * {@code cancelled} with its checkpoints kept, and the next submission must resume from them.
 */
@ExtendWith(ServedStack.Resolver.class)
class CancelCommandTest {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final int EPOCHS = 30;

    @TempDir Path dir;

    @Test
    void cancelStopsTrainingKeepsTheCheckpointsAndTheNextSubmissionResumes(ServedStack stack) throws Exception {
        Path data = dir.resolve("idx");
        SyntheticIdx.writeFolder(data, 640, 200, 17, true);
        Path spec = Files.writeString(dir.resolve("cancel.yaml"), """
                study: cancel-me
                seed: 3
                data: {dataset: fashion-mnist, path: %s}
                model: small-cnn
                train: {members: 1, epochs: %d, batchSize: 64, lr: 0.05}
                """.formatted(data, EPOCHS));
        Cli.Output submitted = stack.cli("submit", spec.toString());
        assertEquals(0, submitted.code(), submitted.err());
        String checkpoints = "SELECT epoch FROM model WHERE study = 'cancel-me' AND kind = 'checkpoint' ORDER BY epoch";
        awaitTrue(() -> !stack.column(checkpoints).isEmpty(), "an epoch-1 checkpoint");

        Cli.Output cancelled = stack.cli("cancel", "cancel-me");
        assertEquals(0, cancelled.code(), cancelled.err() + cancelled.out());
        assertTrue(cancelled.out().contains("Study cancel-me: cancelled."), cancelled.out());
        assertEquals(List.of("cancelled"), stack.column("SELECT status FROM study WHERE name = 'cancel-me'"));
        assertEquals(List.of("ensembles/deep pending", "evaluate/member-000 pending", "train/member-000 cancelled"),
                stack.column("SELECT stage || ' ' || state FROM stage WHERE study = 'cancel-me' ORDER BY stage"));
        assertEquals(List.of(), stack.column("SELECT id FROM model WHERE study = 'cancel-me' AND kind = 'final'"));
        List<String> kept = stack.column(checkpoints);
        assertTrue(kept.size() < EPOCHS, "training stopped before its end: " + kept);

        Cli.Output status = stack.cli("status", "cancel-me");
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().contains("Study cancel-me: cancelled"), status.out());
        assertTrue(status.out().matches("(?s).*train/member-000 *\\| *cancelled.*"), status.out());

        Cli.Output resumed = stack.cli("submit", spec.toString(), "--wait", "--quiet");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(List.of("completed"), stack.column("SELECT status FROM study WHERE name = 'cancel-me'"));
        assertEquals(List.of(kept.get(kept.size() - 1)), stack.column(
                "SELECT resumed_from_epoch FROM progress WHERE study = 'cancel-me' AND member = 0"));
        assertEquals(IntStream.rangeClosed(1, EPOCHS).mapToObj(Integer::toString).toList(), stack.column(checkpoints));

        Cli.Output again = stack.cli("cancel", "cancel-me");
        assertEquals(Basin.BAD_INPUT, again.code(), again.out());
        assertTrue(again.err().contains("study 'cancel-me' is not running: its last run ended completed"), again.err());
        Cli.Output unknown = stack.cli("cancel", "no-such-study");
        assertEquals(Basin.BAD_INPUT, unknown.code(), unknown.out());
        assertTrue(unknown.err().contains("study 'no-such-study' is not running"), unknown.err());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }
}
