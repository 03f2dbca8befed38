package dev.basin.activities;

import dev.basin.artifacts.ArtifactStore;
import dev.basin.db.StudyStore;

/**
 * What every activity of one worker shares: where artifacts and rows go, the data it has loaded, its
 * threads, and what it knows of its dependencies' outages.
 */
public record WorkerContext(ArtifactStore artifacts, StudyStore store, DatasetCache datasets, int threads,
                            Outages outages) {

    /** The datasets read {@code s3://} data paths through this worker's artifact store. */
    public WorkerContext {
        if (datasets != null && artifacts != null) {
            datasets.useS3(artifacts);
        }
    }

    /** A context whose activities give up on a dependency after {@link Outages#DEFAULT_TOLERANCE}. */
    public WorkerContext(ArtifactStore artifacts, StudyStore store, DatasetCache datasets, int threads) {
        this(artifacts, store, datasets, threads, new Outages(Outages.DEFAULT_TOLERANCE, artifacts.endpointName(),
                store.database().config().safeUrl()));
    }
}
