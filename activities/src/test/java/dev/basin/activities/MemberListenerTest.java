package dev.basin.activities;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.artifacts.ArtifactRef;
import dev.basin.artifacts.ArtifactStore;
import dev.basin.artifacts.DamagedArtifactException;
import dev.basin.artifacts.S3Config;
import dev.basin.db.Database;
import dev.basin.db.DbConfig;
import dev.basin.db.ModelRow;
import dev.basin.db.StudyRow;
import dev.basin.db.StudyStore;
import dev.basin.engine.DataConfig;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.TrainConfig;
import dev.basin.engine.train.Checkpoint;
import dev.basin.engine.train.TrainPosition;
import dev.basin.infra.Credentials;
import dev.basin.infra.LocalPostgres;
import dev.basin.infra.LocalS3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Two attempts of one member write the same checkpoint with different bytes (as DL4J's zip timestamps once made
 * them), on a real PostgreSQL and a real S3 server, in every order their uploads and rows can interleave in. The
 * row must always name an object that verifies, and so must each attempt's own newest checkpoint, which its final
 * row would name.
 */
class MemberListenerTest {
    private static final Checkpoint A = checkpoint("attempt 1: zip dated 10:00:00");
    private static final Checkpoint B = checkpoint("attempt 2: zip dated 10:00:02");

    @TempDir static Path dir;
    static LocalPostgres postgres;
    static LocalS3 s3;
    static ArtifactStore artifacts;
    static StudyStore store;
    static WorkerContext context;

    @BeforeAll
    static void start() {
        Credentials credentials = Credentials.loadOrCreate(dir);
        postgres = LocalPostgres.start(dir, credentials);
        s3 = LocalS3.start(dir, credentials, "basin");
        Database db = new Database(new DbConfig(postgres.jdbcUrl(), LocalPostgres.USER, credentials.dbPassword()));
        db.migrate();
        store = new StudyStore(db);
        artifacts = new ArtifactStore(new S3Config(s3.endpoint().toString(), "us-east-1", "basin"),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(credentials.s3AccessKey(),
                        credentials.s3SecretKey())));
        context = new WorkerContext(artifacts, store, null, 1);
    }

    @AfterAll
    static void stop() {
        artifacts.close();
        s3.close();
        postgres.close();
    }

    @Test
    void everyInterleavingOfTwoAttemptsLeavesARowThatVerifies() {
        List<String> orders = interleavings();
        assertEquals(6, orders.size(), orders.toString());
        for (String order : orders) {
            String study = "race-" + order.toLowerCase();
            store.upsertStudy(StudyRow.running(study, "study: " + study + "\n", "h", 1, "test", 1));
            MemberListener first = new MemberListener(request(study), context, null);
            MemberListener second = new MemberListener(request(study), context, null);
            Map<Character, ArtifactRef> uploads = new HashMap<>();
            for (char event : order.toCharArray()) {
                switch (event) {
                    case 'A' -> uploads.put('A', first.upload(A));
                    case 'a' -> first.record(A, uploads.get('A'));
                    case 'B' -> uploads.put('B', second.upload(B));
                    case 'b' -> second.record(B, uploads.get('B'));
                    default -> throw new IllegalStateException(order);
                }
            }
            ModelRow row = store.latestCheckpoint(study, "rk", 0).orElseThrow();
            byte[] last = order.lastIndexOf('a') > order.lastIndexOf('b') ? A.bytes() : B.bytes();
            assertArrayEquals(last, artifacts.get(TrainActivityImpl.ref(row)), order + ": the last row's bytes");
            assertArrayEquals(A.bytes(), artifacts.get(TrainActivityImpl.ref(first.lastCheckpoint())), order);
            assertArrayEquals(B.bytes(), artifacts.get(TrainActivityImpl.ref(second.lastCheckpoint())), order);
            assertEquals(row.id(), first.lastCheckpoint().id(), order + ": one row, upserted");
        }
    }

    /** Why the keys carry the hash: under one key per position, the order ABba leaves a row that does not verify. */
    @Test
    void underOneKeyPerPositionARacingAttemptLeavesADamagedRow() {
        String key = "studies/race-control/rk/member-000/checkpoint-e0001-s000000008.ckpt";
        ArtifactRef a = artifacts.put(key, A.bytes());
        artifacts.put(key, B.bytes());
        var e = assertThrows(DamagedArtifactException.class, () -> artifacts.get(a));
        assertTrue(e.getMessage().contains("refusing to load it"), e.getMessage());
    }

    /** Every order of A (upload 1), a (row 1), B (upload 2), b (row 2) with each upload before its row. */
    private static List<String> interleavings() {
        List<String> out = new ArrayList<>();
        permute("", "AaBb", out);
        return out.stream()
                .filter(o -> o.indexOf('A') < o.indexOf('a') && o.indexOf('B') < o.indexOf('b'))
                .toList();
    }

    private static void permute(String prefix, String rest, List<String> out) {
        if (rest.isEmpty()) {
            out.add(prefix);
        }
        for (int i = 0; i < rest.length(); i++) {
            permute(prefix + rest.charAt(i), rest.substring(0, i) + rest.substring(i + 1), out);
        }
    }

    private static Checkpoint checkpoint(String bytes) {
        return new Checkpoint(new TrainPosition(1, 8), bytes.getBytes(StandardCharsets.UTF_8),
                ArtifactStore.sha256(new byte[] {1}));
    }

    private static TrainRequest request(String study) {
        return new TrainRequest(study, "rk", new StageTask("train/member-000", "k", new Subject.Member(0),
                List.of("k"), Map.of()), 7, new DataConfig("mnist", null, 0, 0), new ModelConfig("small-cnn"),
                new TrainConfig(1, 1, 8, new OptimizerConfig("sgd", 0.1, 0, 0), "constant", 1, 8));
    }
}
