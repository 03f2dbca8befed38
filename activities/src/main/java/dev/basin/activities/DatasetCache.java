package dev.basin.activities;

import dev.basin.engine.DataConfig;
import dev.basin.engine.data.Datasets;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each dataset a worker has loaded, so that five members trained one after another parse the
 * IDX files once. A load that fails is not cached: the next attempt reads the files again.
 *
 * <p>{@code localFolder} is where this machine keeps datasets whose spec names no path: a machine
 * fact, not part of the study, so it changes no run key.
 */
public final class DatasetCache {
    private final Path localFolder;
    private final ConcurrentHashMap<DataConfig, Datasets.TrainTest> loaded = new ConcurrentHashMap<>();

    public DatasetCache(Path localFolder) {
        this.localFolder = localFolder;
    }

    public Datasets.TrainTest get(DataConfig config) {
        // Augmentation is applied per minibatch by the trainer: the images loaded are the same either way.
        DataConfig plain = new DataConfig(config.dataset(), config.path(), config.trainSubset(), config.testSubset());
        DataConfig here = config.path() == null && localFolder != null ? plain.withPath(localFolder.toString()) : plain;
        return loaded.computeIfAbsent(here, Datasets::load);
    }
}
