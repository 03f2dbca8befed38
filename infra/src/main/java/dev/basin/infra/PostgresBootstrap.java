package dev.basin.infra;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prepares a PostgreSQL data folder just before each start (zonky calls it after initdb).
 *
 * <p>zonky's initdb leaves every connection trusted. The first time, this sets the superuser's
 * password and creates role and database {@code basin} in single-user mode, where no network is
 * open, and only then writes a {@code pg_hba.conf} that asks every TCP connection for a password.
 * So the server never listens with trust authentication, not even during the first start.
 */
final class PostgresBootstrap {

    /** First line of the pg_hba.conf Basin writes: its presence means the bootstrap is done. */
    static final String HBA_MARKER = "# Written by Basin: every connection needs a password; loopback TCP only.";
    private static final String INCLUDE = "include_if_exists = 'basin.conf'";

    private PostgresBootstrap() {
    }

    static void prepare(Path pgData, Path binaries, Credentials credentials, Path log) {
        try {
            Files.writeString(pgData.resolve("basin.conf"), """
                    # Written by Basin at every start.
                    unix_socket_directories = ''
                    password_encryption = 'scram-sha-256'
                    """);
            Path conf = pgData.resolve("postgresql.conf");
            if (!Files.readString(conf).contains(INCLUDE)) {
                Files.writeString(conf, "\n" + INCLUDE + "\n", StandardOpenOption.APPEND);
            }
            Path hba = pgData.resolve("pg_hba.conf");
            if (Files.exists(hba) && Files.readString(hba).startsWith(HBA_MARKER)) {
                return;
            }
            createRoles(pgData, binaries, credentials, log);
            Files.writeString(hba, HBA_MARKER + "\n"
                    + "host all all 127.0.0.1/32 scram-sha-256\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare PostgreSQL data folder " + pgData, e);
        }
    }

    /**
     * Runs the bootstrap statements in single-user mode. Each line is one statement; one that
     * fails ("already exists", after an interrupted earlier bootstrap) is reported in the log and
     * the next runs, so running this again is harmless.
     */
    private static void createRoles(Path pgData, Path binaries, Credentials credentials, Path log) throws IOException {
        // Utility statements take no bind parameters; Credentials guarantees alphanumeric secrets.
        String sql = "ALTER ROLE postgres PASSWORD '" + credentials.postgresPassword() + "'\n"
                + "CREATE ROLE " + LocalPostgres.USER + " LOGIN\n"
                + "ALTER ROLE " + LocalPostgres.USER + " LOGIN PASSWORD '" + credentials.dbPassword() + "'\n"
                + "CREATE DATABASE " + LocalPostgres.DATABASE + " OWNER " + LocalPostgres.USER + "\n";
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // As zonky does for its own commands: PostgreSQL refuses to run as root, but runs as
            // root mapped to an unprivileged user in a fresh user namespace.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(postgresBinary(binaries).toString(), "--single", "-D", pgData.toString(), "-F",
                "-c", "listen_addresses=", "-c", "unix_socket_directories=", "postgres"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = pb.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(sql.getBytes(StandardCharsets.UTF_8));
        }
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("PostgreSQL bootstrap did not finish in 120 s (see " + log + ")");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the PostgreSQL bootstrap", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("PostgreSQL bootstrap failed with exit code " + process.exitValue()
                    + " (see " + log + ")");
        }
    }

    /** zonky unpacks into {@code PG-<digest>}, marking a finished unpack with {@code .exists}. */
    private static Path postgresBinary(Path binaries) throws IOException {
        try (Stream<Path> dirs = Files.list(binaries)) {
            List<Path> unpacked = dirs
                    .filter(d -> d.getFileName().toString().startsWith("PG-") && Files.exists(d.resolve(".exists")))
                    .sorted(Comparator.comparing(PostgresBootstrap::modified).reversed())
                    .toList();
            if (unpacked.isEmpty()) {
                throw new IllegalStateException("no unpacked PostgreSQL binaries under " + binaries);
            }
            return unpacked.get(0).resolve("bin").resolve("postgres");
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
