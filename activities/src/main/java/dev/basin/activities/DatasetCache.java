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
        DataConfig here = config.path() == null && localFolder != null
                ? new DataConfig(config.dataset(), localFolder.toString(), config.trainSubset(), config.testSubset())
                : config;
        return loaded.computeIfAbsent(here, Datasets::load);
    }
}
