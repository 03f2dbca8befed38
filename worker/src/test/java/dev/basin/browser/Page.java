package dev.basin.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One browser tab. From its creation on it records what a person would call an error on the page: console
 * errors and failed assertions, uncaught exceptions, the browser's own error log (a resource that would not
 * load, a blocked request) and failed network requests; and every URL the page requested.
 */
public final class Page {
    /** The viewport: wide enough for two figures side by side, and the README's screenshot width. */
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 800;

    /** What a navigation ended with: the document's HTTP status (0 when none came) and the browser's error. */
    public record Loaded(int status, String errorText) {}

    private final Cdp cdp;
    private final String session;
    private final List<String> errors = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();
    private final Map<String, String> urls = new ConcurrentHashMap<>();
    private final Map<String, Integer> documentStatus = new ConcurrentHashMap<>();
    private volatile CompletableFuture<Void> load = new CompletableFuture<>();

    Page(Cdp cdp, String session) {
        this.cdp = cdp;
        this.session = session;
        cdp.listen(session, this::event);
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            send(domain + ".enable", null);
        }
        send("Emulation.setDeviceMetricsOverride", Cdp.JSON.createObjectNode().put("width", WIDTH)
                .put("height", HEIGHT).put("deviceScaleFactor", 1).put("mobile", false));
    }

    /** Opens {@code url} and waits for its load event. */
    public Loaded navigate(String url) {
        load = new CompletableFuture<>();
        JsonNode reply = send("Page.navigate", Cdp.JSON.createObjectNode().put("url", url));
        try {
            load.get(Chromium.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(url + " did not finish loading within " + Chromium.TIMEOUT, e);
        }
        return new Loaded(documentStatus.getOrDefault(reply.path("loaderId").asText(), 0),
                reply.path("errorText").asText(""));
    }

    /**
     * The value of a JavaScript expression (a promise is awaited), as JSON. An exception in it fails here,
     * with its description, rather than coming back as a value.
     */
    public JsonNode evaluate(String expression) {
        JsonNode reply = send("Runtime.evaluate", Cdp.JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (reply.has("exceptionDetails")) {
            JsonNode details = reply.get("exceptionDetails");
            throw new IllegalStateException("evaluating " + expression + " threw: "
                    + details.path("exception").path("description").asText(details.path("text").asText()));
        }
        return reply.path("result").path("value");
    }

    /** Evaluates {@code expression} until it is truthy, and returns that value; fails after {@code limit}. */
    public JsonNode waitFor(String expression, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            JsonNode value = evaluate(expression);
            boolean truthy = !(value.isMissingNode() || value.isNull() || (value.isBoolean() && !value.asBoolean())
                    || (value.isNumber() && value.asDouble() == 0) || (value.isTextual() && value.asText().isEmpty()));
            if (truthy) {
                return value;
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("still false after " + limit + ": " + expression);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The errors recorded so far (see the class comment), one line each. */
    public List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    /** Every URL the page requested so far, the documents included, in order. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The images of the document that did not load (an {@code img} with no natural width), by source. */
    public List<String> brokenImages() {
        List<String> broken = new ArrayList<>();
        evaluate("Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0)"
                + ".map(i => i.currentSrc || i.src || '(no src)')").forEach(n -> broken.add(n.asText()));
        return broken;
    }

    /** A PNG of the whole page, not only the viewport. */
    public void screenshot(Path file) {
        screenshot(file, Integer.MAX_VALUE);
    }

    /** A PNG of the page's top {@code maxHeight} CSS pixels (all of it when it is shorter), page width. */
    public void screenshot(Path file, int maxHeight) {
        JsonNode size = send("Page.getLayoutMetrics", null).path("cssContentSize");
        ObjectNode clip = Cdp.JSON.createObjectNode().put("x", 0).put("y", 0).put("scale", 1)
                .put("width", Math.max(WIDTH, Math.ceil(size.path("width").asDouble())))
                .put("height", Math.max(1, Math.min(maxHeight, Math.ceil(size.path("height").asDouble()))));
        ObjectNode params = Cdp.JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        params.set("clip", clip);
        byte[] png = Base64.getDecoder().decode(send("Page.captureScreenshot", params).path("data").asText());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode send(String method, JsonNode params) {
        return cdp.send(session, method, params, Chromium.TIMEOUT);
    }

    private void event(Cdp.Event e) {
        JsonNode p = e.params();
        switch (e.method()) {
            case "Page.loadEventFired" -> load.complete(null);
            case "Runtime.consoleAPICalled" -> {
                String type = p.path("type").asText();
                if (type.equals("error") || type.equals("assert")) {
                    StringBuilder text = new StringBuilder("console." + type + ":");
                    p.path("args").forEach(a -> text.append(' ')
                            .append(a.has("value") ? a.get("value").asText() : a.path("description").asText()));
                    error(text.toString());
                }
            }
            case "Runtime.exceptionThrown" -> {
                JsonNode d = p.path("exceptionDetails");
                error("uncaught: " + d.path("exception").path("description").asText(d.path("text").asText()));
            }
            case "Log.entryAdded" -> {
                JsonNode entry = p.path("entry");
                if (entry.path("level").asText().equals("error")) {
                    error("log: " + entry.path("text").asText() + " " + entry.path("url").asText(""));
                }
            }
            case "Network.requestWillBeSent" -> {
                String url = p.path("request").path("url").asText();
                urls.put(p.path("requestId").asText(), url);
                synchronized (requests) {
                    requests.add(url);
                }
            }
            case "Network.responseReceived" -> {
                if (p.path("type").asText().equals("Document")) {
                    documentStatus.put(p.path("loaderId").asText(), p.path("response").path("status").asInt());
                }
            }
            case "Network.loadingFailed" -> {
                // A request the page itself dropped (an event stream closed on leaving) did not fail.
                if (!p.path("canceled").asBoolean(false)) {
                    error("request failed: " + urls.getOrDefault(p.path("requestId").asText(), "?") + " "
                            + p.path("errorText").asText());
                }
            }
            default -> { }
        }
    }

    private void error(String line) {
        synchronized (errors) {
            errors.add(line);
        }
    }
}
