package dev.basin.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Secrets of the embedded stack, generated once per data folder and kept in
 * {@code <data>/credentials.properties} (mode 0600), so a restarted stack reopens the same
 * database and bucket. {@link #toString()} shows none of them.
 *
 * <p>Every secret is alphanumeric: PostgreSQL's {@code ALTER ROLE ... PASSWORD} takes no bind
 * parameter, so the bootstrap inlines it, and this alphabet keeps that safe.
 */
public record Credentials(String postgresPassword, String dbPassword, String s3AccessKey, String s3SecretKey,
                          String readerPassword, String temporalToken) {

    public static final String FILE = "credentials.properties";
    static final Pattern SAFE = Pattern.compile("[A-Za-z0-9]{16,}");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    public Credentials {
        for (String secret : new String[] {postgresPassword, dbPassword, s3AccessKey, s3SecretKey, readerPassword,
                temporalToken}) {
            if (secret == null || !SAFE.matcher(secret).matches()) {
                throw new IllegalArgumentException("a stack secret must be 16 or more letters and digits");
            }
        }
    }

    /**
     * Reads the data folder's credentials, creating them (0600) on first use. A file written by an older
     * Basin, without the read-only role's password or the Temporal token, gains fresh ones in place.
     */
    public static synchronized Credentials loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                Properties p = load(file);
                if (p.getProperty("reader.password") != null && p.getProperty("temporal.token") != null) {
                    return read(file, p);
                }
                p.putIfAbsent("reader.password", random(32));
                p.putIfAbsent("temporal.token", random(40));
                Credentials upgraded = read(file, p);
                write(upgraded, file);
                return upgraded;
            }
            Credentials fresh = new Credentials(random(32), random(32), "basin" + random(15), random(40), random(32),
                    random(40));
            write(fresh, file);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    private static Credentials read(Path file, Properties p) {
        try {
            return new Credentials(p.getProperty("postgres.password"), p.getProperty("db.password"),
                    p.getProperty("s3.access-key"), p.getProperty("s3.secret-key"), p.getProperty("reader.password"),
                    p.getProperty("temporal.token"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is damaged (" + e.getMessage() + "); remove it only together"
                    + " with the data folder it belongs to", e);
        }
    }

    private static void write(Credentials c, Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("postgres.password", c.postgresPassword());
        p.setProperty("db.password", c.dbPassword());
        p.setProperty("s3.access-key", c.s3AccessKey());
        p.setProperty("s3.secret-key", c.s3SecretKey());
        p.setProperty("reader.password", c.readerPassword());
        p.setProperty("temporal.token", c.temporalToken());
        DataFolder.writePrivately(file, p, "Basin embedded stack secrets for this data folder. Keep private.");
    }

    private static String random(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "Credentials[postgresPassword=***, dbPassword=***, s3AccessKey=***, s3SecretKey=***, readerPassword=***,"
                + " temporalToken=***]";
    }
}
