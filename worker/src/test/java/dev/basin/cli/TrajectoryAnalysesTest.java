package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.artifacts.ArtifactRef;
import dev.basin.db.ModelKind;
import dev.basin.db.ModelRow;
import dev.basin.db.PredictionRow;
import dev.basin.engine.DataConfig;
import dev.basin.engine.data.Datasets;
import dev.basin.engine.io.Npy;
import dev.basin.engine.landscape.BatchNormStats;
import dev.basin.engine.landscape.Geometry;
import dev.basin.engine.landscape.SwagMoments;
import dev.basin.engine.train.Checkpoints;
import dev.basin.engine.tsne.Tsne;
import dev.basin.engine.weights.ParamScope;
import dev.basin.engine.weights.WeightVectors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The stages trajectory, swa, similarity and tsne of one small study (2 members, 3 epochs of 1,500 synthetic
 * images in batches of 50, every epoch kept), checked against what the test computes itself from the stored
 * checkpoints and predictions; then the same study again, which must reuse all four and change no row.
 */
class TrajectoryAnalysesTest {
    private static final String STUDY = "traj";
    private static final Duration LIMIT = Duration.ofSeconds(150);
    private static final int EPOCHS = 3;
    private static final int STEPS_PER_EPOCH = 1500 / 50;
    private static final long SEED = 3;

    @TempDir static Path dir;
    private static StudyStack stack;

