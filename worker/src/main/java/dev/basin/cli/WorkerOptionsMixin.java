package dev.basin.cli;

import picocli.CommandLine.Option;

/** How much of this machine a worker uses. */
final class WorkerOptionsMixin {
    @Option(names = "--threads", defaultValue = "${env:BASIN_THREADS:-1}",
            description = "Engine threads per activity (default: ${DEFAULT-VALUE}; 0 = all cores). "
                    + "Results are reproducible per thread count.")
    int threads;

    @Option(names = "--slots", defaultValue = "${env:BASIN_SLOTS:-0}",
            description = "Training/evaluation activities run at once by this worker; 0 = cores / threads.")
    int slots;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder holding the dataset's IDX files when the spec gives no data.path "
                    + "(default: the dataset's Debian folder, e.g. /usr/share/datasets/fashion-mnist).")
    java.nio.file.Path data;

    /**
     * Small networks use many cores poorly (small-cnn: 1 thread ~900 img/s, 2 threads ~1,200 on
     * this project's 2-core machines), so by default a worker trains one member per core.
     */
    int slots() {
        if (slots < 0) {
            throw new BadInputException("--slots must be >= 0 (0 = cores / threads), got " + slots);
        }
        return slots > 0 ? slots : Math.max(1, Runtime.getRuntime().availableProcessors() / threads());
    }

    int threads() {
        return Threads.resolve(threads);
    }
}
