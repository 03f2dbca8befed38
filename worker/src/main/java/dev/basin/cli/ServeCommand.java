package dev.basin.cli;

import dev.basin.db.Database;
import dev.basin.serve.DashboardServer;
import dev.basin.serve.ReportSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The live dashboard: a web UI on 127.0.0.1 over the same PostgreSQL and S3 that {@code basin sql} and
 * {@code basin status} read, the embedded stack that {@code basin up} or a running {@code basin run} serves over
 * {@code --data-dir}, or external services. It runs until Ctrl-C.
 */
@Command(name = "serve", description = "Serve a live dashboard of the studies on 127.0.0.1, behind a random token.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "P", defaultValue = "" + DashboardServer.DEFAULT_PORT,
            description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 for any free port).")
    int port;
    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder holding the dataset's files when a spec gives no data.path (for the "
                    + "reliability figures' test labels), as for `basin run --data`.")
    Path data;
    @Mixin ConnectionOptions connection;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new BadInputException("--port must be 0 to 65535, got " + port);
        }
        // Attach only: a stack started here would stop with the dashboard, under a study that runs on it.
        Services services = Services.open(connection, false);
        CountDownLatch stopped = new CountDownLatch(1);
        try (services) {
            DashboardServer server = start(services, connection, port, data, System.out);
            services.beforeClose(() -> {
                server.close();
                stopped.countDown();
            });
            System.out.println("Press Ctrl-C to stop.");
            System.out.flush();
            stopped.await();
        }
        return 0;
    }

    /** Starts the dashboard over {@code services} and prints its URL (also for {@code basin run --serve}). */
    static DashboardServer start(Services services, ConnectionOptions connection, int port, Path data, PrintStream out) {
        ReportSource reports = ReportSource.of(new Database(services.reader(connection)), new Database(services.db),
                services.artifacts, data);
        DashboardServer server = DashboardServer.start(port, services.store, services.artifacts, reports);
        out.println("Dashboard: " + server.url());
        out.flush();
        return server;
    }
}
