package dev.basin.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writing responses, each with the headers every response of the dashboard carries. */
final class Responses {
    private Responses() {}

    /**
     * The page may run its own inline script and style and talk to this server only; it may not be framed (no
     * clickjacking) nor send a Referer (whose URL could hold the token).
     */
    private static final String CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    static void common(HttpExchange exchange) {
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
    }

    /** A one-line plain-text answer (errors: 403, 404, 405, 500, 503). */
    static void text(HttpExchange exchange, int status, String line) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", (line + "\n").getBytes(StandardCharsets.UTF_8), null);
    }

    static void html(HttpExchange exchange, String html) throws IOException {
        send(exchange, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), null);
    }

    /** A file to save: {@code Content-Disposition: attachment} under {@code fileName} (ASCII, no quotes). */
    static void download(HttpExchange exchange, String contentType, byte[] body, String fileName) throws IOException {
        send(exchange, 200, contentType, body, fileName);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body, String fileName)
            throws IOException {
        common(exchange);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (fileName != null) {
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
