package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.data.SyntheticIdx;
import dev.basin.infra.EmbeddedStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code basin run} killed with SIGKILL as a whole, while one member is trained and the other is in
 * the middle of training, then the same command again. The killed JVM took Temporal (in memory)
 * and S3 with it and left its PostgreSQL running; the next start stops that orphan, and a new
 * workflow finds in PostgreSQL and S3 everything the old one did.
 *
 * <p>Two members, 3 epochs of 1,500 synthetic images in steps of 50 (90 steps each), a checkpoint
 * every 8 steps, one engine thread, one member at a time; the same spec under another name, never
 * interrupted, is the reference.
 */
class RunRestartTest {
    private static final Duration RUN_LIMIT = Duration.ofSeconds(100);
    private static final String STUDY = "restart";
    private static final String REFERENCE = "restart-ref";

    @TempDir Path dir;

    @Test
    void killedRunIsResumedByTheSameCommandWithoutRetrainingWhatWasDone() throws Exception {
        Path data = dir.resolve("idx");
        SyntheticIdx.writeFolder(data, 1500, 1000, 31, true);
        Path state = dir.resolve("state");
        try {
            assertRunsToTheEnd("reference", spec(REFERENCE, data), state);

            long killedAt;
            try (ChildBasin first = run("first run", spec(STUDY, data), state)) {
                Poll.until(Duration.ofSeconds(80), Duration.ofMillis(20),
                        "one member trained and the other one 16 steps or more into training", first::tail,
                        () -> {
                            Optional<StudyDb> db = StudyDb.served(state);
                            return db.isPresent() ? halfway(db.get()) : Optional.empty();
                        });
                Thread.sleep(150); // a little past the checkpoint: the kill costs work, as a real one does
                first.kill();
                killedAt = System.nanoTime();
            }
            // The killed run's PostgreSQL is still up: what it recorded is what the next run starts from.
            StudyDb orphan = StudyDb.served(state).orElseThrow();
            List<String> state1 = halfway(orphan).orElseThrow(() -> new AssertionError("the kill came too late"));
            String done = state1.get(0);
            String busy = state1.get(1);
            List<List<String>> doneRows = doneMember(orphan, done);
            List<String> newest = orphan.rows("SELECT id, epoch, step FROM model WHERE study = ? AND member = ?"
                    + " AND kind = 'checkpoint' ORDER BY step DESC LIMIT 1", STUDY, Integer.parseInt(busy)).get(0);

            ChildBasin second = assertRunsToTheEnd("second run", spec(STUDY, data), state);
            double rerunSeconds = (System.nanoTime() - killedAt) / 1e9;

            try (EmbeddedStack stack = EmbeddedStack.start(state)) {
                StudyDb db = StudyDb.of(stack.endpoints());
                assertEquals(doneRows, doneMember(db, done), "member " + done + " was not trained again");
                assertEquals(List.of(List.of(busy, newest.get(0), newest.get(1), newest.get(2))),
                        db.rows("SELECT member, from_model_id, from_epoch, from_step FROM resume WHERE study = ?", STUDY),
                        "only member " + busy + " resumed, from its newest checkpoint");
                String progress = "SELECT state, coalesce(resumed_from_epoch::text, 'none') FROM progress"
                        + " WHERE study = ? AND member = ?";
                assertEquals(List.of(List.of("done", "none")), db.rows(progress, STUDY, Integer.parseInt(done)));
                assertEquals(List.of(List.of("done", newest.get(1))), db.rows(progress, STUDY, Integer.parseInt(busy)));
                DurabilityChecks.sameTrajectory(db, REFERENCE, STUDY);
                DurabilityChecks.everyRowOnce(db, STUDY, 2);
            }
            assertTrue(second.tail().contains("Deep ensemble of the first n members"), second.tail());
            System.out.printf("RunRestartTest: member %s resumed at step %s of 90; the second run finished %.1f s"
                    + " after the kill%n", busy, newest.get(2), rerunSeconds);
        } finally {
            stopOrphanPostgres(state);
        }
    }

    private Path spec(String study, Path data) throws Exception {
        Path file = dir.resolve(study + ".yaml");
        Files.writeString(file, """
                study: %s
                seed: 9
                data: {dataset: fashion-mnist, path: %s}
                model: small-cnn
                train: {members: 2, epochs: 3, batchSize: 50, lr: 0.05, checkpointEverySteps: 8}
                """.formatted(study, data));
        return file;
    }

    private ChildBasin run(String name, Path spec, Path state) {
        return ChildBasin.start(name, dir.resolve(name.replace(' ', '-') + ".log"), Map.of(), "run", spec.toString(),
                "--data-dir", state.toString(), "--quiet", "--threads", "1", "--slots", "1");
    }

    private ChildBasin assertRunsToTheEnd(String name, Path spec, Path state) {
        ChildBasin child = run(name, spec, state);
        assertEquals(0, child.awaitExit(RUN_LIMIT), name + " failed:\n" + child.tail());
        return child;
    }

    /** (finished member, member 16+ steps into training), when the study is in that state. */
    private static Optional<List<String>> halfway(StudyDb db) throws Exception {
        return db.rows("""
                SELECT f.member, c.member FROM model f
                  JOIN model c ON c.study = f.study AND c.kind = 'checkpoint' AND c.member <> f.member AND c.step >= 16
                 WHERE f.study = ? AND f.kind = 'final'
                   AND NOT EXISTS (SELECT 1 FROM model g WHERE g.study = f.study AND g.kind = 'final'
                                   AND g.member = c.member)
                 LIMIT 1
                """, STUDY).stream().findFirst();
    }

    /** Every model row of a member, with its id and time of writing: unchanged unless it trained again. */
    private static List<List<String>> doneMember(StudyDb db, String member) throws Exception {
        return db.rows("SELECT id, kind, epoch, step, weights_sha256, created_at FROM model WHERE study = ?"
                + " AND member = ? ORDER BY kind, step", STUDY, Integer.parseInt(member));
    }

    /** After a failure between the kill and the next run, the killed run's PostgreSQL would outlive the test. */
    private static void stopOrphanPostgres(Path state) {
        if (Files.exists(state.resolve("pg").resolve("postmaster.pid"))) {
            EmbeddedStack.start(state).close(); // starting stops the orphan; closing stops the new server
        }
    }
}
