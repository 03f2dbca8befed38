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

class DatasetsTest {

    @TempDir
    Path dir;

    @Test
    void loadsBothSplitsWithSubsetsFromGzipOrPlainFiles() {
        SyntheticIdx.writeFolder(dir.resolve("gz"), 50, 30, 11, true);
        SyntheticIdx.writeFolder(dir.resolve("plain"), 50, 30, 11, false);
        Datasets.TrainTest gz = Datasets.load(new DataConfig("fashion-mnist", dir.resolve("gz").toString(), 40, 0));
        Datasets.TrainTest plain = Datasets.load(new DataConfig("mnist", dir.resolve("plain").toString(), 0, 25));
        assertEquals(40, gz.train().size());
        assertEquals(30, gz.test().size());
        assertEquals(50, plain.train().size());
        assertEquals(25, plain.test().size());
        assertArrayEquals(plain.train().firstN(40).labels(),
                gz.train().labels());
        assertEquals(plain.train().features().getRow(39), gz.train().features().getRow(39));
    }

    @Test
    void missingFolderAndFilesNameThePathAndTheDebianPackage() {
        Path missing = dir.resolve("nope");
        DataException e = assertThrows(DataException.class,
                () -> Datasets.load(new DataConfig("fashion-mnist", missing.toString(), 0, 0)));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
        e = assertThrows(DataException.class, () -> Datasets.load(new DataConfig("mnist", dir.toString(), 0, 0)));
        assertTrue(e.getMessage().contains(dir.resolve("train-images-idx3-ubyte.gz").toString()), e.getMessage());
        assertTrue(!e.getMessage().contains("dataset-fashion-mnist"), e.getMessage());
    }

    @Test
    void subsetLargerThanTheSplitIsAnError() throws Exception {
        SyntheticIdx.writeFolder(dir, 10, 10, 1, true);
        DataException e = assertThrows(DataException.class,
                () -> Datasets.load(new DataConfig("mnist", dir.toString(), 11, 0)));
        assertTrue(e.getMessage().contains("subset of 11 images requested"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("t10k-labels-idx1-ubyte.gz")));
    }

    @Test
    void defaultPathsAndUnknownNames() {
        assertEquals(Path.of("/usr/share/datasets/fashion-mnist"), Datasets.defaultPath("fashion-mnist"));
        assertEquals(Path.of("/usr/share/datasets/mnist"), Datasets.defaultPath("mnist"));
        assertThrows(DataException.class, () -> Datasets.defaultPath("cifar-1000"));
    }
}
