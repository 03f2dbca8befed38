package dev.basin.cli;

import dev.basin.infra.Credentials;
import dev.basin.infra.DataFolder;
import dev.basin.infra.EmbeddedStack;
import dev.basin.infra.Endpoints;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Serves the embedded stack on its own, so that {@code basin worker} and {@code basin submit} in other
 * terminals (several workers on one machine, say) share it. They find it through
 * {@code <data-dir>/endpoints.properties}, which says where the servers listen; the credentials are
 * read from the stack's own {@code credentials.properties} (mode 0600), never copied. A
 * {@code basin run} that starts the stack itself publishes the same file while it runs.
 */
@Command(name = "up", description = "Start the embedded stack (Temporal, S3, PostgreSQL) and serve it until Ctrl-C.")
final class UpCommand implements Callable<Integer> {
    private static final String FILE = "endpoints.properties";

    @Mixin ConnectionOptions connection;

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedStack stack = EmbeddedStack.start(connection.dataDir);
        Path file = write(connection.dataDir, stack.endpoints());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            unpublish(file);
            stack.close();
            stopped.countDown();
        }));
        System.out.println(stack.endpoints().describe());
        System.out.println("Serving over " + connection.dataDir + ". `basin worker` and `basin submit` here use it. Ctrl-C to stop.");
        stopped.await();
        return 0;
    }

    /** The endpoints of a stack {@code basin up} serves over {@code dataDir}, if one answers. */
    static Optional<Endpoints> served(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(dataDir.resolve(Credentials.FILE))) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        // The secrets stay in the one file the stack keeps them in; this file only says where it listens.
        Credentials c = Credentials.loadOrCreate(dataDir);
        Endpoints e = new Endpoints(p.getProperty("temporalTarget"), p.getProperty("temporalNamespace"),
                p.getProperty("s3Endpoint"), p.getProperty("s3Region"), p.getProperty("bucket"), c.s3AccessKey(),
                c.s3SecretKey(), p.getProperty("dbUrl"), p.getProperty("dbUser"), c.dbPassword(), c.temporalToken());
        return answers(e.temporalTarget()) ? Optional.of(e) : Optional.empty();
    }

    /** The process that serves the stack over {@code dataDir} and stops it when it ends, if it is not {@code basin up}. */
    static OptionalLong passingOwner(Path dataDir) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(dataDir.resolve(FILE))) {
            p.load(in);
        } catch (IOException e) {
            return OptionalLong.empty(); // gone since: its owner stopped
        }
        String pid = p.getProperty("passingOwnerPid");
        return pid == null || !pid.matches("[0-9]{1,18}") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(pid));
    }

    private static boolean answers(String hostPort) {
        URI uri = URI.create("tcp://" + hostPort);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes {@code <dataDir>/endpoints.properties}, through which every other Basin command over
     * {@code dataDir} attaches to a served stack; returns its path. The file is written whole, 0600,
     * and moved into place, so a reader never sees half of it.
     */
    static Path write(Path dataDir, Endpoints e) {
        return write(dataDir, e, false);
    }

    /**
     * As {@link #write(Path, Endpoints)}; {@code passing} says the stack belongs to a command that stops
     * it when it ends (a {@code basin run}), not to {@code basin up}: the file then names that process.
     */
    static Path write(Path dataDir, Endpoints e, boolean passing) {
        Path file = dataDir.resolve(FILE);
        Properties p = new Properties();
        if (passing) {
            p.setProperty("passingOwnerPid", Long.toString(ProcessHandle.current().pid()));
        }
        p.setProperty("temporalTarget", e.temporalTarget());
        p.setProperty("temporalNamespace", e.temporalNamespace());
        p.setProperty("s3Endpoint", e.s3Endpoint());
        p.setProperty("s3Region", e.s3Region());
        p.setProperty("bucket", e.bucket());
        p.setProperty("dbUrl", e.dbUrl());
        p.setProperty("dbUser", e.dbUser());
        try {
            DataFolder.writePrivately(file, p, "written by the Basin process that serves this stack; removed when it stops");
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
        return file;
    }

    /**
     * Removes a file {@link #write} wrote, if any. A file left behind (by a killed process) is
     * recognised as stale by {@link #served}: nothing answers on its Temporal port.
     */
    static void unpublish(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the stale file is detected by the next reader: nothing answers on its ports
        }
    }
}
