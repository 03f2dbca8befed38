package dev.basin.cli;

import dev.basin.activities.DatasetCache;
import dev.basin.worker.BasinWorker;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A long-lived worker process; run as many as there are machines (or GPUs). */
@Command(name = "worker", description = "Run a worker against a running Temporal until stopped.")
final class WorkerCommand implements Callable<Integer> {
    @Mixin ConnectionOptions connection;
    @Mixin WorkerOptionsMixin worker;
    @Option(names = "--compute-only", description = "Poll only the compute queue (GPU workers).") boolean computeOnly;
    @Option(names = "--control-only", description = "Poll only the workflow/bookkeeping queue.") boolean controlOnly;

    @Override
    public Integer call() throws InterruptedException {
        if (computeOnly && controlOnly) {
            throw new BadInputException("--compute-only and --control-only exclude each other");
        }
        int threads = worker.threads();
        int slots = worker.slots();
        Services services = Services.openLasting(connection, false).ready(!controlOnly);
        var queues = new BasinWorker.Queues(computeOnly ? null : connection.taskQueue,
                controlOnly ? null : connection.computeQueue, slots);
        var factory = BasinWorker.start(services.client,
                worker.context(services, new DatasetCache(worker.data), threads), queues);
        System.out.printf("Worker polling %s%s with %d threads, %d slot(s), against %s. Ctrl-C to stop.%n",
                queues.control() == null ? "" : queues.control(),
                queues.compute() == null ? "" : (queues.control() == null ? "" : " and ") + queues.compute(),
                threads, worker.slots(), services.where);
        CountDownLatch stopped = new CountDownLatch(1);
        services.beforeClose(() -> {
            BasinWorker.stop(factory);
            stopped.countDown();
        });
        stopped.await();
        return 0;
    }
}
