package dev.basin.engine.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * A tiny, deterministic, learnable image dataset in MNIST's IDX format, for tests that must not
 * depend on the real datasets. Class k is a bright horizontal bar whose row is 2 + 2k (±1 pixel of
 * jitter), with random start and length, over uniform background noise. A small CNN separates the
 * classes within an epoch or two of a few hundred images, yet no two images are alike.
 */
public final class SyntheticIdx {

    public static final int SIZE = 28;
    public static final int CLASSES = 10;

    /** Raw unsigned-byte images ({@code n × rows × cols}, row-major) and labels. */
    public record Raw(int n, int rows, int cols, byte[] pixels, byte[] labels) {}

    private SyntheticIdx() {}

    public static Raw generate(int n, long seed) {
        return generate(n, SIZE, SIZE, seed);
    }

    public static Raw generate(int n, int rows, int cols, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] pixels = new byte[n * rows * cols];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(CLASSES);
            labels[i] = (byte) k;
            int base = i * rows * cols;
            for (int p = 0; p < rows * cols; p++) {
                pixels[base + p] = (byte) rng.nextInt(60);
            }
            int row = Math.min(rows - 1, Math.max(0, 2 + 2 * k * rows / SIZE + rng.nextInt(3) - 1));
            int start = rng.nextInt(Math.max(1, cols / 4));
            int length = cols / 2 + rng.nextInt(cols / 4);
            for (int c = start; c < Math.min(cols, start + length); c++) {
                pixels[base + row * cols + c] = (byte) (200 + rng.nextInt(56));
            }
        }
        return new Raw(n, rows, cols, pixels, labels);
    }

    /** The dataset as the engine sees it, parsed through {@link Idx}. */
    public static Dataset dataset(int n, long seed) {
        Raw raw = generate(n, seed);
        return Dataset.fromIdx(Idx.readImages(imagesIdx(raw), "synthetic-images"),
                Idx.readLabels(labelsIdx(raw), "synthetic-labels"), CLASSES, "synthetic-images", "synthetic-labels");
    }

    public static byte[] imagesIdx(Raw raw) {
        ByteBuffer b = ByteBuffer.allocate(16 + raw.pixels().length);
        b.putInt(Idx.IMAGES_MAGIC).putInt(raw.n()).putInt(raw.rows()).putInt(raw.cols()).put(raw.pixels());
        return b.array();
    }

    public static byte[] labelsIdx(Raw raw) {
        ByteBuffer b = ByteBuffer.allocate(8 + raw.labels().length);
        b.putInt(Idx.LABELS_MAGIC).putInt(raw.n()).put(raw.labels());
        return b.array();
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the four MNIST-named files ({@code train-images-idx3-ubyte[.gz]} etc.) into {@code dir}.
     *
     * @param gzip compress and add {@code .gz}, as the Debian package ships them
     */
    public static void writeFolder(Path dir, int nTrain, int nTest, long seed, boolean gzip) {
        try {
            Files.createDirectories(dir);
            write(dir, "train", generate(nTrain, seed), gzip);
            write(dir, "t10k", generate(nTest, seed + 1), gzip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path dir, String prefix, Raw raw, boolean gzip) throws IOException {
        String suffix = gzip ? ".gz" : "";
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte" + suffix), gzip ? gzip(imagesIdx(raw)) : imagesIdx(raw));
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix), gzip ? gzip(labelsIdx(raw)) : labelsIdx(raw));
    }
}
