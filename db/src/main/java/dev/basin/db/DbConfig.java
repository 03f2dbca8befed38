package dev.basin.db;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where Basin's PostgreSQL is and how to log in.
 *
 * <p>{@link #toString()} never shows the password, nor a {@code password=} parameter that a user
 * may have put into the JDBC URL itself.
 */
public record DbConfig(String url, String user, String password) {

    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

    public DbConfig {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + redact(url));
        }
    }

    /** The URL with any {@code password=} parameter blanked, for messages and logs. */
    public String safeUrl() {
        return redact(url);
    }

    static String redact(String url) {
        return URL_PASSWORD.matcher(url).replaceAll("$1***");
    }

    @Override
    public String toString() {
        return "DbConfig[url=" + safeUrl() + ", user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
