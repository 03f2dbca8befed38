package dev.basin.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Lets a request through only when its {@code Host} is this server's own loopback address (a page on another site
 * that rebinds its DNS name to 127.0.0.1 sends its own name) and it carries the token, as the {@code token} query
 * parameter or the cookie. A request that fails gets 403 and nothing else.
 */
final class Guard {
    private final Token token;
    private final int port;

    Guard(Token token, int port) {
        this.token = token;
        this.port = port;
    }

    /** Whether to serve the request; when not, the 403 has been sent. Sets the cookie on a good query token. */
    boolean allows(HttpExchange exchange) throws IOException {
        List<String> hosts = exchange.getRequestHeaders().get("Host");
        if (hosts == null || hosts.size() != 1 || !hostAllowed(hosts.get(0))) {
            Responses.text(exchange, 403, "forbidden: the Host header must be 127.0.0.1:" + port + " or localhost:" + port);
            return false;
        }
        boolean byQuery = Token.fromQuery(exchange.getRequestURI().getRawQuery()).map(token::matches).orElse(false);
        boolean byCookie = Token.fromCookies(exchange.getRequestHeaders().get("Cookie"), Token.cookie(port)).map(token::matches).orElse(false);
        if (!byQuery && !byCookie) {
            Responses.text(exchange, 403, "forbidden: open the URL with ?token=... that basin serve printed");
            return false;
        }
        if (byQuery && !byCookie) {
            exchange.getResponseHeaders().add("Set-Cookie", token.setCookie(port));
        }
        return true;
    }

    boolean hostAllowed(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.equals("127.0.0.1:" + port) || h.equals("localhost:" + port);
    }
}
