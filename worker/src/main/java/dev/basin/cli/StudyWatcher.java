package dev.basin.cli;

import dev.basin.workflows.StudyResult;
import io.temporal.client.WorkflowStub;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Follows a running study until its workflow ends, drawing progress from PostgreSQL meanwhile. */
final class StudyWatcher {
    private StudyWatcher() {}

    static StudyResult watch(Services services, WorkflowStub stub, String study, int members, boolean quiet,
                                                      PrintStream out) throws InterruptedException {
        CompletableFuture<StudyResult> result = stub.getResultAsync(StudyResult.class);
        try (ProgressView view = ProgressView.create(out, members, quiet)) {
            while (!result.isDone()) {
                view.update(services.store.progress(study));
                try {
                    result.get(500, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // still running, or finished with a failure that join() below reports
                }
            }
            view.update(services.store.progress(study));
        }
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
