package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.activities.landscape.SubspaceSamples;
import dev.basin.artifacts.ArtifactRef;
import dev.basin.engine.DataConfig;
import dev.basin.engine.data.Datasets;
import dev.basin.engine.io.Npy;
import dev.basin.engine.landscape.McDropout;
import dev.basin.engine.model.Predictor;
import dev.basin.engine.train.Checkpoints;
import dev.basin.engine.weights.WeightVectors;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code subspace.mc-dropout} on a medium-cnn study, end to end: each sample is stored as a model with the member's
 * own weights, its predictions are MC dropout's with the seed of (study seed, member, sample), they differ per
 * sample, and they are measured (both diversity normalisations) and ensembled like every other sampler's.
 */
class McDropoutAnalysisTest {
    private static final String STUDY = "mc-dropout";
    private static final long SEED = 5;

    @TempDir static Path dir;
    private static StudyStack stack;

    @BeforeAll
    static void start() {
        stack = new StudyStack(dir, 600, 300, 2);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void samplesAreTheMembersWeightsWithSeededMasks() throws SQLException {
        stack.run(STUDY, String.join("\n", "study: " + STUDY, "seed: " + SEED, stack.dataLine(),
                "model: {name: medium-cnn, width: 0.25}", "train: {members: 2, epochs: 1, batchSize: 50, lr: 0.05}",
                "subspace: {around: 0, samples: 2, mc-dropout: {}}", "ensembles: {deep: true, subspace: true}", ""),
                Duration.ofMinutes(4));
        assertEquals(List.of("mc-dropout 0", "mc-dropout 1", "member 1"), stack.db.column("select method || ' ' ||"
                + " sample from subspace_diversity where study = ? order by method, sample", STUDY));
        float[] member = weights("kind = 'final' and member = 0");
        ComputationGraph net = Checkpoints.read(zip("kind = 'final' and member = 0")).net();
        var test = Datasets.load(new DataConfig("fashion-mnist", stack.data.toString(), 0, 0)).test();
        INDArray deterministic = predictions("kind = 'final' and member = 0");
        INDArray[] samples = new INDArray[2];
        for (int i = 0; i < 2; i++) {
            String variant = "mc-dropout p=model #" + i;
            assertArrayEquals(member, weights("kind = 'sample' and member = 0 and variant = '" + variant + "'"),
                    "a sample's weights are the member's");
            samples[i] = predictions("kind = 'sample' and member = 0 and variant = '" + variant + "'");
            INDArray again = McDropout.predict(net, test, SubspaceSamples.mcDropoutSeed(SEED, 0, i),
                    Predictor.DEFAULT_BATCH, () -> {});
            assertTrue(again.equalsWithEps(samples[i], 1e-5), variant + " is reproducible from its seed");
            assertFalse(samples[i].equalsWithEps(deterministic, 1e-4), variant + " is not the inference output");
            List<String> row = stack.db.rows("select accuracy, disagreement, diversity, diversity_own"
                    + " from subspace_diversity where study = ? and method = 'mc-dropout' and sample = ?", STUDY, i)
                    .get(0);
            double accuracy = Double.parseDouble(row.get(0));
            double disagreement = Double.parseDouble(row.get(1));
            assertEquals(disagreement / (1 - accuracy), Double.parseDouble(row.get(3)), 1e-9, "Fort's normalisation");
        }
        assertFalse(samples[0].equalsWithEps(samples[1], 1e-4), "each sample has its own masks");
        assertEquals(List.of("1", "2"), stack.db.column("select size::text from ensemble_size where study = ?"
                + " and kind = 'subspace/mc-dropout/p=model' order by size", STUDY));
    }

    private static byte[] zip(String where) throws SQLException {
        List<String> m = stack.db.rows("select artifact_key, sha256, bytes from model where study = ? and " + where,
                STUDY).get(0);
        return stack.artifacts.get(new ArtifactRef(m.get(0), m.get(1), Long.parseLong(m.get(2))));
    }

    private static float[] weights(String where) throws SQLException {
        return WeightVectors.flat(Checkpoints.read(zip(where)).net()).toFloatVector();
    }

    private static INDArray predictions(String where) throws SQLException {
        List<String> p = stack.db.rows("select p.artifact_key, p.sha256, p.bytes from prediction p join model"
                + " on model.id = p.model_id where model.study = ? and p.split = 'test' and " + where, STUDY).get(0);
        return Npy.read(stack.artifacts.get(new ArtifactRef(p.get(0), p.get(1), Long.parseLong(p.get(2)))));
    }
}
