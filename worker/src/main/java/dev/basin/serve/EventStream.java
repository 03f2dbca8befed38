package dev.basin.serve;

import com.sun.net.httpserver.HttpExchange;
import dev.basin.db.StudyRow;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code /study/NAME/events}: server-sent events. The server polls PostgreSQL (once a second by default) and sends a
 * {@code progress} event when the members' rows changed and a {@code stages} event when a stage's state or the
 * study's status changed; the first poll sends both, so a page that connects late starts from the current state.
 * A comment line every 5 s without events finds closed connections soon (a reloaded page leaves one behind). Each
 * open stream holds one thread, so their number is capped; past the cap the answer is 503, on which a browser's
 * EventSource gives up, so the cap is far above what one person's tabs open.
 */
final class EventStream {
    static final int MAX_STREAMS = 32;
    private static final long KEEPALIVE_NANOS = Duration.ofSeconds(5).toNanos();

    private final DashboardData data;
    private final Duration poll;
    private final AtomicBoolean running;
    private final Semaphore open = new Semaphore(MAX_STREAMS);

    EventStream(DashboardData data, Duration poll, AtomicBoolean running) {
        this.data = data;
        this.poll = poll;
        this.running = running;
    }

    /** Streams events of {@code study} until the client goes away or the server stops. */
    void serve(HttpExchange exchange, String study) throws IOException {
        if (!open.tryAcquire()) {
            Responses.text(exchange, 503, "too many open event streams; close a dashboard tab");
            return;
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            Responses.common(exchange);
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                loop(out, study);
            } catch (IOException e) {
                // the page closed or reloaded: nothing to do
            }
        } finally {
            open.release();
        }
    }

    private void loop(OutputStream out, String study) throws IOException {
        write(out, "retry: 2000\n\n");
        String lastProgress = null;
        String lastStages = null;
        String lastProblem = null;
        long lastWrite = System.nanoTime();
        while (running.get()) {
            boolean sent = false;
            try {
                Optional<StudyRow> row = data.study(study);
                String status = row.map(StudyRow::status).orElse("deleted");
                String progress = Events.progress(study, data.progress(study));
                String stages = Events.stages(study, status, data.stages(study));
                if (!progress.equals(lastProgress)) {
                    send(out, "progress", progress);
                    lastProgress = progress;
                    sent = true;
                }
                if (!stages.equals(lastStages)) {
                    send(out, "stages", stages);
                    lastStages = stages;
                    sent = true;
                }
                lastProblem = null;
            } catch (RuntimeException e) {
                // The database may be restarting or gone (the run that served it ended): say so once, keep trying.
                String problem = "cannot read the study database: " + e.getMessage();
                if (!problem.equals(lastProblem)) {
                    send(out, "problem", "{\"message\":" + Json.str(problem) + "}");
                    lastProblem = problem;
                    sent = true;
                }
            }
            long now = System.nanoTime();
            if (sent) {
                lastWrite = now;
            } else if (now - lastWrite > KEEPALIVE_NANOS) {
                write(out, ": keepalive\n\n");
                lastWrite = now;
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void send(OutputStream out, String event, String json) throws IOException {
        write(out, "event: " + event + "\ndata: " + json + "\n\n"); // JSON of ours holds no raw line break
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
