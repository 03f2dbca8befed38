package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code basin} command line in a JVM of its own, as a user or a supervisor would start it, so
 * that a test can {@code kill -9} it ({@link Process#destroyForcibly()} sends SIGKILL on Linux).
 * Its stdout and stderr go to a log file whose tail every failure message carries.
 */
final class ChildBasin implements AutoCloseable {
    private static final Duration EXIT_AFTER_KILL = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;
    private final String name;

    private ChildBasin(Process process, Path log, String name) {
        this.process = process;
        this.log = log;
        this.name = name;
    }

    /**
     * Starts {@code basin ARGS} with one engine thread (OMP_NUM_THREADS=1; results are reproducible
     * per thread count) and the oneDNN helpers on, as {@code ./basin} starts it.
     *
     * @param env extra environment (secrets for external mode)
     */
    static ChildBasin start(String name, Path log, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", classPath(), "-Xmx2g",
                "-Dorg.eclipse.deeplearning4j.helpers.disable=false",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.io.temporal.internal.worker.HeartbeatManager=error",
                Basin.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            return new ChildBasin(pb.start(), log, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** The test JVM's own class path; Surefire keeps it here when it launches through a manifest-only jar. */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, then waits until the process is gone: no shutdown hook, no cleanup, no goodbye. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(EXIT_AFTER_KILL.toSeconds(), TimeUnit.SECONDS)) {
                fail(name + " (pid " + process.pid() + ") survived SIGKILL for " + EXIT_AFTER_KILL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the process to end by itself and returns its exit code; fails with the log's tail on timeout. */
    int awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail(name + " did not finish within " + limit + "; its output ends with:\n" + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last 40 lines of the child's output. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Kills the process if it still runs, so that a failed test leaves nothing behind. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
