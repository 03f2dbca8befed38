package dev.basin.activities;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.artifacts.ArtifactStore;
import dev.basin.artifacts.S3Config;
import dev.basin.engine.DataConfig;
import dev.basin.engine.data.Cifar;
import dev.basin.engine.data.DataException;
import dev.basin.engine.data.Datasets;
import dev.basin.infra.Credentials;
import dev.basin.infra.LocalS3;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** A CIFAR-10 folder in a bucket of a real S3 server (s3proxy), copied and loaded as from a local folder. */
class S3DatasetsTest {
    @TempDir static Path dir;
    static LocalS3 s3;
    static S3Client raw;
    static ArtifactStore store;

    @BeforeAll
    static void start() throws Exception {
        Credentials credentials = Credentials.loadOrCreate(dir);
        s3 = LocalS3.start(dir.resolve("s3"), credentials, "basin");
        store = new ArtifactStore(new S3Config(s3.endpoint().toString(), "us-east-1", "basin"),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(credentials.s3AccessKey(),
                        credentials.s3SecretKey())));
        raw = LocalS3.client(s3.endpoint(), credentials.s3AccessKey(), credentials.s3SecretKey());
        raw.createBucket(b -> b.bucket("datasets"));
        Path local = dir.resolve("cifar");
        Files.createDirectories(local.resolve("cifar-10-batches-bin"));
        for (String f : Cifar.Variant.CIFAR10.files()) {
            Files.write(local.resolve("cifar-10-batches-bin").resolve(f), records(f.equals("test_batch.bin") ? 3 : 2));
        }
        for (String f : Cifar.Variant.CIFAR10.files()) {
            raw.putObject(b -> b.bucket("datasets").key("cifar/10/cifar-10-batches-bin/" + f),
                    RequestBody.fromFile(local.resolve("cifar-10-batches-bin").resolve(f)));
        }
        raw.putObject(b -> b.bucket("datasets").key("cifar/10/readme.html"), RequestBody.fromString("not data"));
    }

    /** {@code n} CIFAR-10 records: record i has label i and every pixel byte 10 * i + 1. */
    static byte[] records(int n) {
        byte[] out = new byte[n * 3073];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(out, i * 3073, (i + 1) * 3073, (byte) (10 * i + 1));
            out[i * 3073] = (byte) i;
        }
        return out;
    }

    @AfterAll
    static void stop() {
        raw.close();
        store.close();
        s3.close();
    }

    @Test
    void aPrefixIsCopiedOnceAndLoadsAsTheLocalFolderDoes() throws Exception {
        Path cache = dir.resolve("cache");
        Path copied = S3Datasets.fetch(store, "cifar10", "s3://datasets/cifar/10", cache);
        assertEquals(cache.resolve("datasets/cifar/10/"), copied);
        assertTrue(Files.isRegularFile(copied.resolve("cifar-10-batches-bin/data_batch_5.bin")));
        assertTrue(Files.notExists(copied.resolve("readme.html")), "only the dataset's own files are fetched");
        Datasets.TrainTest fromS3 = Datasets.load(new DataConfig("cifar10", copied.toString(), 0, 0));
        Datasets.TrainTest local = Datasets.load(new DataConfig("cifar10", dir.resolve("cifar").toString(), 0, 0));
        assertArrayEquals(local.train().labels(), fromS3.train().labels());
        assertEquals(local.test().features(), fromS3.test().features());

        // A local copy of the listed size is kept; a wrong-sized one is fetched again.
        Path batch1 = copied.resolve("cifar-10-batches-bin/data_batch_1.bin");
        long modified = Files.getLastModifiedTime(batch1).toMillis();
        Files.write(copied.resolve("cifar-10-batches-bin/test_batch.bin"), new byte[5]);
        S3Datasets.fetch(store, "cifar10", "s3://datasets/cifar/10/", cache);
        assertEquals(modified, Files.getLastModifiedTime(batch1).toMillis());
        assertEquals(3 * 3073, Files.size(copied.resolve("cifar-10-batches-bin/test_batch.bin")));
    }

    @Test
    void theCacheReadsS3PathsThroughTheStoreItWasGiven() {
        DataConfig config = new DataConfig("cifar10", "s3://datasets/cifar/10", 3, 0, true);
        DataException e = assertThrows(DataException.class, () -> new DatasetCache(null).get(config));
        assertTrue(e.getMessage().contains("s3://datasets/cifar/10"), e.getMessage());
        Datasets.TrainTest d = new DatasetCache(null).useS3(store).get(config);
        assertArrayEquals(new int[] {0, 1, 0}, d.train().labels());
        assertEquals(11 / 255f, d.train().features().getFloat(1, 3071));
        assertEquals(1 / 255f, d.train().features().getFloat(2, 0));
    }

    @Test
    void aPrefixWithoutTheFilesSaysWhichAndWhere() {
        DataException e = assertThrows(DataException.class,
                () -> S3Datasets.fetch(store, "cifar100", "s3://datasets/cifar/10", dir.resolve("cache100")));
        assertTrue(e.getMessage().startsWith("s3://datasets/cifar/10/ at " + s3.endpoint() + " holds none of cifar100's"
                + " files; put the CIFAR-100 binary files train.bin, test.bin in s3://datasets/cifar/10/"), e.getMessage());
        assertTrue(e.getMessage().contains("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz"), e.getMessage());
    }
}
