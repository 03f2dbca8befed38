package dev.basin.infra;

import java.nio.file.Path;

/**
 * Starts a {@link LocalPostgres} in its own JVM and waits to be killed, so that a test can
 * reproduce what {@code kill -9} of a Basin process leaves behind.
 */
public final class PostgresHolder {
    private PostgresHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path data = Path.of(args[0]);
        LocalPostgres postgres = LocalPostgres.start(data, Credentials.loadOrCreate(data));
        System.out.println("READY " + postgres.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
