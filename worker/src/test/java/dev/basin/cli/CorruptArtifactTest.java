package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.artifacts.ArtifactRef;
import dev.basin.engine.data.SyntheticIdx;
import dev.basin.engine.train.Checkpoints;
import dev.basin.engine.weights.WeightVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A stored object whose bytes no longer match PostgreSQL is never loaded: it is reported (a
 * {@code corruption} row), discarded, and its result recomputed from the newest good state, ending
 * identical to what the uninterrupted run produced. On the real stack (see {@link ServedStack}): a
 * 2-member, 2-epoch study runs to completion; then one byte is flipped, through S3 behind Basin's back,
 * in member 0's epoch-2 checkpoint (which is also its final weights) and in member 1's predictions;
 * the same study is submitted again.
 */
@ExtendWith(ServedStack.Resolver.class)
class CorruptArtifactTest {
    @TempDir Path dir;

    @Test
    void corruptWeightsResumeFromTheEpochOneCheckpointAndCorruptPredictionsAreRecomputed(ServedStack stack)
            throws Exception {
        Path data = dir.resolve("idx");
        SyntheticIdx.writeFolder(data, 1000, 300, 13, true);
        Path spec = Files.writeString(dir.resolve("corrupt.yaml"), """
                study: corrupt
                seed: 5
                data: {dataset: fashion-mnist, path: %s}
                model: small-cnn
                train: {members: 2, epochs: 2, batchSize: 64, lr: 0.05}
                """.formatted(data));
        Cli.Output first = stack.cli("submit", spec.toString(), "--wait", "--quiet");
        assertEquals(0, first.code(), first.err());

        String member0 = "SELECT artifact_key || ' ' || sha256 || ' ' || bytes FROM model"
                + " WHERE study = 'corrupt' AND member = 0 AND kind = ? AND epoch = ?";
        String[] weights = stack.column(member0, "final", 2).get(0).split(" ");
        String epochOne = stack.column("SELECT id FROM model WHERE study = 'corrupt' AND member = 0"
                + " AND kind = 'checkpoint' AND epoch = 1").get(0);
        float[] uninterrupted = flatWeights(stack, weights);
        String predictions = "SELECT p.artifact_key || ' ' || p.sha256 FROM prediction p JOIN model m ON m.id = p.model_id"
                + " WHERE m.study = 'corrupt' AND m.member = ?";
        String[] predicted = stack.column(predictions, 1).get(0).split(" ");
        List<String> metrics = metrics(stack);

        flipOneByte(stack, weights[0]);
        flipOneByte(stack, predicted[0]);
        Cli.Output second = stack.cli("submit", spec.toString(), "--wait", "--quiet");
        assertEquals(0, second.code(), second.err());

        assertEquals(List.of("final 0 " + weights[0], "prediction 1 " + predicted[0]), stack.column(
                "SELECT kind || ' ' || member || ' ' || artifact_key FROM corruption WHERE study = 'corrupt' ORDER BY id"));
        assertEquals(List.of("1"), stack.column("SELECT resumed_from_epoch FROM progress WHERE study = 'corrupt' AND member = 0"),
                "member 0 resumed from its epoch-1 checkpoint");
        assertEquals(List.of(epochOne), stack.column("SELECT id FROM model WHERE study = 'corrupt' AND member = 0"
                + " AND kind = 'checkpoint' AND epoch = 1"), "the good checkpoint was kept");
        assertEquals(List.of("ensembles/deep reused", "evaluate/member-000 done", "evaluate/member-001 done",
                "train/member-000 done", "train/member-001 reused"),
                stack.column("SELECT stage || ' ' || state FROM stage WHERE study = 'corrupt' ORDER BY stage"));

        String[] retrained = stack.column(member0, "final", 2).get(0).split(" ");
        assertArrayEquals(uninterrupted, flatWeights(stack, retrained), "resumed weights equal the uninterrupted run's");
        assertEquals(predicted[1], stack.column(predictions, 1).get(0).split(" ")[1], "recomputed predictions are bit-identical");
        assertEquals(metrics, metrics(stack));
    }

    /** The weights in a stored checkpoint, read only if its bytes match their recorded checksum. */
    private static float[] flatWeights(ServedStack stack, String[] keyShaBytes) {
        ArtifactRef ref = new ArtifactRef(keyShaBytes[0], keyShaBytes[1], Long.parseLong(keyShaBytes[2]));
        return WeightVectors.flat(Checkpoints.read(stack.artifacts().get(ref)).net()).toFloatVector();
    }

    private static List<String> metrics(ServedStack stack) {
        return stack.column("SELECT m.member || ' ' || x.name || ' ' || x.value FROM metric x JOIN model m ON m.id = x.model_id"
                + " WHERE m.study = 'corrupt' ORDER BY m.member, x.name");
    }

    private static void flipOneByte(ServedStack stack, String key) {
        try (var s3 = stack.s3()) {
            byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(stack.endpoints.bucket()).key(key)).asByteArray();
            bytes[bytes.length / 2] ^= 0x01;
            s3.putObject(b -> b.bucket(stack.endpoints.bucket()).key(key), RequestBody.fromBytes(bytes));
        }
    }
}
