package dev.basin.serve;

import com.sun.net.httpserver.HttpServer;
import dev.basin.artifacts.ArtifactStore;
import dev.basin.db.StudyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code basin serve}'s web server: the JDK's HTTP server on 127.0.0.1 only, behind a random {@link Token}. It reads
 * through the {@link StudyStore} and {@link ArtifactStore} it is given and builds reports with a {@link ReportSource};
 * it owns none of them. Close it to stop it.
 */
public final class DashboardServer implements AutoCloseable {
    /** The port {@code basin serve} tries first. */
    public static final int DEFAULT_PORT = 8765;

    private final HttpServer server;
    private final ExecutorService threads;
    private final AtomicBoolean running;
    private final Token token;

    private DashboardServer(HttpServer server, ExecutorService threads, AtomicBoolean running, Token token) {
        this.server = server;
        this.threads = threads;
        this.running = running;
        this.token = token;
    }

    /** Starts on {@code port} (0: any free port), polling the database once a second for the event streams. */
    public static DashboardServer start(int port, StudyStore store, ArtifactStore artifacts, ReportSource reports) {
        return start(port, store, artifacts, reports, Duration.ofSeconds(1), Token.random());
    }

    static DashboardServer start(int port, StudyStore store, ArtifactStore artifacts, ReportSource reports,
                                 Duration poll, Token token) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0 to 65535, got " + port);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 32);
        } catch (BindException e) {
            throw new IllegalStateException("port " + port + " on 127.0.0.1 is taken; choose another with --port,"
                    + " or --port 0 for any free one");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        DashboardData data = new DashboardData(store, artifacts);
        Guard guard = new Guard(token, server.getAddress().getPort());
        server.createContext("/", new Routes(guard, data, new Reports(reports), new EventStream(data, poll, running)));
        // One thread per open request: event streams hold theirs for as long as the page is open.
        ExecutorService threads = Executors.newCachedThreadPool(daemons());
        server.setExecutor(threads);
        server.start();
        return new DashboardServer(server, threads, running, token);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The address to open, with the token: {@code http://127.0.0.1:PORT/?token=...}. */
    public String url() {
        return "http://127.0.0.1:" + port() + "/?token=" + token.value();
    }

    Token token() {
        return token;
    }

    @Override
    public void close() {
        if (!running.getAndSet(false)) {
            return;
        }
        server.stop(1); // event streams see the flag within one poll and end
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemons() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "basin-dashboard-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
