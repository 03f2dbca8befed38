package dev.basin.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile gzip-compressed IDX files: whatever follows the header, a file inflates no further than the
 * size its header declares. The bombs here inflate to 3 GiB, more than a Java array holds: a reader that
 * inflated first and checked later would fail with an OutOfMemoryError, not with this message. 10 cases.
 */
class IdxHostileTest {
    private static final int CHUNK = 64 << 20;
    /** One gzip member of 64 MiB of zeros (about 64 KiB); members concatenate into one gzip stream. */
    private static final byte[] zeros = gzip(new byte[CHUNK]);

    static Stream<Arguments> hostileFiles() {
        return Stream.of(
                hostile("images bomb", "images", bomb(images(1, 28, 28), 48), "inflates beyond the 800 bytes"),
                hostile("labels bomb", "labels", bomb(labels(10), 48), "inflates beyond the 18 bytes"),
                hostile("bomb behind a zero count", "images", bomb(images(0, 28, 28), 48), "inflates beyond the 16 bytes"),
                hostile("one byte too many", "labels", gzip(concat(labels(3), new byte[] {1, 2, 3, 4})),
                        "inflates beyond the 11 bytes"),
                hostile("the extra in a second member", "labels",
                        concat(gzip(concat(labels(3), new byte[] {1, 2, 3})), gzip(new byte[] {9})),
                        "inflates beyond the 11 bytes"),
                // A header that is wrong itself stops the inflation at once and is named as before.
                hostile("bomb behind a negative count", "images", bomb(images(-1, 28, 28), 48),
                        "negative image count -1"),
                hostile("bomb behind a wrong magic", "labels", bomb(ByteBuffer.allocate(8).putInt(2051).putInt(10).array(), 48),
                        "wrong magic number 2051"),
                hostile("bomb behind oversized dimensions", "images", bomb(images(65535, 65535, 65535), 48),
                        "header dimensions too large"),
                hostile("truncated header", "labels", gzip(new byte[] {0, 0, 8, 1, 0}), "truncated IDX header"),
                hostile("fewer bytes than declared", "images", gzip(concat(images(2, 2, 2), new byte[7])), "truncated"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void hostileGzipIsRefusedNamingWhy(String name, String kind, byte[] file, String expected) {
        Function<byte[], Object> read = kind.equals("images") ? b -> Idx.readImages(b, "f.gz") : b -> Idx.readLabels(b, "f.gz");
        DataException e = assertThrows(DataException.class, () -> read.apply(file));
        assertTrue(e.getMessage().startsWith("f.gz: ") && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aFileOfExactlyTheDeclaredSizeReads() {
        Idx.Images images = Idx.readImages(gzip(concat(images(2, 2, 2), new byte[] {1, 2, 3, 4, 5, 6, 7, 8})), "ok.gz");
        assertEquals(2, images.count());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, images.pixels());
    }

    private static Arguments hostile(String name, String kind, byte[] file, String expected) {
        return Arguments.of(name, kind, file, expected);
    }

    private static byte[] images(int n, int rows, int cols) {
        return ByteBuffer.allocate(16).putInt(Idx.IMAGES_MAGIC).putInt(n).putInt(rows).putInt(cols).array();
    }

    private static byte[] labels(int n) {
        return ByteBuffer.allocate(8).putInt(Idx.LABELS_MAGIC).putInt(n).array();
    }

    /** {@code header} in a gzip member, then {@code members} members of 64 MiB of zeros each. */
    private static byte[] bomb(byte[] header, int members) {
        byte[] first = gzip(header);
        ByteBuffer b = ByteBuffer.allocate(first.length + members * zeros.length).put(first);
        for (int i = 0; i < members; i++) {
            b.put(zeros);
        }
        return b.array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
