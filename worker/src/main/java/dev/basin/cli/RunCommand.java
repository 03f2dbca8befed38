package dev.basin.cli;

import dev.basin.activities.DatasetCache;
import dev.basin.activities.S3Datasets;
import dev.basin.activities.WorkerContext;
import dev.basin.engine.Engine;
import dev.basin.serve.DashboardServer;
import dev.basin.worker.BasinWorker;
import dev.basin.workflows.StudyResult;
import io.temporal.worker.WorkerFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The main job: validate the study, bring up the embedded stack (unless external services are
 * given), run a worker in this process, submit the study and follow it to its summary. Ctrl-C stops
 * everything cleanly; running the same command again resumes from the checkpoints.
 */
@Command(name = "run", description = "Run a study and watch it to the end (embedded stack unless --temporal is given).")
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "STUDY.yaml") Path file;
    @Mixin ConnectionOptions connection;
    @Mixin WorkerOptionsMixin worker;
    @Option(names = "--quiet", description = "Log lines instead of progress bars.") boolean quiet;
    @Mixin CostBudget budget;
    @Option(names = "--serve", description = "Also serve the live dashboard (as `basin serve`) while the study runs.")
    boolean serve;
    @Option(names = "--serve-port", paramLabel = "P", defaultValue = "" + DashboardServer.DEFAULT_PORT,
            description = "Port of the dashboard with --serve (default: ${DEFAULT-VALUE}; 0 for any free port).")
    int servePort;
    @Option(names = "--no-report", description = "Do not write the study's report at the end.") boolean noReport;
    @Option(names = "--reports", paramLabel = "DIR",
            description = "Write the report into DIR/STUDY (default: $BASIN_REPORTS, else reports).")
    Path reports;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        SpecFiles.Loaded study = SpecFiles.read(file);
        int threads = worker.threads();
        int slots = worker.slots();
        CostBudget.Checked checked = budget.check(study.spec(), connection.dataDir, threads);
        long started = System.nanoTime();
        out.printf("Study %s: %d members x %d epochs of %s on %s; %d member(s) at a time, %d engine thread(s) each.%n",
                study.spec().study(), study.spec().train().members(), study.spec().train().epochs(), study.spec().model().name(),
                study.spec().data().dataset(), slots, threads);
        if (!checked.tsneNotice().isEmpty()) {
            out.println("Note: " + checked.tsneNotice() + ".");
        }
        // The dataset is read (and checked) before anything starts: a missing folder or a damaged
        // file is bad input, reported at once (with where to put the files), with nothing written.
        // The worker below trains from this same cache, so the files are parsed once. A dataset in
        // S3 can only be read once the services are up: it is read then, still before submission.
        DatasetCache datasets = new DatasetCache(worker.data);
        Engine.init(threads);
        boolean inS3 = S3Datasets.isS3(study.spec().data().path());
        if (!inS3) {
            datasets.get(study.spec().data());
        }
        Services services = Services.openLasting(connection, true);
        try (services) {
            services.ready(true);
            WorkerContext context = worker.context(services, datasets, threads);
            if (inS3) {
                datasets.get(study.spec().data());
            }
            WorkerFactory factory = BasinWorker.start(services.client, context,
                    new BasinWorker.Queues(connection.taskQueue, connection.computeQueue, slots));
            services.beforeClose(() -> {
                BasinWorker.stop(factory);
                if (Services.exiting()) {
                    System.err.println("\nbasin: stopped; checkpoints are kept. Run the same command again to resume.");
                }
            });
            out.println("Services: " + services.where + ".");
            if (serve) {
                // Registered after the worker's stop, so it runs after it: the page shows the run to its end.
                DashboardServer dashboard = ServeCommand.start(services, connection, servePort, worker.data, out);
                services.beforeClose(dashboard::close);
            }
            Submission.Started run = Submission.start(services, study, connection);
            StudyResult result;
            try {
                result = StudyWatcher.watch(services, run.stub(), study.spec().study(),
                        study.spec().train().members(), quiet, out);
            } catch (RuntimeException e) {
                // A failed or cancelled study still shows what it finished; bad input and Ctrl-C show nothing.
                if (!Services.exiting() && Errors.exitCode(e) != Basin.BAD_INPUT) {
                    report(services, study.spec().study(), out);
                }
                throw e;
            }
            SummaryView.print(out, result, services, (System.nanoTime() - started) / 1e9);
            report(services, study.spec().study(), out);
            return 0;
        }
    }

    /** Writes the study's report and says where; a report that fails is a warning, never the run's exit code. */
    private void report(Services services, String study, PrintStream out) {
        if (noReport) {
            return;
        }
        try {
            Path dir = (reports != null ? reports : ReportCommand.reportsBase()).resolve(study);
            ReportFiles.checkOut(dir, "the report folder");
            out.println("Report: " + ReportFiles.write(services, connection, java.util.List.of(study), dir, worker.data));
        } catch (RuntimeException | StackOverflowError e) {
            System.err.println("basin: warning: the study's report was not written: " + Errors.describe(e));
        }
    }
}
