package dev.basin.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deals with the {@code postmaster.pid} of a data folder before a new server starts on it.
 *
 * <p>When the JVM that started PostgreSQL is killed with SIGKILL, the postmaster keeps running
 * and keeps its {@code postmaster.pid}. If it is alive, it is stopped (SIGTERM, then SIGKILL for it
 * and its backends, which would otherwise keep the old shared memory attached); a pid file that
 * names a dead or unrelated process is removed, since PostgreSQL refuses to start while the pid
 * it names is alive, whatever that process is.
 */
final class OrphanPostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanPostmaster.class);
    private static final long GRACE_SECONDS = 15;

    private OrphanPostmaster() {
    }

    static void stop(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (java.nio.file.NoSuchFileException e) {
            return;
        }
        Optional<ProcessHandle> live = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0))
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(OrphanPostmaster::isPostgres);
        if (live.isPresent()) {
            ProcessHandle p = live.get();
            if (!servesFolder(p, pgData)) {
                // Two postmasters on one data folder would corrupt it: never guess here.
                throw new IllegalStateException(pgData.resolve("postmaster.pid") + " names PostgreSQL process "
                        + p.pid() + ", which does not appear to serve this folder; stop that process or, if it"
                        + " is unrelated, remove the pid file");
            }
            LOG.warn("stopping PostgreSQL (pid {}) left running on {} by an earlier Basin", p.pid(), pgData);
            List<ProcessHandle> backends = p.descendants().toList();
            p.destroy();
            if (!exited(p, GRACE_SECONDS)) {
                LOG.warn("PostgreSQL (pid {}) ignored SIGTERM for {} s; killing it", p.pid(), GRACE_SECONDS);
                p.destroyForcibly();
                backends.forEach(ProcessHandle::destroyForcibly);
                exited(p, 5);
            }
            for (ProcessHandle backend : backends) {
                exited(backend, 5);
            }
        }
        // A clean shutdown removes the file; after a kill, or for a dead pid, it is stale.
        Files.deleteIfExists(pidFile);
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle p) {
        return p.info().command().map(c -> c.endsWith("/postgres") || c.equals("postgres")).orElse(false);
    }

    /** True when the OS hides the arguments: the pid file itself then is the only evidence. */
    private static boolean servesFolder(ProcessHandle p, Path pgData) {
        return p.info().arguments().map(args -> String.join(" ", args).contains(pgData.toString())).orElse(true);
    }

    private static boolean exited(ProcessHandle p, long seconds) {
        try {
            p.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }
}
