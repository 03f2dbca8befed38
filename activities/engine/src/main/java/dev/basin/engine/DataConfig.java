package dev.basin.engine;

/**
 * Where the images come from: the spec's {@code data} key.
 *
 * @param dataset     registry name, e.g. {@code fashion-mnist}, {@code cifar10}
 * @param path        folder (or {@code s3://bucket/prefix}) holding the dataset's files; {@code null} means the
 *                    dataset's default folder
 * @param trainSubset use only the first n training images; 0 means all
 * @param testSubset  use only the first n test images; 0 means all
 * @param augment     pad-crop-flip each training minibatch ({@link dev.basin.engine.data.Augment}); absent in a
 *                    request serialised before the key existed, which reads as {@code false}, its old meaning
 */
public record DataConfig(String dataset, String path, int trainSubset, int testSubset, boolean augment) {

    /** Without augmentation, as every spec was before {@code data.augment}. */
    public DataConfig(String dataset, String path, int trainSubset, int testSubset) {
        this(dataset, path, trainSubset, testSubset, false);
    }

    /** The same data from another folder. */
    public DataConfig withPath(String folder) {
        return new DataConfig(dataset, folder, trainSubset, testSubset, augment);
    }
}
