package dev.basin.browser;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Debian's chromium, headless, driven over the DevTools protocol, for tests that look at Basin's pages
 * in a real browser. Each instance has a fresh profile in a temporary folder; {@link #close} kills the
 * browser and every process it started and deletes the profile.
 *
 * <p>When {@code /usr/bin/chromium} is missing, {@link #start} runs {@code infra/install-chromium} (which
 * installs it when we are root) and fails the test, not skips it, when it is still missing: a browser
 * test that quietly does not run would hide the very errors it is there to catch.
 */
public final class Chromium implements AutoCloseable {
    static final Path BINARY = Paths.get("/usr/bin/chromium");
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String LISTENING = "DevTools listening on ";

    private final Process process;
    private final Path profile;
    private final Cdp cdp;
    private final List<String> stderr;

    private Chromium(Process process, Path profile, Cdp cdp, List<String> stderr) {
        this.process = process;
        this.profile = profile;
        this.cdp = cdp;
        this.stderr = stderr;
    }

    /** Installs chromium when it is missing (see the class comment), starts it and connects. */
    public static Chromium start() {
        ensureInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory("basin-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process;
        try {
            process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--remote-debugging-port=0",
                    "--user-data-dir=" + profile, "about:blank")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            delete(profile);
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
        List<String> stderr = new ArrayList<>();
        CompletableFuture<String> url = new CompletableFuture<>();
        // Chromium keeps writing to stderr while it runs: read it to the end, or it blocks on a full pipe.
        Thread reader = new Thread(() -> readStderr(process, stderr, url), "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            String ws = url.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new Chromium(process, profile, Cdp.connect(ws, TIMEOUT), stderr);
        } catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
            kill(process);
            delete(profile);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            synchronized (stderr) {
                throw new IllegalStateException("chromium did not start; its stderr:\n" + String.join("\n", stderr), e);
            }
        }
    }

    /** A new tab with a 1280×800 viewport, about:blank, its events recorded from now on. */
    public Page newPage() {
        JsonNode target = cdp.send("", "Target.createTarget",
                Cdp.JSON.createObjectNode().put("url", "about:blank"), TIMEOUT);
        JsonNode session = cdp.send("", "Target.attachToTarget", Cdp.JSON.createObjectNode()
                .put("targetId", target.get("targetId").asText()).put("flatten", true), TIMEOUT);
        return new Page(cdp, session.get("sessionId").asText());
    }

    /** The temporary profile folder, which {@link #close} deletes. */
    Path profile() {
        return profile;
    }

    /** The process started, and its descendants now: {@link #close} ends all of them. */
    List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        return all;
    }

    /** What chromium wrote to stderr so far, for failure messages. */
    public String stderr() {
        synchronized (stderr) {
            return String.join("\n", stderr);
        }
    }

    @Override
    public void close() {
        try {
            cdp.send("", "Browser.close", null, Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            // closed already, or hung: the process is killed below either way
        }
        cdp.close();
        kill(process);
        delete(profile);
    }

    private static void readStderr(Process process, List<String> lines, CompletableFuture<String> url) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (lines) {
                    if (lines.size() < 500) {
                        lines.add(line);
                    }
                }
                int at = line.indexOf(LISTENING);
                if (at >= 0) {
                    url.complete(line.substring(at + LISTENING.length()).trim());
                }
            }
        } catch (IOException e) {
            // the process is gone: the wait below reports it
        }
        url.completeExceptionally(new IllegalStateException("chromium exited before it listened"));
    }

    /**
     * Kills the browser and its helpers (zygotes, renderers, the GPU process). /usr/bin/chromium is a shell
     * script that does not exec the binary, so the browser itself is a child of the process we started.
     */
    private static void kill(Process process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                p.destroyForcibly();
            }
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a file chromium wrote while dying; the temp folder is the OS's to clean
        }
    }

    /** Runs infra/install-chromium when the binary is missing; fails the test when that does not help. */
    static void ensureInstalled() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        Path script = installer();
        String output;
        try {
            Process p = new ProcessBuilder(script.toString()).redirectErrorStream(true).start();
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (!Files.isExecutable(BINARY)) {
            fail(BINARY + " is missing and " + script + " could not install it:\n" + output);
        }
    }

    /** infra/install-chromium of this checkout: Maven runs the tests in the module folder, below it. */
    private static Path installer() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("infra/install-chromium");
            if (Files.isRegularFile(script)) {
                return script;
            }
        }
        return fail("infra/install-chromium not found above " + Paths.get("").toAbsolutePath());
    }
}
