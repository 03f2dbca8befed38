package dev.basin.engine.data;

import dev.basin.engine.DataConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The dataset registry: loads a {@link DataConfig} into train and test sets. */
public final class Datasets {

    /** A training set and its test set. */
    public record TrainTest(Dataset train, Dataset test) {}

    private static final String DEBIAN_FASHION = "dataset-fashion-mnist";

    private Datasets() {}

    public static List<String> names() {
        return List.of("fashion-mnist", "mnist", "cifar10", "cifar100");
    }

    /**
     * What is known of a dataset without reading its files: image shape, classes, and the images of the full
     * official splits (for estimates; the files decide what is loaded).
     */
    public record Shape(int channels, int height, int width, int classes, int trainImages, int testImages) {}

    /** The shape of {@code dataset}: 1x28x28, 10 classes, 60,000 + 10,000 for the MNISTs; 3x32x32 and 50,000 + 10,000 for CIFAR. */
    public static Shape shape(String dataset) {
        return switch (dataset) {
            case "fashion-mnist", "mnist" -> new Shape(1, 28, 28, 10, 60_000, 10_000);
            case "cifar10" -> new Shape(Cifar.CHANNELS, Cifar.SIDE, Cifar.SIDE, 10, 50_000, 10_000);
            case "cifar100" -> new Shape(Cifar.CHANNELS, Cifar.SIDE, Cifar.SIDE, 100, 50_000, 10_000);
            default -> throw unknown(dataset);
        };
    }

    /**
     * The relative paths a dataset's files may have in its folder: what a copy from S3 fetches. The MNISTs' IDX
     * files gzip or plain; CIFAR's binary files, also inside the archive's folder.
     */
    public static List<String> files(String dataset) {
        Cifar.Variant cifar = Cifar.Variant.of(dataset);
        List<String> out = new java.util.ArrayList<>();
        if (cifar != null) {
            for (String f : cifar.files()) {
                out.add(f);
                out.add(cifar.officialFolder + "/" + f);
            }
            return out;
        }
        shape(dataset);
        for (String f : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte")) {
            out.add(f);
            out.add(f + ".gz");
        }
        return out;
    }

    /** The folder a dataset is read from when the spec gives no path. */
    public static Path defaultPath(String dataset) {
        return switch (dataset) {
            case "fashion-mnist" -> Path.of("/usr/share/datasets/fashion-mnist");
            case "mnist" -> Path.of("/usr/share/datasets/mnist");
            case "cifar10" -> Path.of("/usr/share/datasets/cifar10");
            case "cifar100" -> Path.of("/usr/share/datasets/cifar100");
            default -> throw unknown(dataset);
        };
    }

    /**
     * Loads both splits. Subsets are the first n images of a split (0 = all); asking for more than
     * the split holds is an error rather than a silent truncation. {@code config.path()} must be a local folder
     * here: the activities' {@code DatasetCache} turns an {@code s3://} prefix into one first.
     */
    public static TrainTest load(DataConfig config) {
        String name = config.dataset();
        if (!names().contains(name)) {
            throw unknown(name);
        }
        Path dir = config.path() == null || config.path().isBlank() ? defaultPath(name) : Path.of(config.path());
        if (!Files.isDirectory(dir)) {
            throw new DataException("dataset folder " + dir + " does not exist" + hint(name, dir));
        }
        Cifar.Variant cifar = Cifar.Variant.of(name);
        if (cifar != null) {
            Path folder = Cifar.folder(dir, cifar);
            return new TrainTest(Cifar.split(folder, cifar, cifar.trainFiles, config.trainSubset()),
                    Cifar.split(folder, cifar, cifar.testFiles, config.testSubset()));
        }
        Dataset train = split(dir, "train", name, config.trainSubset());
        Dataset test = split(dir, "t10k", name, config.testSubset());
        return new TrainTest(train, test);
    }

    private static Dataset split(Path dir, String prefix, String name, int subset) {
        Path images = idxFile(dir, prefix + "-images-idx3-ubyte", name);
        Path labels = idxFile(dir, prefix + "-labels-idx1-ubyte", name);
        Dataset all = Dataset.fromIdx(Idx.readImages(images), Idx.readLabels(labels), 10,
                images.toString(), labels.toString());
        if (subset < 0 || subset > all.size()) {
            throw new DataException("subset of " + subset + " images requested but " + images
                    + " holds " + all.size());
        }
        return subset == 0 || subset == all.size() ? all : all.firstN(subset);
    }

    /** The gzip file if present, else the plain one; the content decides how it is read. */
    private static Path idxFile(Path dir, String base, String name) {
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = dir.resolve(base);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new DataException("missing " + gz + " (or " + plain + ")" + hint(name, dir));
    }

    /** What to do about a missing folder or file of dataset {@code name} expected in {@code dir}. */
    public static String hint(String name, Path dir) {
        return hint(name, dir.toString());
    }

    /** {@link #hint(String, Path)} for a folder or an {@code s3://} prefix. */
    public static String hint(String name, String dir) {
        Cifar.Variant cifar = Cifar.Variant.of(name);
        if (cifar != null) {
            return cifar.whereToPut(dir);
        }
        String files = "the IDX files train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, "
                + "t10k-labels-idx1-ubyte (each gzip, with .gz, or plain) in " + dir;
        return name.equals("fashion-mnist") ? "; install the Debian package " + DEBIAN_FASHION + ", or put " + files
                : "; put " + files;
    }

    private static DataException unknown(String dataset) {
        return new DataException("unknown dataset '" + dataset + "'; known: " + String.join(", ", names()));
    }
}
