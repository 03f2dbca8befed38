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
 * {@code damaged_artifact} row), discarded, and its result recomputed from the newest good state, ending
 * identical to what the uninterrupted run produced. On the real stack (see {@link ServedStack}): a
 * 3-member, 2-epoch study runs to completion; then one byte is flipped, through S3 behind Basin's
 * back, in three objects, and the same study is submitted again:
 * <ul>
 *   <li>member 0's epoch-2 checkpoint, which is also its final weights: the check of the final weights
 *       finds it;</li>
 *   <li>member 2's epoch-2 checkpoint, with its final row deleted as if the worker had died between the
 *       two writes: the resume finds it, and falls back to the epoch-1 checkpoint;</li>
 *   <li>member 1's predictions: evaluation finds them and predicts again from the weights.</li>
 * </ul>
 */
@ExtendWith(ServedStack.Resolver.class)
class DamagedArtifactTest {
    private static final String WEIGHTS = "SELECT artifact_key || ' ' || sha256 || ' ' || bytes FROM model"
            + " WHERE study = 'damaged' AND member = ? AND kind = 'checkpoint' AND epoch = ?";
    private static final String PREDICTIONS = "SELECT p.artifact_key || ' ' || p.sha256 FROM prediction p"
            + " JOIN model m ON m.id = p.model_id WHERE m.study = 'damaged' AND m.member = ?";
    private static final String EPOCH_ONE = "SELECT member || ' ' || id FROM model WHERE study = 'damaged'"
            + " AND kind = 'checkpoint' AND epoch = 1 ORDER BY member";

    @TempDir Path dir;

    @Test
    void corruptWeightsResumeFromTheEpochOneCheckpointAndCorruptPredictionsAreRecomputed(ServedStack stack)
            throws Exception {
        Path data = dir.resolve("idx");
        SyntheticIdx.writeFolder(data, 1000, 300, 13, true);
        Path spec = Files.writeString(dir.resolve("damaged.yaml"), """
                study: damaged
                seed: 5
                data: {dataset: fashion-mnist, path: %s}
                model: small-cnn
                train: {members: 3, epochs: 2, batchSize: 64, lr: 0.05}
                """.formatted(data));
        Cli.Output first = stack.cli("submit", spec.toString(), "--wait", "--quiet");
        assertEquals(0, first.code(), first.err());

        String[] weights0 = stack.column(WEIGHTS, 0, 2).get(0).split(" ");
        String[] weights2 = stack.column(WEIGHTS, 2, 2).get(0).split(" ");
        float[] uninterrupted0 = flatWeights(stack, weights0);
        float[] uninterrupted2 = flatWeights(stack, weights2);
        String[] predicted1 = stack.column(PREDICTIONS, 1).get(0).split(" ");
        List<String> epochOne = stack.column(EPOCH_ONE);
        List<String> metrics = metrics(stack);

        flipOneByte(stack, weights0[0]);
        flipOneByte(stack, weights2[0]);
        flipOneByte(stack, predicted1[0]);
        stack.column("DELETE FROM model WHERE study = 'damaged' AND member = 2 AND kind = 'final' RETURNING id");
        Cli.Output second = stack.cli("submit", spec.toString(), "--wait", "--quiet");
        assertEquals(0, second.code(), second.err());

        assertEquals(List.of("final 0 " + weights0[0], "prediction 1 " + predicted1[0], "checkpoint 2 " + weights2[0]),
                stack.column("SELECT kind || ' ' || member || ' ' || artifact_key FROM damaged_artifact"
                        + " WHERE study = 'damaged' ORDER BY member"));
        assertEquals(List.of("0 1", "2 1"), stack.column("SELECT member || ' ' || resumed_from_epoch FROM progress"
                + " WHERE study = 'damaged' AND member <> 1 ORDER BY member"), "both resumed from their epoch-1 checkpoint");
        assertEquals(epochOne, stack.column(EPOCH_ONE), "the good checkpoints were kept");
        assertEquals(List.of("ensembles/deep reused", "evaluate/member-000 done", "evaluate/member-001 done",
                "evaluate/member-002 done", "train/member-000 done", "train/member-001 reused", "train/member-002 done"),
                stack.column("SELECT stage || ' ' || state FROM stage WHERE study = 'damaged' ORDER BY stage"));

        // Read back only if the new objects verify against their new checksums.
        assertArrayEquals(uninterrupted0, flatWeights(stack, stack.column(WEIGHTS, 0, 2).get(0).split(" ")),
                "member 0's resumed weights equal the uninterrupted run's");
        assertArrayEquals(uninterrupted2, flatWeights(stack, stack.column(WEIGHTS, 2, 2).get(0).split(" ")),
                "member 2's resumed weights equal the uninterrupted run's");
        assertEquals(predicted1[1], stack.column(PREDICTIONS, 1).get(0).split(" ")[1],
                "recomputed predictions are bit-identical");
        assertEquals(metrics, metrics(stack));
    }

    /** The weights in a stored checkpoint, read only if its bytes match their recorded checksum. */
    private static float[] flatWeights(ServedStack stack, String[] keyShaBytes) {
        ArtifactRef ref = new ArtifactRef(keyShaBytes[0], keyShaBytes[1], Long.parseLong(keyShaBytes[2]));
        return WeightVectors.flat(Checkpoints.read(stack.artifacts().get(ref)).net()).toFloatVector();
    }

    private static List<String> metrics(ServedStack stack) {
        return stack.column("SELECT m.member || ' ' || x.name || ' ' || x.value FROM metric x JOIN model m ON m.id = x.model_id"
                + " WHERE m.study = 'damaged' ORDER BY m.member, x.name");
    }

    private static void flipOneByte(ServedStack stack, String key) {
        try (var s3 = stack.s3()) {
            byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(stack.endpoints.bucket()).key(key)).asByteArray();
            bytes[bytes.length / 2] ^= 0x01;
            s3.putObject(b -> b.bucket(stack.endpoints.bucket()).key(key), RequestBody.fromBytes(bytes));
        }
    }
}
