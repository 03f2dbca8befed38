package dev.basin.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One Chrome DevTools Protocol connection to the browser target, over the JDK's WebSocket. Pages are
 * reached through flat sessions ({@code Target.attachToTarget} with {@code flatten}), so one socket
 * carries every page: commands name their session, and events are handed to that session's listener.
 */
final class Cdp implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One CDP event: its method name and its params. */
    record Event(String method, JsonNode params) {}

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, Consumer<Event>> listeners = new ConcurrentHashMap<>();
    private volatile Throwable broken;

    private Cdp(WebSocket socket) {
        this.socket = socket;
    }

    static Cdp connect(String url, Duration timeout) {
        Receiver receiver = new Receiver();
        WebSocket socket;
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(URI.create(url), receiver).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted connecting to " + url, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot connect to the browser at " + url, e);
        }
        Cdp cdp = new Cdp(socket);
        receiver.cdp = cdp;
        return cdp;
    }

    /** Listens to the events of one session ({@code ""} for the browser target's own). */
    void listen(String session, Consumer<Event> listener) {
        listeners.put(session, listener);
    }

    /** Sends a command and waits for its result; a CDP error becomes an exception naming the command. */
    JsonNode send(String session, String method, JsonNode params, Duration timeout) {
        if (broken != null) {
            throw new IllegalStateException("the browser connection is closed", broken);
        }
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params == null ? JSON.createObjectNode() : params);
        if (!session.isEmpty()) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            // The JDK's WebSocket refuses a send while another is still being written: one at a time.
            synchronized (socket) {
                socket.sendText(JSON.writeValueAsString(message), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            JsonNode answer = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (answer.has("error")) {
                throw new IllegalStateException(method + " failed: " + answer.get("error"));
            }
            return answer.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + method, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(method + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(method + " got no answer within " + timeout, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pending.remove(id);
        }
    }

    private void receive(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.get(message.get("id").asInt());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        Consumer<Event> listener = listeners.get(message.path("sessionId").asText(""));
        if (listener != null) {
            listener.accept(new Event(message.path("method").asText(), message.path("params")));
        }
    }

    private void fail(Throwable cause) {
        broken = cause;
        pending.values().forEach(reply -> reply.completeExceptionally(cause));
    }

    @Override
    public void close() {
        socket.abort();
    }

    /** Joins a text message's fragments and hands each whole message on. */
    private static final class Receiver implements WebSocket.Listener {
        volatile Cdp cdp;
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (cdp != null) {
                    cdp.receive(text);
                }
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            if (cdp != null) {
                cdp.fail(new IllegalStateException("the browser closed the connection: " + status + " " + reason));
            }
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            if (cdp != null) {
                cdp.fail(error);
            }
        }
    }
}
