package dev.basin.cli;

import dev.basin.db.DbException;
import dev.basin.workflows.StudyResult;
import io.temporal.client.WorkflowStub;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows a running study until its workflow ends, drawing progress from PostgreSQL meanwhile. The
 * study's outcome comes from Temporal; the bars are a view, so a database outage only pauses them.
 */
final class StudyWatcher {
    private StudyWatcher() {}

    static StudyResult watch(Services services, WorkflowStub stub, String study, int members, boolean quiet,
                                                      PrintStream out) throws InterruptedException {
        CompletableFuture<StudyResult> result = stub.getResultAsync(StudyResult.class);
        try (ProgressView view = ProgressView.create(out, members, quiet)) {
            boolean paused = false;
            while (!result.isDone()) {
                try {
                    view.update(services.store.progress().of(study));
                    view.stages(services.store.stages().stages(study));
                    paused = false;
                } catch (DbException e) {
                    if (!paused) {
                        view.note("progress paused: " + e.getMessage());
                    }
                    paused = true;
                }
                try {
                    result.get(500, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // still running, or finished with a failure that join() below reports
                }
            }
            if (!paused) {
                view.update(services.store.progress().of(study));
            }
        }
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
