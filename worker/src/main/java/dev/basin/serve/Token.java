package dev.basin.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's secret: 128 random bits, URL-safe base64. Any local process can connect to 127.0.0.1, and any web
 * page the user opens can make the browser send requests there; only a holder of the token printed at start sees
 * data. It arrives once as the {@code token} query parameter and is then kept in an HttpOnly, SameSite=Strict cookie,
 * so that the page's links and its EventSource (which cannot send headers) carry it without putting it in every URL.
 */
public final class Token {
    /**
     * The cookie's name on {@code port}. Browsers keep cookies per host, not per port: two dashboards on one machine
     * (two data folders) would otherwise overwrite each other's token.
     */
    public static String cookie(int port) {
        return "basin_token_" + port;
    }
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private Token(String value) {
        this.value = value;
    }

    /** A new token: 16 bytes of SecureRandom, URL-safe base64 without padding (22 characters). */
    public static Token random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new Token(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** A token of a known value, for tests. */
    static Token of(String value) {
        return new Token(value);
    }

    public String value() {
        return value;
    }

    /**
     * Whether {@code candidate} is this token. The comparison takes the same time wherever the first difference is
     * ({@link MessageDigest#isEqual}), so that response times do not reveal a prefix; only the length can show.
     */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code Set-Cookie} value that keeps the token in the browser for the pages of the server on {@code port}. */
    public String setCookie(int port) {
        return cookie(port) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
    }

    /** The {@code token} parameter of a raw (still percent-encoded) query string, if present. */
    static Optional<String> fromQuery(String rawQuery) {
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("token=")) {
                // A URL-safe base64 token needs no decoding; an encoded one is not ours anyway.
                return Optional.of(pair.substring("token=".length()));
            }
        }
        return Optional.empty();
    }

    /** The value of cookie {@code name} among the request's {@code Cookie} headers, if present. */
    static Optional<String> fromCookies(List<String> cookieHeaders, String name) {
        if (cookieHeaders == null) {
            return Optional.empty();
        }
        for (String header : cookieHeaders) {
            for (String part : header.split(";")) {
                String p = part.strip();
                if (p.startsWith(name + "=")) {
                    return Optional.of(p.substring(name.length() + 1));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Token[hidden]"; // never in a log line by accident
    }
}
