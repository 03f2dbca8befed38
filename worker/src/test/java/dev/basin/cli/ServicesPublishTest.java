package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.data.SyntheticIdx;
import dev.basin.infra.EmbeddedStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Part 5: a {@code basin run} that starts the embedded stack itself publishes it while it runs, as
 * {@code basin up} does, so that {@code basin status}, {@code sql} and {@code cancel} from another
 * terminal (here: this JVM, over the same data folder) work during the study, while a second
 * {@code basin run} is refused rather than left on servers that stop with the first. The run is a child JVM;
 * its study (one member, 100 short epochs) outlasts the three commands. When the run ends, the
 * endpoints file is gone; when a run is killed, the file it leaves is recognised as stale.
 */
class ServicesPublishTest {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String STUDY = "watched";

    @TempDir Path dir;

    @Test
    void statusSqlAndCancelWorkWhileARunHoldsTheStackAndAKilledRunsFileIsStale() throws Exception {
        Path data = dir.resolve("idx");
        SyntheticIdx.writeFolder(data, 640, 200, 17, true);
        Path spec = Files.writeString(dir.resolve("watched.yaml"), """
                study: %s
                seed: 3
                data: {dataset: fashion-mnist, path: %s}
                model: small-cnn
                train: {members: 1, epochs: 100, batchSize: 64, lr: 0.05}
                """.formatted(STUDY, data));
        Path state = dir.resolve("state");
        Path endpoints = state.resolve("endpoints.properties");
        try {
            try (ChildBasin run = run("run", spec, state)) {
                Poll.until(PATIENCE, Duration.ofMillis(200), "the run's endpoints file and a first checkpoint", run::tail,
                        () -> Files.exists(endpoints) && StudyDb.served(state).isPresent()
                                && !StudyDb.served(state).get().rows("SELECT epoch FROM model WHERE study = ?"
                                + " AND kind = 'checkpoint'", STUDY).isEmpty() ? Optional.of(true) : Optional.empty());
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(endpoints)));
                String published = Files.readString(endpoints);
                assertFalse(published.toLowerCase().contains("password") || published.toLowerCase().contains("token")
                        || published.toLowerCase().contains("secret"), "the endpoints file holds no secret:\n" + published);

                Cli.Output status = Cli.run("status", STUDY, "--data-dir", state.toString());
                assertEquals(0, status.code(), status.err() + "\n" + run.tail());
                assertTrue(status.out().contains("Study " + STUDY + ": running"), status.out());
                Cli.Output sql = Cli.run("sql", "select name, status from study", "--data-dir", state.toString());
                assertEquals(0, sql.code(), sql.err());
                assertTrue(sql.out().matches("(?s).*" + STUDY + " *\\| *running.*"), sql.out());
                // A second study, or a worker, would lose its servers when this run ends: refused, naming the run.
                Cli.Output second = Cli.run("run", spec.toString(), "--data-dir", state.toString(), "--quiet",
                        "--threads", "1", "--slots", "1");
                assertEquals(1, second.code(), second.out());
                assertTrue(second.err().contains("another Basin process (pid " + run.pid() + ") is using " + state
                        + " and stops its stack when it ends"), second.err());
                for (String[] attach : new String[][] {{"submit", spec.toString()}, {"worker", "--threads", "1"}}) {
                    List<String> args = new ArrayList<>(List.of(attach));
                    args.addAll(List.of("--data-dir", state.toString()));
                    Cli.Output refused = Cli.run(args.toArray(String[]::new));
                    assertEquals(1, refused.code(), attach[0] + ": " + refused.out());
                    assertTrue(refused.err().contains("and stops its stack when it ends"), refused.err());
                }
                Cli.Output cancel = Cli.run("cancel", STUDY, "--data-dir", state.toString());
                assertEquals(0, cancel.code(), cancel.err() + cancel.out());
                assertTrue(cancel.out().contains("Study " + STUDY + ": cancelled."), cancel.out());

                run.awaitExit(PATIENCE);
                assertFalse(Files.exists(endpoints), "the run removed its endpoints file when it stopped");
            }
            Cli.Output after = Cli.run("cancel", STUDY, "--data-dir", state.toString());
            assertEquals(Basin.BAD_INPUT, after.code(), after.out());
            assertTrue(after.err().contains("no Basin stack is running over " + state), after.err());

            try (ChildBasin killed = run("killed run", spec, state)) {
                Poll.until(PATIENCE, Duration.ofMillis(100), "the second run's endpoints file", killed::tail,
                        () -> Files.exists(endpoints) ? Optional.of(true) : Optional.empty());
                killed.kill();
            }
            assertTrue(Files.exists(endpoints), "a killed run cannot remove its file");
            Cli.Output stale = Cli.run("cancel", STUDY, "--data-dir", state.toString());
            assertEquals(Basin.BAD_INPUT, stale.code(), stale.out());
            assertTrue(stale.err().contains("no Basin stack is running over " + state), stale.err());
            // status may start a stack of its own (it stops the killed run's PostgreSQL); it publishes it and cleans up.
            Cli.Output status = Cli.run("status", STUDY, "--data-dir", state.toString());
            assertEquals(0, status.code(), status.err());
            assertTrue(status.out().contains("Study " + STUDY + ":"), status.out());
            assertFalse(Files.exists(endpoints), "status removed the file of the stack it started");
        } finally {
            if (Files.exists(state.resolve("pg").resolve("postmaster.pid"))) {
                EmbeddedStack.start(state).close(); // a killed run's PostgreSQL must not outlive the test
            }
        }
    }

    private ChildBasin run(String name, Path spec, Path state) {
        return ChildBasin.start(name, dir.resolve(name.replace(' ', '-') + ".log"), Map.of(), "run", spec.toString(),
                "--data-dir", state.toString(), "--quiet", "--threads", "1", "--slots", "1");
    }
}
