package dev.basin.infra;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A PostgreSQL server over {@code <data>/pg}, listening on 127.0.0.1 only (no Unix socket), with
 * a database {@code basin} owned by a role {@code basin}. Every connection needs a password
 * (SCRAM); the passwords come from the data folder's {@link Credentials}.
 *
 * <p>The binaries unpack into {@code <data>/pg-bin}; the server log goes to
 * {@code <data>/log/postgres.log}. A server left running by a Basin that was killed is stopped
 * first ({@link OrphanPostmaster}), and every start of a stack takes a fresh free port, so a new start can
 * never end up talking to an old server.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String DATABASE = "basin";
    public static final String USER = "basin";
    /** The read-only role of {@code basin sql} ({@link ReaderRole}); its password is {@link Credentials#readerPassword()}. */
    public static final String READER = "basin_reader";

    private final EmbeddedPostgres server;
    private boolean closed;

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    public static LocalPostgres start(Path dataDir, Credentials credentials) {
        try {
            return start(dataDir, credentials, freeLoopbackPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port for PostgreSQL", e);
        }
    }

    /**
     * Starts on {@code port} of the loopback address. A given port restarts a stopped server where its
     * clients expect it, as a test of a database outage needs.
     */
    public static LocalPostgres start(Path dataDir, Credentials credentials, int port) {
        Path pgData = dataDir.resolve("pg").toAbsolutePath();
        Path binaries = dataDir.resolve("pg-bin").toAbsolutePath();
        Path log = dataDir.resolve("log").resolve("postgres.log").toAbsolutePath();
        try {
            Files.createDirectories(binaries);
            Files.createDirectories(log.getParent());
            OrphanPostmaster.stop(pgData);
            ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setPgBinaryResolver(new FolderResolver(binaries))
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("listen_addresses", InetAddress.getLoopbackAddress().getHostAddress())
                    // zonky turns this off for speed; Basin's metrics must survive a power cut.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "100")
                    // zonky checks readiness as the superuser over TCP, which needs the password too.
                    .setConnectConfig("password", credentials.postgresPassword())
                    .setDataDirectoryCustomizer(dir -> PostgresBootstrap.prepare(dir.toPath(), binaries, credentials, log))
                    .setOutputRedirector(toLog)
                    .setErrorRedirector(toLog)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new LocalPostgres(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL over " + pgData + " (see " + log + ")", e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port() + "/" + DATABASE;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop PostgreSQL", e);
        }
    }

    /**
     * The default binaries, under a resolver of their own per folder. zonky remembers where it unpacked
     * the binaries of each resolver for the JVM's life, and would otherwise hand a second stack in the
     * same JVM (a test, another data folder) the first stack's folder, where {@link PostgresBootstrap}
     * does not look.
     */
    private record FolderResolver(Path binaries) implements PgBinaryResolver {
        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        }
    }

    /** A port that was free a moment ago; PostgreSQL binds it itself, so a tiny race remains. */
    static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
