package dev.basin.cli;

import dev.basin.activities.DatasetCache;
import dev.basin.activities.Outages;
import dev.basin.activities.WorkerContext;
import java.time.Duration;
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
            description = "Folder holding the dataset's files when the spec gives no data.path "
                    + "(default: the dataset's folder, e.g. /usr/share/datasets/fashion-mnist or /usr/share/datasets/cifar10).")
    java.nio.file.Path data;

    @Option(names = "--outage-tolerance", paramLabel = "SECONDS", defaultValue = "${env:BASIN_OUTAGE_TOLERANCE:-120}",
            description = "How long S3 or PostgreSQL may stay unreachable before an activity gives up and the "
                    + "study fails naming it (default: ${DEFAULT-VALUE}); shorter outages are retried.")
    int outageTolerance;

    /** The context this worker's activities share. */
    WorkerContext context(Services services, DatasetCache datasets, int threads) {
        if (outageTolerance < 0) {
            throw new BadInputException("--outage-tolerance must be >= 0 seconds, got " + outageTolerance);
        }
        return new WorkerContext(services.artifacts, services.store, datasets, threads,
                new Outages(Duration.ofSeconds(outageTolerance), services.artifacts.endpointName(),
                        services.store.database().config().safeUrl()));
    }

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