    @BeforeAll
    static void start() {
        stack = new StudyStack(dir, 1500, 500, 2);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static String spec() {
        return String.join("\n", "study: " + STUDY, "seed: " + SEED, stack.dataLine(), "model: small-cnn",
                "train: {members: 2, epochs: " + EPOCHS + ", batchSize: 50, optimizer: nesterov, lr: 0.05}",
                "trajectory: {every: 1}", "swa: {start: 2, rank: 1}", "similarity: {}", "tsne: {perplexity: 2}", "");
    }

    @Test
    void analysesMatchWhatTheStoredModelsGiveAndARerunReusesThem() throws Exception {
        long t0 = System.nanoTime();
        stack.run(STUDY, spec(), LIMIT);
        double first = (System.nanoTime() - t0) / 1e9;
        List<String> stages = List.of("trajectory/member-000", "trajectory/member-001", "swa/member-000",
                "swa/member-001", "similarity", "tsne");
        assertEquals(stages.stream().map(s -> List.of(s, "done")).toList(), stageStates(stages));

        trajectoryMatchesTheFinals();
        swaIsTheMeanOfTheLastTwoEpochs();
        similarityIsWhatTheStoredModelsGive();
        tsneIsReproducible();

        List<List<List<String>>> before = snapshot();
        t0 = System.nanoTime();
        stack.run(STUDY, spec(), LIMIT);
        double second = (System.nanoTime() - t0) / 1e9;
        assertEquals(stages.stream().map(s -> List.of(s, "reused")).toList(), stageStates(stages));
        assertEquals(before, snapshot(), "a rerun changes no row");
        System.out.printf("TrajectoryAnalysesTest: first run %.1f s, rerun %.1f s%n", first, second);
    }

    /**
     * With batch norm (resnet20 at width 1/4, 1 member, 2 epochs of 200 images), the SWA solution is the mean of
     * the averaged checkpoints with its BN statistics recomputed over the training set, and the stage says so;
     * swa.rank 0 keeps the SWAG diagonal only.
     */
    @Test
    void swaOfANetworkWithBatchNormRecomputesItsStatistics() throws Exception {
        String study = "traj-bn";
        long t0 = System.nanoTime();
        stack.run(study, String.join("\n", "study: " + study, "seed: 5",
                "data: {dataset: fashion-mnist, path: " + stack.data + ", trainSubset: 200, testSubset: 50}",
                "model: {name: resnet20, width: 0.25}",
                "train: {members: 1, epochs: 2, batchSize: 50, optimizer: nesterov, lr: 0.05}",
                "swa: {start: 1, rank: 0}", ""), LIMIT);
        assertEquals(List.of(List.of("swa/member-000", "done")), stageStates(study, List.of("swa/member-000")));
        assertEquals(List.of(List.of("t", "2", "0")), stack.db.rows("SELECT bn_recomputed, swa_epochs, swag_rank"
                + " FROM swa_metrics WHERE study = ?", study));

        INDArray w1 = weights(model(study, ModelKind.CHECKPOINT, 0, 1));
        INDArray mean = w1.add(weights(model(study, ModelKind.CHECKPOINT, 0, 2))).divi(2);
        INDArray swa = weights(model(study, ModelKind.SWA, 0, 2));
        ComputationGraph net = Checkpoints.read(bytes(model(study, ModelKind.SWA, 0, 2))).net();
        INDArray features = Datasets.load(new DataConfig("fashion-mnist", stack.data.toString(), 200, 50)).train()
                .features();
        INDArray expected = BatchNormStats.recompute(net, mean, features, 500);
        assertArrayEquals(expected.toFloatVector(), swa.toFloatVector(), 1e-5f);
        assertTrue(swa.sub(mean).amaxNumber().doubleValue() > 1e-4, "the BN statistics are not the averaged ones");

        List<String> g = stack.db.rows("SELECT artifact_key, sha256, bytes FROM swag_moments WHERE study = ?", study)
                .get(0);
        SwagMoments moments = SwagMoments.fromBytes(stack.artifacts.get(new ArtifactRef(g.get(0), g.get(1),
                Long.parseLong(g.get(2)))));
        assertEquals(0, moments.rank());
        // moments over the trainable weights only (no running statistics): the SWA solution's trainable part
        INDArray trainableMean = WeightVectors.select(net, mean, ParamScope.TRAINABLE);
        assertEquals(WeightVectors.trainableCount(net), moments.mean().length());
        assertTrue(moments.mean().length() < net.numParams());
        assertArrayEquals(trainableMean.toFloatVector(), moments.mean().toFloatVector(), 1e-6f,
                "moments of the trainable weights as trained");
        assertArrayEquals(trainableMean.toFloatVector(), WeightVectors.trainable(net).toFloatVector(), 1e-6f);
        System.out.printf("TrajectoryAnalysesTest: resnet20 study %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static List<List<String>> stageStates(List<String> stages) throws Exception {
        return stageStates(STUDY, stages);
    }

    private static List<List<String>> stageStates(String study, List<String> stages) throws Exception {
        List<List<String>> out = new ArrayList<>();
        for (String s : stages) {
            out.add(List.of(s, stack.db.one("SELECT state FROM stage WHERE study = ? AND stage = ?", study, s)
                    .orElse("missing")));
        }
        return out;
    }

    private static void trajectoryMatchesTheFinals() throws Exception {
        for (int m = 0; m < 2; m++) {
            List<List<String>> rows = stack.db.rows("SELECT epoch, step, accuracy, nll, brier, ece"
                    + " FROM trajectory_metrics WHERE study = ? AND member = ? ORDER BY epoch", STUDY, m);
            assertEquals(List.of("1", "2", "3"), rows.stream().map(r -> r.get(0)).toList(), "member " + m);
            for (List<String> r : rows) {
                assertEquals(Long.parseLong(r.get(0)) * STEPS_PER_EPOCH, Long.parseLong(r.get(1)));
                double accuracy = Double.parseDouble(r.get(2));
                assertTrue(accuracy >= 0 && accuracy <= 1, r.toString());
            }
            List<String> last = stack.db.rows("SELECT accuracy, nll, brier, ece FROM member_metrics WHERE study = ?"
                    + " AND member = ? AND kind = 'final' AND split = 'test'", STUDY, m).get(0);
            assertEquals(last, rows.get(2).subList(2, 6), "the last checkpoint is the final weights");
            assertTrue(Double.parseDouble(last.get(0)) > 0.3, "learnt something: " + last);
        }
    }

    private static void swaIsTheMeanOfTheLastTwoEpochs() throws Exception {
        for (int m = 0; m < 2; m++) {
            ModelRow swa = model(ModelKind.SWA, m, EPOCHS);
            assertEquals(EPOCHS * (long) STEPS_PER_EPOCH, swa.step());
            float[] w2 = weights(model(ModelKind.CHECKPOINT, m, 2)).toFloatVector();
            float[] w3 = weights(model(ModelKind.CHECKPOINT, m, 3)).toFloatVector();
            float[] mean = new float[w2.length];
            float[] variance = new float[w2.length];
            for (int i = 0; i < mean.length; i++) {
                mean[i] = (float) (((double) w2[i] + w3[i]) / 2);
                double half = ((double) w3[i] - w2[i]) / 2;
                variance[i] = (float) (half * half);
            }
            assertArrayEquals(mean, weights(swa).toFloatVector(), 1e-6f);

            List<String> g = stack.db.rows("SELECT artifact_key, sha256, bytes, averaged, rank, bn_recomputed,"
                    + " swa_model_id FROM swag_moments WHERE study = ? AND member = ?", STUDY, m).get(0);
            assertEquals(List.of("2", "1", "f", String.valueOf(swa.id())), g.subList(3, 7));
            SwagMoments moments = SwagMoments.fromBytes(stack.artifacts.get(new ArtifactRef(g.get(0), g.get(1),
                    Long.parseLong(g.get(2)))));
            assertArrayEquals(mean, moments.mean().toFloatVector(), 0f);
            assertArrayEquals(variance, moments.variance().toFloatVector(), 1e-9f);
            assertEquals(1, moments.deviations().size());

            List<String> metrics = stack.db.rows("SELECT swa_accuracy, bn_recomputed, swa_epochs FROM swa_metrics"
                    + " WHERE study = ? AND member = ?", STUDY, m).get(0);
            double accuracy = Double.parseDouble(metrics.get(0));
            assertTrue(accuracy > 0.3 && accuracy <= 1, metrics.toString());
            assertEquals(List.of("f", "2"), metrics.subList(1, 3));
        }
    }

    private static void similarityIsWhatTheStoredModelsGive() throws Exception {
        // trajectory: 2 members × C(3, 2); members: C(2, 2); all: C(6, 2)
        assertEquals(List.of(List.of("all", "15"), List.of("members", "1"), List.of("trajectory", "6")),
                stack.db.rows("SELECT scope, count(*) FROM similarity WHERE study = ? GROUP BY scope ORDER BY scope",
                        STUDY));
        ModelRow c1 = model(ModelKind.CHECKPOINT, 0, 1);
        ModelRow c3 = model(ModelKind.CHECKPOINT, 0, 3);
        double[] stored = pair("trajectory", c1, c3);
        assertEquals(Geometry.cosine(weights(c1), weights(c3)), stored[0], 1e-12);
        assertEquals(Geometry.disagreement(predictions(c1), predictions(c3)), stored[1], 0);
        assertArrayEquals(stored, pair("all", c1, c3), 0, "the same pair under another scope");

        ModelRow f0 = model(ModelKind.FINAL, 0, EPOCHS);
        ModelRow f1 = model(ModelKind.FINAL, 1, EPOCHS);
        double[] members = pair("members", f0, f1);
        assertEquals(Geometry.cosine(weights(f0), weights(f1)), members[0], 1e-12);
        // small-cnn has no batch norm: trainable = the whole vector; the kernels' cosine leaves the biases out
        double kernels = Double.parseDouble(stack.db.one("SELECT cosine_kernels FROM similarity_pairs WHERE study = ?"
                + " AND scope = 'members'", STUDY).orElseThrow());
        assertEquals(Geometry.cosine(kernels(f0), kernels(f1)), kernels, 1e-12);
        assertTrue(Math.abs(kernels - members[0]) > 0, "biases left out");
        assertEquals(Geometry.disagreement(predictions(f0), predictions(f1)), members[1], 0);
        // Fort et al.: independent solutions are far apart in weight space, late checkpoints of one trajectory close
        double late = pair("trajectory", model(ModelKind.CHECKPOINT, 0, 2), c3)[0];
        assertTrue(late > members[0] + 0.2, "cos(late checkpoints) " + late + " vs cos(finals) " + members[0]);
        for (String d : stack.db.column("SELECT disagreement FROM similarity WHERE study = ?", STUDY)) {
            assertTrue(Double.parseDouble(d) >= 0 && Double.parseDouble(d) <= 1, d);
        }
    }

    private static void tsneIsReproducible() throws Exception {
        List<List<String>> rows = stack.db.rows("SELECT t.model_id, t.perplexity, t.seed, t.x, t.y FROM tsne_point t"
                + " JOIN model m ON m.id = t.model_id WHERE t.study = ? ORDER BY m.member, m.step", STUDY);
        assertEquals(6, rows.size(), "one point per kept checkpoint");
        double[][] points = new double[6][];
        for (int i = 0; i < 6; i++) {
            ModelRow row = stack.store.model(Long.parseLong(rows.get(i).get(0))).orElseThrow();
            assertEquals(ModelKind.CHECKPOINT, row.kind());
            INDArray p = predictions(row);
            points[i] = p.dup('c').reshape(p.length()).toDoubleVector();
            assertEquals(Tsne.maxPerplexity(6), Double.parseDouble(rows.get(i).get(1)), 1e-12,
                    "perplexity 2 lowered to (n - 1)/3 for 6 points");
            assertEquals(String.valueOf(SEED), rows.get(i).get(2), "tsne.seed defaults to the study's");
        }
        double[][] again = Tsne.embed(points, Tsne.maxPerplexity(6), SEED, 1000);
        for (int i = 0; i < 6; i++) {
            assertEquals(again[i][0], Double.parseDouble(rows.get(i).get(3)), 1e-9, "x of point " + i);
            assertEquals(again[i][1], Double.parseDouble(rows.get(i).get(4)), 1e-9, "y of point " + i);
        }
    }

    /** Every row the four stages wrote, with creation times: equal only if nothing was written again. */
    private static List<List<List<String>>> snapshot() throws Exception {
        return List.of(
                stack.db.rows("SELECT member, epoch, accuracy, nll, brier, ece, model_id FROM trajectory_metrics"
                        + " WHERE study = ? ORDER BY model_id", STUDY),
                stack.db.rows("SELECT m.id, m.kind, m.artifact_key, m.sha256, m.weights_sha256, m.created_at,"
                        + " p.artifact_key, p.sha256, p.input_key FROM model m JOIN prediction p ON p.model_id = m.id"
                        + " WHERE m.study = ? ORDER BY m.id", STUDY),
                stack.db.rows("SELECT * FROM swag_moments WHERE study = ? ORDER BY member", STUDY),
                stack.db.rows("SELECT * FROM similarity WHERE study = ? ORDER BY id", STUDY),
                stack.db.rows("SELECT * FROM tsne_point WHERE study = ? ORDER BY model_id", STUDY));
    }

    private static double[] pair(String scope, ModelRow a, ModelRow b) throws Exception {
        List<String> r = stack.db.rows("SELECT cosine, disagreement FROM similarity WHERE study = ? AND scope = ?"
                + " AND model_a = ? AND model_b = ?", STUDY, scope, Math.min(a.id(), b.id()), Math.max(a.id(), b.id()))
                .get(0);
        return new double[] {Double.parseDouble(r.get(0)), Double.parseDouble(r.get(1))};
    }

    private static ModelRow model(ModelKind kind, int member, int epoch) {
        return model(STUDY, kind, member, epoch);
    }

    private static ModelRow model(String study, ModelKind kind, int member, int epoch) {
        return stack.store.models(study).stream()
                .filter(r -> r.kind() == kind && r.member() == member && r.epoch() == epoch).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " of member " + member + " at epoch " + epoch));
    }

    private static INDArray weights(ModelRow row) {
        return WeightVectors.flat(Checkpoints.read(bytes(row)).net());
    }

    private static INDArray kernels(ModelRow row) {
        return WeightVectors.kernels(Checkpoints.read(bytes(row)).net());
    }

    private static byte[] bytes(ModelRow row) {
        return stack.artifacts.get(new ArtifactRef(row.artifactKey(), row.sha256(), row.bytes()));
    }

    private static INDArray predictions(ModelRow row) {
        PredictionRow p = stack.store.predictions().of(row.id(), "test").orElseThrow();
        return Npy.read(stack.artifacts.get(new ArtifactRef(p.artifactKey(), p.sha256(), p.bytes())));
    }
}
