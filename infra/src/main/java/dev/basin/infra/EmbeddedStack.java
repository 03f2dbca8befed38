package dev.basin.infra;

import dev.basin.db.Database;
import dev.basin.db.DbConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The local stack {@code basin run} and {@code basin up} start when no external endpoints are
 * given: Temporal, S3 and PostgreSQL on 127.0.0.1, their state under one data folder
 * (by default {@code ./basin-data}), which one Basin process at a time may use.
 */
public final class EmbeddedStack implements AutoCloseable {

    public static final Path DEFAULT_DATA_DIR = Path.of("basin-data");

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final LocalPostgres postgres;
    private final LocalS3 s3;
    private final LocalTemporal temporal;
    private final Endpoints endpoints;
    private boolean closed;

    private EmbeddedStack(Path dir, FileChannel lockChannel, FileLock lock, LocalPostgres postgres, LocalS3 s3,
                          LocalTemporal temporal, Endpoints endpoints) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.postgres = postgres;
        this.s3 = s3;
        this.temporal = temporal;
        this.endpoints = endpoints;
    }

    /**
     * Starts the three servers (in parallel) over {@code dataDir}, creating it if needed, and
     * migrates the database, then sets up {@code basin sql}'s read-only role ({@link ReaderRole}). The
     * folder and everything in it are kept private ({@link DataFolder}).
     *
     * @throws IllegalStateException if another Basin process (or this one) is using {@code dataDir}
     */
    public static EmbeddedStack start(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        FileChannel channel = null;
        FileLock lock = null;
        List<AutoCloseable> started = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "basin-stack-start");
            t.setDaemon(true);
            return t;
        });
        try {
            DataFolder.create(dir);
            channel = FileChannel.open(dir.resolve(".lock"), Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    DataFolder.OWNER_ONLY);
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new IllegalStateException("another Basin process is using " + dir);
            }
            Credentials credentials = Credentials.loadOrCreate(dir);
            CompletableFuture<LocalPostgres> pg = launch(pool, started, () -> LocalPostgres.start(dir, credentials));
            CompletableFuture<LocalS3> s3 = launch(pool, started, () -> LocalS3.start(dir, credentials, Endpoints.BUCKET));
            CompletableFuture<LocalTemporal> temporal = launch(pool, started,
                    () -> LocalTemporal.start(credentials.temporalToken()));
            CompletableFuture.allOf(pg, s3, temporal).join();

            Endpoints endpoints = new Endpoints(temporal.join().target(), Endpoints.NAMESPACE, s3.join().endpoint().toString(),
                    Endpoints.REGION, Endpoints.BUCKET, credentials.s3AccessKey(), credentials.s3SecretKey(),
                    pg.join().jdbcUrl(), LocalPostgres.USER, credentials.dbPassword(),
                    credentials.temporalToken());
            new Database(new DbConfig(endpoints.dbUrl(), endpoints.dbUser(), endpoints.dbPassword())).migrate();
            // After the migrations, so that the reader is granted the tables they created.
            ReaderRole.ensure(endpoints.dbUrl(), credentials);
            EmbeddedStack stack = new EmbeddedStack(dir, channel, lock, pg.join(), s3.join(), temporal.join(), endpoints);
            DataFolder.tighten(dir);
            return stack;
        } catch (IOException | RuntimeException e) {
            RuntimeException failure = e instanceof CompletionException ce && ce.getCause() instanceof RuntimeException cause
                    ? cause
                    : e instanceof IOException io ? new UncheckedIOException("cannot start the local stack in " + dir, io)
                    : (RuntimeException) e;
            // Some servers may still be starting: wait for them, so that none is left behind.
            pool.shutdown();
            awaitQuietly(pool);
            synchronized (started) {
                for (AutoCloseable c : started) {
                    closeQuietly(c, failure);
                }
            }
            release(lock, channel, failure);
            throw failure;
        } finally {
            pool.shutdown();
        }
    }

    private static <T extends AutoCloseable> CompletableFuture<T> launch(ExecutorService pool, List<AutoCloseable> started,
                                                                        Supplier<T> starter) {
        return CompletableFuture.supplyAsync(() -> {
            T server = starter.get();
            synchronized (started) {
                started.add(server);
            }
            return server;
        }, pool);
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /**
     * Stops Temporal, S3 and PostgreSQL and releases the data folder. Calling it again does nothing.
     * The stack registers no shutdown hook of its own: its owner closes it, after stopping the
     * workers that use it (a hook racing the owner's would stop Temporal under a running worker).
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        RuntimeException failure = new IllegalStateException("the local stack did not stop cleanly");
        closeQuietly(temporal, failure);
        closeQuietly(s3, failure);
        closeQuietly(postgres, failure);
        closeQuietly(() -> DataFolder.tighten(dir), failure); // what the servers wrote since the start
        release(lock, lockChannel, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private static void closeQuietly(AutoCloseable c, RuntimeException collect) {
        try {
            c.close();
        } catch (Exception e) {
            collect.addSuppressed(e);
        }
    }

    private static void release(FileLock lock, FileChannel channel, RuntimeException collect) {
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            collect.addSuppressed(e);
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
