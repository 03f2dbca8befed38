package dev.basin.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Submits a study to running workers and returns (or, with --wait, follows it). */
@Command(name = "submit", description = "Submit a study to a running Temporal (workers run it).")
final class SubmitCommand implements Callable<Integer> {
    @Parameters(paramLabel = "STUDY.yaml") Path file;
    @Mixin ConnectionOptions connection;
    @Option(names = "--wait", description = "Follow the study until it ends.") boolean await;
    @Option(names = "--quiet", description = "With --wait: log lines instead of progress bars.") boolean quiet;
    @Mixin CostBudget budget;

    @Override
    public Integer call() throws Exception {
        SpecFiles.Loaded study = SpecFiles.read(file);
        // timed for one engine thread: the workers' own count is not known here
        CostBudget.Checked checked = budget.check(study.spec(), connection.dataDir, 1);
        if (!checked.tsneNotice().isEmpty()) {
            System.out.println("Note: " + checked.tsneNotice() + ".");
        }
        long started = System.nanoTime();
        try (Services services = Services.openLasting(connection, false)) {
            // S3 is the workers' business: they may hold credentials this machine lacks.
            services.ready(false);
            Submission.Started run = Submission.start(services, study, connection);
            String id = run.stub().getExecution().getWorkflowId();
            System.out.printf("%s workflow %s on task queue %s (%s).%n", run.attached() ? "Attached to running" : "Submitted",
                    id, connection.taskQueue, services.where);
            if (await) {
                var result = StudyWatcher.watch(services, run.stub(), study.spec().study(), study.spec().train().members(),
                        quiet, System.out);
                SummaryView.print(System.out, result, services, (System.nanoTime() - started) / 1e9);
            }
            return 0;
        }
    }
}
