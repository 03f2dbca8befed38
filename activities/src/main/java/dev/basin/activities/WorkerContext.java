package dev.basin.activities;

import dev.basin.artifacts.ArtifactStore;
import dev.basin.db.StudyStore;

/** What every activity of one worker shares: where artifacts and rows go, the data it has loaded, its threads. */
public record WorkerContext(ArtifactStore artifacts, StudyStore store, DatasetCache datasets, int threads) {}
