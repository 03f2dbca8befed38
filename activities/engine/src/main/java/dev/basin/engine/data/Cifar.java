package dev.basin.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reader for the binary versions of CIFAR-10 and CIFAR-100 (Krizhevsky 2009,
 * https://www.cs.toronto.edu/~kriz/cifar.html). A file is a bare sequence of fixed-size records, no header:
 * CIFAR-10's are 1 label byte then 3072 pixel bytes; CIFAR-100's are a coarse label byte, a fine label byte,
 * then 3072 pixel bytes (Basin uses the fine label: 100 classes). The pixels are channel-major (1024 red,
 * then green, then blue), each channel row-major 32x32: exactly {@link Dataset}'s flat layout, so a record's
 * bytes become a feature row as they are (divided by 255).
 *
 * <p>A file is checked before it is read: it must exist and hold a whole, non-zero number of records (a
 * truncated download fails naming the file). Only the records a subset needs are read, and their labels must
 * be in range.
 */
public final class Cifar {

    public static final int CHANNELS = 3;
    public static final int SIDE = 32;
    public static final int PIXELS = CHANNELS * SIDE * SIDE;
    /** More records than any split holds; keeps {@code records * 3072} floats within one Java array. */
    static final long MAX_RECORDS = 600_000;

    /** The two datasets: registry name, classes, label bytes per record, official folder, split files. */
    public enum Variant {
        CIFAR10("cifar10", "CIFAR-10", 10, 0, "cifar-10-batches-bin",
                List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                        "data_batch_5.bin"), List.of("test_batch.bin"),
                "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"),
        CIFAR100("cifar100", "CIFAR-100", 100, 20, "cifar-100-binary", List.of("train.bin"), List.of("test.bin"),
                "https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz");

        public final String registryName;
        final String title;
        public final int classes;
        /** Classes of the coarse label byte in front of the fine one; 0 = no coarse label. */
        final int coarseClasses;
        public final String officialFolder;
        public final List<String> trainFiles;
        public final List<String> testFiles;
        public final String url;

        Variant(String registryName, String title, int classes, int coarseClasses, String officialFolder,
                List<String> trainFiles, List<String> testFiles, String url) {
            this.registryName = registryName;
            this.title = title;
            this.classes = classes;
            this.coarseClasses = coarseClasses;
            this.officialFolder = officialFolder;
            this.trainFiles = trainFiles;
            this.testFiles = testFiles;
            this.url = url;
        }

        public int recordBytes() {
            return (coarseClasses > 0 ? 2 : 1) + PIXELS;
        }

        /** Every file of both splits. */
        public List<String> files() {
            List<String> all = new ArrayList<>(trainFiles);
            all.addAll(testFiles);
            return all;
        }

        /** Where the files go and where they come from: the text a missing file's error ends with. */
        public String whereToPut(Path dir) {
            return whereToPut(dir.toString());
        }

        /** {@link #whereToPut(Path)} for a folder or an {@code s3://} prefix. */
        public String whereToPut(String dir) {
            return "; put the " + title + " binary files " + String.join(", ", files()) + " in " + dir
                    + " (or in its " + officialFolder + " subfolder, as the archive unpacks), from " + url;
        }

        public static Variant of(String registryName) {
            for (Variant v : values()) {
                if (v.registryName.equals(registryName)) {
                    return v;
                }
            }
            return null;
        }
    }

    private Cifar() {}

    /**
     * The folder that holds the files: {@code dir} itself, or its official subfolder when only that holds
     * the first training file (the archive unpacks into it).
     */
    public static Path folder(Path dir, Variant v) {
        Path official = dir.resolve(v.officialFolder);
        boolean here = Files.isRegularFile(dir.resolve(v.trainFiles.get(0)));
        return !here && Files.isDirectory(official) ? official : dir;
    }

    /** Loads one split: the first {@code subset} records over its files in order (0 = all). */
    public static Dataset split(Path dir, Variant v, List<String> names, int subset) {
        List<Path> files = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        long total = 0;
        for (String name : names) {
            Path f = dir.resolve(name);
            long records = records(f, v, dir);
            files.add(f);
            counts.add(records);
            total += records;
        }
        if (total > MAX_RECORDS) {
            throw new DataException(dir + ": " + String.join(", ", names) + " hold " + total + " records, more than "
                    + "the " + MAX_RECORDS + " Basin reads (" + v.title + " has 60000 in all)");
        }
        if (subset < 0 || subset > total) {
            throw new DataException("subset of " + subset + " images requested but " + String.join(", ", names)
                    + " in " + dir + " hold " + total);
        }
        int n = subset == 0 ? (int) total : subset;
        float[] x = new float[n * PIXELS];
        int[] y = new int[n];
        int done = 0;
        for (int i = 0; i < files.size() && done < n; i++) {
            int take = (int) Math.min(counts.get(i), n - done);
            read(files.get(i), v, take, done, x, y);
            done += take;
        }
        INDArray features = Nd4j.create(x, new long[] {n, PIXELS}, 'c');
        return new Dataset(features, y, CHANNELS, SIDE, SIDE, v.classes);
    }

    /** The number of records {@code f} holds, after checking it exists and is a whole number of records. */
    static long records(Path f, Variant v, Path dir) {
        if (!Files.isRegularFile(f)) {
            throw new DataException("missing " + f + v.whereToPut(dir));
        }
        long size;
        try {
            size = Files.size(f);
        } catch (IOException e) {
            throw new DataException("cannot read " + f + ": " + e.getMessage(), e);
        }
        int record = v.recordBytes();
        if (size == 0 || size % record != 0) {
            throw new DataException(f + ": " + size + " bytes is not a whole number of " + v.title + " records of "
                    + record + " bytes (" + (v.coarseClasses > 0 ? "coarse label, fine label" : "label")
                    + ", 3072 pixels); the file is truncated or not " + v.title + "'s binary version" + v.whereToPut(dir));
        }
        return size / record;
    }

    /** Reads the first {@code count} records of {@code f} into rows {@code at..} of {@code x} and {@code y}. */
    private static void read(Path f, Variant v, int count, int at, float[] x, int[] y) {
        byte[] rec = new byte[v.recordBytes()];
        int labelAt = v.coarseClasses > 0 ? 1 : 0;
        try (InputStream in = Files.newInputStream(f)) {
            for (int r = 0; r < count; r++) {
                if (in.readNBytes(rec, 0, rec.length) != rec.length) {
                    throw new DataException(f + ": ends inside record " + r + " (the file changed while it was read)");
                }
                if (v.coarseClasses > 0 && (rec[0] & 0xff) >= v.coarseClasses) {
                    throw new DataException(f + ": coarse label " + (rec[0] & 0xff) + " of record " + r
                            + " is out of range for " + v.coarseClasses + " superclasses");
                }
                int label = rec[labelAt] & 0xff;
                if (label >= v.classes) {
                    throw new DataException(f + ": label " + label + " of record " + r + " is out of range for "
                            + v.classes + " classes");
                }
                y[at + r] = label;
                int base = (at + r) * PIXELS;
                for (int p = 0; p < PIXELS; p++) {
                    x[base + p] = (rec[labelAt + 1 + p] & 0xff) / 255f;
                }
            }
        } catch (IOException e) {
            throw new DataException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }
}
