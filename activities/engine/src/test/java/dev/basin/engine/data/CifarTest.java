package dev.basin.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.DataConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CIFAR's binary formats, from tiny files written here: values, labels, channel order, subsets, hostile files. */
class CifarTest {

    @TempDir
    Path dir;

    private static float px(Dataset d, int row, int c, int y, int x) {
        return d.features().getFloat(row, (long) c * 1024 + y * 32 + x);
    }

    @Test
    void cifar10ReadsLabelsAndChannelMajorPixelsAcrossTheFiveBatches() {
        SyntheticCifar.writeFolder(dir, Cifar.Variant.CIFAR10, 3, 4);
        Datasets.TrainTest d = Datasets.load(new DataConfig("cifar10", dir.toString(), 0, 0));
        Dataset train = d.train();
        assertEquals(15, train.size());
        assertEquals(3, train.channels());
        assertEquals(32, train.height());
        assertEquals(32, train.width());
        assertEquals(10, train.classes());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4}, train.labels());
        // Record 7 is the second of data_batch_3.bin; green (c = 1) at row 2, column 5: (7 + 7 + 69) % 256 = 83.
        assertEquals(83 / 255f, px(train, 7, 1, 2, 5));
        // Blue at the last pixel of record 14: (14 + 14 + 1023) % 256 = 27.
        assertEquals(27 / 255f, px(train, 14, 2, 31, 31));
        // Red at the first pixel of record 0 is 0; of record 1, 1/255.
        assertEquals(0f, px(train, 0, 0, 0, 0));
        assertEquals(1 / 255f, px(train, 1, 0, 0, 0));
        assertEquals(4, d.test().size());
        assertArrayEquals(new int[] {0, 1, 2, 3}, d.test().labels());
        assertEquals((1003 + 7 * 2 + 32 + 1) % 256 / 255f, px(d.test(), 3, 2, 1, 1));
    }

    @Test
    void cifar100UsesTheFineLabelAndReadsFromTheOfficialSubfolder() {
        Path official = dir.resolve("cifar-100-binary");
        SyntheticCifar.write(official.resolve("train.bin"), Cifar.Variant.CIFAR100, 95, 10);
        SyntheticCifar.write(official.resolve("test.bin"), Cifar.Variant.CIFAR100, 40, 2);
        Datasets.TrainTest d = Datasets.load(new DataConfig("cifar100", dir.toString(), 8, 0));
        assertEquals(8, d.train().size());
        assertEquals(100, d.train().classes());
        assertArrayEquals(new int[] {95, 96, 97, 98, 99, 0, 1, 2}, d.train().labels());
        assertEquals((96 + 7 + 33) % 256 / 255f, px(d.train(), 1, 1, 1, 1));
        assertArrayEquals(new int[] {40, 41}, d.test().labels());
    }

    @Test
    void subsetsReadOnlyTheFirstRecordsInFileOrder() {
        SyntheticCifar.writeFolder(dir, Cifar.Variant.CIFAR10, 2, 5);
        Datasets.TrainTest d = Datasets.load(new DataConfig("cifar10", dir.toString(), 5, 3));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, d.train().labels());
        assertEquals(3, d.test().size());
        DataException e = assertThrows(DataException.class,
                () -> Datasets.load(new DataConfig("cifar10", dir.toString(), 11, 0)));
        assertTrue(e.getMessage().contains("subset of 11 images requested"), e.getMessage());
    }

    @Test
    void missingFolderOrFileSaysWhereToPutWhichFilesAndTheUrl() {
        Path missing = dir.resolve("nope");
        DataException e = assertThrows(DataException.class,
                () -> Datasets.load(new DataConfig("cifar10", missing.toString(), 0, 0)));
        String m = e.getMessage();
        assertTrue(m.contains(missing.toString()) && m.contains("data_batch_1.bin") && m.contains("data_batch_5.bin")
                && m.contains("test_batch.bin") && m.contains("cifar-10-batches-bin")
                && m.contains("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"), m);
        SyntheticCifar.writeFolder(dir, Cifar.Variant.CIFAR10, 1, 1);
        e = assertThrows(DataException.class, () -> Datasets.load(new DataConfig("cifar100", dir.toString(), 0, 0)));
        assertTrue(e.getMessage().startsWith("missing " + dir.resolve("train.bin")), e.getMessage());
        assertTrue(e.getMessage().contains("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz"), e.getMessage());
    }

    @Test
    void truncatedEmptyAndOutOfRangeFilesFailNamingTheFile() throws Exception {
        SyntheticCifar.writeFolder(dir, Cifar.Variant.CIFAR10, 2, 2);
        Path batch3 = dir.resolve("data_batch_3.bin");
        byte[] full = Files.readAllBytes(batch3);
        Files.write(batch3, java.util.Arrays.copyOf(full, full.length - 1));
        DataException e = assertThrows(DataException.class,
                () -> Datasets.load(new DataConfig("cifar10", dir.toString(), 0, 0)));
        assertTrue(e.getMessage().startsWith(batch3 + ": 6145 bytes is not a whole number of CIFAR-10 records of 3073"),
                e.getMessage());
        Files.write(batch3, new byte[0]);
        e = assertThrows(DataException.class, () -> Datasets.load(new DataConfig("cifar10", dir.toString(), 0, 0)));
        assertTrue(e.getMessage().startsWith(batch3 + ": 0 bytes"), e.getMessage());

        full[3073] = 10;
        Files.write(batch3, full);
        e = assertThrows(DataException.class, () -> Datasets.load(new DataConfig("cifar10", dir.toString(), 0, 0)));
        assertEquals(batch3 + ": label 10 of record 1 is out of range for 10 classes", e.getMessage());

        // A CIFAR-10 file read as CIFAR-100 (3073-byte records are not 3074-byte ones).
        Files.copy(dir.resolve("data_batch_1.bin"), dir.resolve("train.bin"));
        Files.copy(dir.resolve("test_batch.bin"), dir.resolve("test.bin"));
        e = assertThrows(DataException.class, () -> Datasets.load(new DataConfig("cifar100", dir.toString(), 0, 0)));
        assertTrue(e.getMessage().startsWith(dir.resolve("train.bin") + ": 6146 bytes is not a whole number of "
                + "CIFAR-100 records of 3074"), e.getMessage());

        Path c100 = dir.resolve("c100");
        SyntheticCifar.write(c100.resolve("train.bin"), Cifar.Variant.CIFAR100, 0, 2);
        SyntheticCifar.write(c100.resolve("test.bin"), Cifar.Variant.CIFAR100, 0, 1);
        byte[] t = Files.readAllBytes(c100.resolve("train.bin"));
        t[3074] = 20;
        Files.write(c100.resolve("train.bin"), t);
        e = assertThrows(DataException.class, () -> Datasets.load(new DataConfig("cifar100", c100.toString(), 0, 0)));
        assertEquals(c100.resolve("train.bin") + ": coarse label 20 of record 1 is out of range for 20 superclasses",
                e.getMessage());
    }

    @Test
    void shapesAndDefaultFolders() {
        assertEquals(new Datasets.Shape(3, 32, 32, 100, 50_000, 10_000), Datasets.shape("cifar100"));
        assertEquals(new Datasets.Shape(1, 28, 28, 10, 60_000, 10_000), Datasets.shape("mnist"));
        assertEquals(Path.of("/usr/share/datasets/cifar10"), Datasets.defaultPath("cifar10"));
        assertEquals(Path.of("/usr/share/datasets/cifar100"), Datasets.defaultPath("cifar100"));
    }
}
