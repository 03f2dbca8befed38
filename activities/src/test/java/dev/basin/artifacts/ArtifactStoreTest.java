package dev.basin.artifacts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.Engine;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.model.Models;
import dev.basin.engine.train.Checkpoints;
import dev.basin.engine.train.TrainPosition;
import dev.basin.infra.Credentials;
import dev.basin.infra.LocalS3;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;

/** Checkpoints through a real S3 server (s3proxy over a folder), checked against their SHA-256. */
class ArtifactStoreTest {
    @TempDir static Path dir;
    static Credentials credentials;
    static LocalS3 s3;
    static ArtifactStore store;

    @BeforeAll
    static void start() {
        credentials = Credentials.loadOrCreate(dir);
        s3 = LocalS3.start(dir, credentials, "basin");
        store = new ArtifactStore(new S3Config(s3.endpoint().toString(), "us-east-1", "basin"),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(credentials.s3AccessKey(),
                        credentials.s3SecretKey())));
    }

    @AfterAll
    static void stop() {
        store.close();
        s3.close();
    }

    @Test
    void checkpointRoundTripsThroughS3BitForBit() {
        Engine.init(2);
        var net = Models.build(new ModelConfig("small-cnn"), new OptimizerConfig("nesterov", 0.05, 0.9, 5e-4), 3,
                1, 28, 28, 10);
        byte[] bytes = Checkpoints.write(net, new TrainPosition(2, 940));
        ArtifactRef ref = store.putAddressed(sha -> ArtifactKeys.checkpoint("s", "run", 0, 2, 940, sha), bytes);
        assertEquals(ArtifactStore.sha256(bytes), ref.sha256());
        assertEquals("studies/s/run/member-000/checkpoint-e0002-s000000940-" + ref.sha256() + ".ckpt", ref.key());
        assertEquals(bytes.length, ref.bytes());

        Checkpoints.Restored back = Checkpoints.read(store.get(ref));
        assertEquals(new TrainPosition(2, 940), back.position());
        assertArrayEquals(net.params().data().asFloat(), back.net().params().data().asFloat());
    }

    @Test
    void anObjectWhoseBytesChangedIsRefused() {
        ArtifactRef ref = store.put("studies/s/run/member-000/flip.bin", new byte[] {1, 2, 3, 4});
        byte[] flipped = {1, 2, 3, 5};
        LocalS3.client(s3.endpoint(), credentials.s3AccessKey(), credentials.s3SecretKey())
                .putObject(b -> b.bucket("basin").key(ref.key()), RequestBody.fromBytes(flipped));
        var e = assertThrows(DamagedArtifactException.class, () -> store.get(ref));
        assertTrue(e.getMessage().contains("refusing to load it"), e.getMessage());
    }

    @Test
    void aMissingObjectIsNamed() {
        var e = assertThrows(ArtifactException.class, () -> store.get(new ArtifactRef("studies/none", "00", 1)));
        assertTrue(e.getMessage().contains("s3://basin/studies/none is missing"), e.getMessage());
    }

    @Test
    void keysAreDerivedFromWhatTheObjectIs() {
        String sha = ArtifactStore.sha256(new byte[] {1});
        assertEquals("studies/q/abc/member-003/checkpoint-e0002-s000000940-" + sha + ".ckpt",
                ArtifactKeys.checkpoint("q", "abc", 3, 2, 940, sha));
        assertEquals("studies/q/abc/member-003/swa-" + sha + ".ckpt", ArtifactKeys.analysisWeights("q", "abc", "swa",
                3, "", sha));
        assertEquals("studies/q/abc/stages/curves_a/k1/state-s000000008-" + sha + ".bin",
                ArtifactKeys.stageState("q", "abc", "curves/a", "k1", 8, sha));
        assertEquals("studies/q/abc/member-003/predictions-test.npy", ArtifactKeys.predictions("q", "abc", 3, "test"));
        var e = assertThrows(IllegalArgumentException.class, () -> ArtifactKeys.checkpoint("q", "abc", 3, 2, 940,
                "../x"));
        assertTrue(e.getMessage().contains("not a SHA-256"), e.getMessage());
    }

    @Test
    void aContentAddressedKeyMustContainTheHash() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> store.putAddressed(sha -> "studies/s/run/fixed.ckpt", new byte[] {9}));
        assertTrue(e.getMessage().contains("not addressed by its content"), e.getMessage());
        assertThrows(ArtifactException.class, () -> store.get(new ArtifactRef("studies/s/run/fixed.ckpt",
                ArtifactStore.sha256(new byte[] {9}), 1)), "nothing was uploaded");
    }

    /** Objects that older Basin stored under keys without a hash are read through their rows, as before. */
    @Test
    void anObjectUnderAnOlderKeyStillReads() {
        byte[] bytes = {4, 5, 6};
        ArtifactRef ref = store.put("studies/s/run/member-000/checkpoint-e0001-s000000008.ckpt", bytes);
        assertArrayEquals(bytes, store.get(ref));
    }

    @Test
    void listingReadsEveryPageAndDeletingGoesInBatches() {
        for (int i = 0; i < 5; i++) {
            store.put("studies/paged/run/member-000/o" + i + ".bin", new byte[i + 1]);
        }
        store.put("studies/paged-not/run/x.bin", new byte[7]);
        List<StoredObject> listed = store.list("studies/paged/", 2);
        assertEquals(IntStream.range(0, 5).mapToObj(i -> new StoredObject("studies/paged/run/member-000/o" + i + ".bin",
                i + 1)).toList(), listed);

        store.delete(List.of("studies/paged/run/member-000/o0.bin", "studies/paged/run/member-000/o1.bin",
                "studies/paged/run/member-000/o4.bin", "studies/paged/run/never-there.bin"), 2);
        assertEquals(List.of("studies/paged/run/member-000/o2.bin", "studies/paged/run/member-000/o3.bin"),
                store.list("studies/paged/").stream().map(StoredObject::key).toList());
        assertEquals(1, store.list("studies/paged-not/").size());
    }
}
