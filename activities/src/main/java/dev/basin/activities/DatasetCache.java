package dev.basin.activities;

import dev.basin.artifacts.ArtifactStore;
import dev.basin.engine.DataConfig;
import dev.basin.engine.data.DataException;
import dev.basin.engine.data.Datasets;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each dataset a worker has loaded, so that five members trained one after another parse the
 * files once. A load that fails is not cached: the next attempt reads the files again.
 *
 * <p>{@code localFolder} is where this machine keeps datasets whose spec names no path: a machine
 * fact, not part of the study, so it changes no run key.
 *
 * <p>A {@code data.path} of {@code s3://bucket/prefix} is first copied by {@link S3Datasets} into
 * {@link #s3Cache()} through the store given to {@link #useS3}; without one it is an error.
 */
public final class DatasetCache {
    private final Path localFolder;
    private final ConcurrentHashMap<DataConfig, Datasets.TrainTest> loaded = new ConcurrentHashMap<>();
    private volatile ArtifactStore s3;

    public DatasetCache(Path localFolder) {
        this.localFolder = localFolder;
    }

    /** Reads {@code s3://} data paths through {@code store} (the worker's artifact store) from now on. */
    public DatasetCache useS3(ArtifactStore store) {
        this.s3 = store;
        return this;
    }

    /** Where datasets copied from S3 are kept: {@code java.io.tmpdir}/basin-datasets/bucket/prefix. */
    public static Path s3Cache() {
        return Path.of(System.getProperty("java.io.tmpdir"), "basin-datasets");
    }

    public Datasets.TrainTest get(DataConfig config) {
        // Augmentation is applied per minibatch by the trainer: the images loaded are the same either way.
        DataConfig plain = new DataConfig(config.dataset(), config.path(), config.trainSubset(), config.testSubset());
        DataConfig here = config.path() == null && localFolder != null ? plain.withPath(localFolder.toString()) : plain;
        return loaded.computeIfAbsent(here, DatasetCache.this::load);
    }

    private Datasets.TrainTest load(DataConfig config) {
        if (!S3Datasets.isS3(config.path())) {
            return Datasets.load(config);
        }
        ArtifactStore store = s3;
        if (store == null) {
            throw new DataException("data.path " + config.path() + " is in S3, and this command reads S3 only once its"
                    + " services are up");
        }
        Path local = S3Datasets.fetch(store, config.dataset(), config.path(), s3Cache());
        try {
            return Datasets.load(config.withPath(local.toString()));
        } catch (DataException e) {
            throw new DataException(config.path() + " (copied to " + local + "): " + e.getMessage(), e);
        }
    }
}
