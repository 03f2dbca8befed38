package dev.basin.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --db-sslmode}: pgjdbc's {@code sslmode}, added to the external database's JDBC URL. */
final class DbSslMode {
    /** A constant, for the option's description. */
    static final String ALLOWED = "disable|allow|prefer|require|verify-ca|verify-full";
    static final List<String> MODES = List.of(ALLOWED.split("\\|"));
    private static final Pattern IN_URL = Pattern.compile("[?&]sslmode=([^&]*)", Pattern.CASE_INSENSITIVE);

    private DbSslMode() {
    }

    /**
     * {@code url} with {@code sslmode=mode} added; {@code url} itself when {@code mode} is null, or when
     * the URL already says the same.
     *
     * @throws BadInputException if {@code mode} is not one of {@link #MODES}, or the URL names another mode
     */
    static String apply(String url, String mode) {
        if (mode == null) {
            return url;
        }
        if (!MODES.contains(mode)) {
            throw new BadInputException("--db-sslmode (or BASIN_DB_SSLMODE) must be one of " + ALLOWED + ", got '"
                    + mode + "'");
        }
        Matcher m = IN_URL.matcher(url);
        if (m.find()) {
            if (m.group(1).equals(mode)) {
                return url;
            }
            throw new BadInputException("--db-sslmode " + mode + " disagrees with sslmode=" + m.group(1)
                    + " in --db-url; give it once");
        }
        return url + (url.contains("?") ? "&" : "?") + "sslmode=" + mode;
    }
}
