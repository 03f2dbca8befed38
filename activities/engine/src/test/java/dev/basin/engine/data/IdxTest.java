package dev.basin.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IdxTest {

    private final SyntheticIdx.Raw raw = SyntheticIdx.generate(20, 3);

    @Test
    void readsPlainAndGzipIdenticallyByContentNotName() {
        Idx.Images plain = Idx.readImages(SyntheticIdx.imagesIdx(raw), "a.gz");
        Idx.Images gz = Idx.readImages(SyntheticIdx.gzip(SyntheticIdx.imagesIdx(raw)), "a-plain-name");
        assertEquals(20, plain.count());
        assertEquals(28, plain.rows());
        assertEquals(28, plain.cols());
        assertArrayEquals(raw.pixels(), plain.pixels());
        assertArrayEquals(raw.pixels(), gz.pixels());
        assertArrayEquals(raw.labels(), Idx.readLabels(SyntheticIdx.gzip(SyntheticIdx.labelsIdx(raw)), "l"));
    }

    @Test
    void wrongMagicNamesFileAndBothNumbers() {
        DataException e = assertThrows(DataException.class,
                () -> Idx.readImages(SyntheticIdx.labelsIdx(raw), "/x/train-images"));
        assertTrue(e.getMessage().startsWith("/x/train-images: wrong magic number 2049"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 2051"), e.getMessage());
    }

    @Test
    void truncatedDataAndHeader() {
        byte[] full = SyntheticIdx.imagesIdx(raw);
        DataException e = assertThrows(DataException.class,
                () -> Idx.readImages(Arrays.copyOf(full, full.length - 1), "f"));
        assertTrue(e.getMessage().contains("f: truncated"), e.getMessage());
        e = assertThrows(DataException.class, () -> Idx.readImages(Arrays.copyOf(full, 10), "f"));
        assertTrue(e.getMessage().contains("truncated IDX header"), e.getMessage());
        byte[] gz = SyntheticIdx.gzip(full);
        e = assertThrows(DataException.class, () -> Idx.readImages(Arrays.copyOf(gz, gz.length / 2), "g"));
        assertTrue(e.getMessage().startsWith("g: corrupt gzip"), e.getMessage());
    }

    @Test
    void headerDimensionsThatDisagreeWithTheData() {
        byte[] bytes = SyntheticIdx.imagesIdx(raw);
        ByteBuffer.wrap(bytes).putInt(8, 27); // rows 27: 20*28 bytes too many
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(bytes, "f"));
        assertTrue(e.getMessage().contains("dimensions mismatch"), e.getMessage());
    }

    @Test
    void labelCountMismatchAndLabelOutOfRange() {
        Idx.Images images = Idx.readImages(SyntheticIdx.imagesIdx(raw), "imgs");
        byte[] labels = Arrays.copyOf(raw.labels(), 19);
        DataException e = assertThrows(DataException.class,
                () -> Dataset.fromIdx(images, labels, 10, "imgs", "lbls"));
        assertEquals("imgs has 20 images but lbls has 19 labels", e.getMessage());
        byte[] bad = raw.labels().clone();
        bad[5] = (byte) 200;
        e = assertThrows(DataException.class, () -> Dataset.fromIdx(images, bad, 10, "imgs", "lbls"));
        assertEquals("lbls: label 200 at index 5 is out of range for 10 classes", e.getMessage());
    }

    @Test
    void datasetIsScaledFloatRowsAndFirstNCopies() {
        Dataset d = SyntheticIdx.dataset(20, 3);
        assertEquals(784, d.features().columns());
        assertEquals((raw.pixels()[30] & 0xff) / 255f, d.features().getFloat(0, 30), 0f);
        assertTrue(d.features().maxNumber().doubleValue() <= 1.0 && d.features().minNumber().doubleValue() >= 0);
        Dataset first = d.firstN(5);
        assertEquals(5, first.size());
        assertArrayEquals(Arrays.copyOf(d.labels(), 5), first.labels());
        assertEquals(d.features().getRow(4), first.features().getRow(4));
        assertEquals(1f, d.oneHot(new int[] {7}).getFloat(0, d.labels()[7]), 0f);
    }
}
