package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Part 9 helpers: the embedded stack's generated secrets, output captured with the log lines, and
 * {@code basin up} run in a process of its own, as a user runs it.
 */
final class Secrets {
    private Secrets() {}

    /** The generated secrets of a data folder; each long and random, so a match is never chance. */
    static List<String> secrets(Path dataDir) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(dataDir.resolve("credentials.properties"))) {
            p.load(in);
        }
        List<String> secrets = p.stringPropertyNames().stream().map(p::getProperty).toList();
        assertEquals(6, secrets.size(), "postgres, db, the two S3 keys, the reader's password and the Temporal token");
        for (String s : secrets) {
            assertNotEquals("", s);
            assertTrue(s.length() >= 16, "secrets are long enough not to match by chance");
        }
        return secrets;
    }

    /** Runs {@code run} with System.err captured too (where the log lines go), appended to its err. */
    static Cli.Output capturingStderr(Supplier<Cli.Output> run) {
        PrintStream err = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            Cli.Output o = run.get();
            return new Cli.Output(o.code(), o.out(), o.err() + buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
            err.print(buffer.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * {@code basin up --data-dir data} in its own JVM (logging at INFO, so that more could leak),
     * returned once it serves; {@link #close} stops it with SIGTERM, as Ctrl-C would.
     */
    static final class BasinUp implements AutoCloseable {
        private final Process process;
        private final Thread reader;
        private final StringBuilder output = new StringBuilder();

        BasinUp(Path data) throws Exception {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            process = new ProcessBuilder(java.toString(), "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                    "-cp", System.getProperty("java.class.path"), Basin.class.getName(), "up", "--data-dir", data.toString())
                    .redirectErrorStream(true).start();
            CompletableFuture<Void> serving = new CompletableFuture<>();
            reader = new Thread(() -> readLines(process.getInputStream(), output, serving), "basin-up-output");
            reader.setDaemon(true);
            reader.start();
            try {
                serving.get(120, TimeUnit.SECONDS);
            } catch (Exception e) {
                close();
                throw e;
            }
        }

        /** Everything it printed, stdout and stderr; complete after {@link #close}. */
        String output() {
            synchronized (output) {
                return output.toString();
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            reader.join(10_000);
        }
    }

    private static void readLines(InputStream in, StringBuilder into, CompletableFuture<Void> serving) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (into) {
                    into.append(line).append('\n');
                }
                if (line.startsWith("Serving over")) {
                    serving.complete(null);
                }
            }
            serving.completeExceptionally(new IllegalStateException("basin up ended before serving:\n" + into));
        } catch (IOException e) {
            serving.completeExceptionally(e);
        }
    }
}
