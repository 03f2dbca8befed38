package dev.basin.engine;

/**
 * Where the images come from: the spec's {@code data} key.
 *
 * @param dataset     registry name, e.g. {@code fashion-mnist}
 * @param path        folder holding the dataset's files; {@code null} means the dataset's default folder
 * @param trainSubset use only the first n training images; 0 means all
 * @param testSubset  use only the first n test images; 0 means all
 */
public record DataConfig(String dataset, String path, int trainSubset, int testSubset) {}
