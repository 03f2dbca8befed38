package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.data.Cifar;
import dev.basin.engine.data.SyntheticCifar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code basin run} with a CIFAR folder that is missing or damaged: exit 2, one message saying which files go
 * where and where to download them, and nothing started or written (the embedded stack's folder never appears).
 * The dataset is read before the services start, so no stack is needed here.
 */
class RunDataFolderTest {
    @TempDir Path dir;

    private Cli.Output refused(String data, String... options) throws Exception {
        Path spec = Files.writeString(dir.resolve("cifar.yaml"), """
                study: cifar
                data: {%s}
                train: {members: 1, epochs: 1, batchSize: 2}
                """.formatted(data));
        Path state = dir.resolve("state");
        List<String> args = new ArrayList<>(List.of("run", spec.toString(), "--data-dir", state.toString()));
        args.addAll(List.of(options));
        Cli.Output out = Cli.run(args.toArray(String[]::new));
        assertEquals(2, out.code(), "exit code; stderr: " + out.err());
        assertFalse(out.err().contains("\tat "), "one message, no stack trace: " + out.err());
        assertFalse(Files.exists(state), "nothing may be started or written");
        return out;
    }

    @Test
    void missingCifar10FolderSaysWhichFilesGoWhereAndTheUrl() throws Exception {
        Path missing = dir.resolve("no-cifar");
        String err = refused("dataset: cifar10, path: " + missing).err();
        for (String fragment : List.of("dataset folder " + missing + " does not exist", "data_batch_1.bin",
                "data_batch_5.bin", "test_batch.bin", "cifar-10-batches-bin",
                "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz")) {
            assertTrue(err.contains(fragment), "stderr lacks '" + fragment + "': " + err);
        }
    }

    @Test
    void emptyDataFolderOfTheWorkerNamesTheFirstMissingFile() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        String err = refused("dataset: cifar100", "--data", empty.toString()).err();
        assertTrue(err.contains("missing " + empty.resolve("train.bin")), err);
        assertTrue(err.contains("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz"), err);
    }

    @Test
    void truncatedFileIsNamed() throws Exception {
        Path data = dir.resolve("c10");
        SyntheticCifar.writeFolder(data, Cifar.Variant.CIFAR10, 2, 2);
        Files.write(data.resolve("test_batch.bin"), new byte[100]);
        String err = refused("dataset: cifar10, path: " + data).err();
        assertTrue(err.contains(data.resolve("test_batch.bin") + ": 100 bytes is not a whole number of CIFAR-10"
                + " records of 3073 bytes"), err);
    }

    @Test
    void missingMnistFolderSaysWhichFilesGoThereToo() throws Exception {
        Path missing = dir.resolve("no-mnist");
        String err = refused("dataset: mnist, path: " + missing).err();
        assertTrue(err.contains("dataset folder " + missing + " does not exist; put the IDX files "
                + "train-images-idx3-ubyte"), err);
    }
}
