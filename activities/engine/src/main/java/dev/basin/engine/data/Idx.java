package dev.basin.engine.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reader for the IDX files of MNIST and Fashion-MNIST: unsigned-byte images (magic 2051, three
 * dimensions n × rows × cols) and labels (magic 2049, one dimension n). Header integers are
 * big-endian. Files may be gzip-compressed or plain; compression is recognised by the gzip magic
 * bytes, never by the file name. A gzip file is inflated no further than the size its own IDX header
 * declares, so a small file cannot inflate into gigabytes (a gzip bomb).
 */
public final class Idx {

    public static final int IMAGES_MAGIC = 2051;
    public static final int LABELS_MAGIC = 2049;

    /** Images as read: {@code pixels} holds {@code count * rows * cols} unsigned bytes, row-major. */
    public record Images(int count, int rows, int cols, byte[] pixels) {}

    private Idx() {}

    public static Images readImages(Path file) {
        return readImages(bytes(file), file.toString());
    }

    public static byte[] readLabels(Path file) {
        return readLabels(bytes(file), file.toString());
    }

    /** @param source the file name used in error messages */
    public static Images readImages(byte[] raw, String source) {
        ByteBuffer b = ByteBuffer.wrap(gunzipIfNeeded(raw, source, IMAGES_MAGIC, 3));
        header(b, source, IMAGES_MAGIC, 3, "images");
        int count = dim(b, source, "image count");
        int rows = dim(b, source, "rows");
        int cols = dim(b, source, "columns");
        long expected = (long) count * rows * cols;
        checkLength(b, expected, source, count + " images of " + rows + "x" + cols);
        byte[] pixels = new byte[(int) expected];
        b.get(pixels);
        return new Images(count, rows, cols, pixels);
    }

    /** @param source the file name used in error messages */
    public static byte[] readLabels(byte[] raw, String source) {
        ByteBuffer b = ByteBuffer.wrap(gunzipIfNeeded(raw, source, LABELS_MAGIC, 1));
        header(b, source, LABELS_MAGIC, 1, "labels");
        int count = dim(b, source, "label count");
        checkLength(b, count, source, count + " labels");
        byte[] labels = new byte[count];
        b.get(labels);
        return labels;
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file not found");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Inflates a gzip file's header first, then at most the data bytes that header declares. A header
     * that is itself wrong (short, wrong magic, negative or oversized dimensions) is returned alone, for
     * {@link #header}, {@link #dim} and {@link #checkLength} to name what is wrong with it.
     */
    private static byte[] gunzipIfNeeded(byte[] raw, String source, int magic, int dims) {
        boolean gzip = raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
        if (!gzip) {
            return raw;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            byte[] header = in.readNBytes(4 + 4 * dims);
            long declared = declaredLength(header, magic, dims);
            if (declared < 0) {
                return header;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(header);
            byte[] chunk = new byte[64 * 1024];
            long total = header.length;
            for (int n = in.read(chunk); n > 0; n = in.read(chunk)) {
                total += n;
                if (total > declared) {
                    throw new DataException(source + ": gzip data inflates beyond the " + declared
                            + " bytes its IDX header declares; refusing it (a damaged file or a gzip bomb)");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new DataException(source + ": corrupt gzip data: " + e.getMessage(), e);
        }
    }

    /** Header plus data bytes a well-formed header declares; -1 when the header is not well-formed. */
    private static long declaredLength(byte[] header, int magic, int dims) {
        if (header.length < 4 + 4 * dims) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.wrap(header);
        if (b.getInt() != magic) {
            return -1;
        }
        long data = 1;
        for (int i = 0; i < dims; i++) {
            int d = b.getInt();
            if (d < 0) {
                return -1;
            }
            data *= d; // bounded after every factor, so the product stays below 2^62
            if (data > Integer.MAX_VALUE - 16) {
                return -1;
            }
        }
        return header.length + data;
    }

    private static void header(ByteBuffer b, String source, int magic, int dims, String what) {
        if (b.remaining() < 4 + 4 * dims) {
            throw new DataException(source + ": truncated IDX header (" + b.remaining() + " bytes)");
        }
        int found = b.getInt();
        if (found != magic) {
            throw new DataException(source + ": wrong magic number " + found + " for IDX " + what
                    + " (expected " + magic + ")");
        }
    }

    private static int dim(ByteBuffer b, String source, String name) {
        int d = b.getInt();
        if (d < 0) {
            throw new DataException(source + ": negative " + name + " " + d + " in IDX header");
        }
        return d;
    }

    private static void checkLength(ByteBuffer b, long expected, String source, String what) {
        if (expected > Integer.MAX_VALUE - 16) {
            throw new DataException(source + ": header dimensions too large (" + what + ")");
        }
        if (b.remaining() < expected) {
            throw new DataException(source + ": truncated: header announces " + what + " = "
                    + expected + " data bytes but only " + b.remaining() + " follow");
        }
        if (b.remaining() > expected) {
            throw new DataException(source + ": dimensions mismatch: header announces " + what + " = "
                    + expected + " data bytes but " + b.remaining() + " follow");
        }
    }
}
