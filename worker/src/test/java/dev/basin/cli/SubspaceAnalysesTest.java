package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The {@code subspace} samples (Fort et al. Fig. 6) and the SWA, subspace and Multi-SWAG ensembles (Fig. 8) of
 * a small study, checked from what it left in PostgreSQL and S3: every number is recomputed here from the
 * stored predictions and weights, and a second run reuses every stage and changes no row; and MC dropout on a
 * medium-cnn study in the same stack.
 */
class SubspaceAnalysesTest {
    private static final String STUDY = "subspace";
    private static final String MC_STUDY = "mc-dropout";
    private static final long MC_SEED = 5;
    private static final List<String> METHODS = List.of("random", "dropout", "diag-gaussian", "low-rank-gaussian");

    @TempDir static Path dir;
    private static StudyStack stack;
    private static int[] labels;

    @BeforeAll
    static void start() {
        stack = new StudyStack(dir, 1500, 500, 2);
        labels = Datasets.load(new DataConfig("fashion-mnist", stack.data.toString(), 0, 0)).test().labels();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static String spec() {
        return String.join("\n",
                "study: " + STUDY,
                "seed: 5",
                stack.dataLine(),
                "model: small-cnn",
                "train: {members: 2, epochs: 3, batchSize: 50, lr: 0.05}",
                "trajectory: {every: 1}",
                "swa: {start: 2, rank: 2}",
                "subspace:",
                "  around: 0",
                "  samples: 2",
                "  random: {radii: [1.0], accuracyFloor: 0.99}",   // no sample is that good: all are measured, none kept
                "  dropout: {rates: [0.1]}",
                "  diag-gaussian: {scales: [1.0]}",
                "  low-rank-gaussian: {rank: 1, scales: [1.0]}",
                "ensembles: {deep: true, swa: true, subspace: true, multiSwag: true}",
                "");
    }

    @Test
    void samplesAndEnsemblesAreWhatTheirPredictionsSayAndAreReused() throws SQLException {
        long t0 = System.nanoTime();
        stack.run(STUDY, spec(), Duration.ofMinutes(6));
        System.out.printf("SubspaceAnalysesTest: first run %.1f s%n", (System.nanoTime() - t0) / 1e9);

        for (String method : METHODS) { // 1 level x 2 samples each, around member 0's final weights
            assertEquals(List.of("0:0", "0:1"), stack.db.column("select baseline_member || ':' || sample"
                    + " from subspace_diversity where study = ? and method = ? order by sample", STUDY, method), method);
        }
        checkSampleAgainstItsPredictions("random r=1 #1", false);
        checkSampleAgainstItsPredictions("low-rank-gaussian s=1 #0", true);
        checkOtherMember();
        checkDropoutWeights();
        checkEnsembles();

        List<List<String>> before = snapshot();
        t0 = System.nanoTime();
        stack.run(STUDY, spec(), Duration.ofMinutes(3));
        System.out.printf("SubspaceAnalysesTest: second run %.1f s%n", (System.nanoTime() - t0) / 1e9);
        assertEquals(List.of("reused"), stack.db.column("select distinct state from stage where study = ?"
                + " and (stage like 'subspace/%' or stage like 'ensembles/%')", STUDY));
        assertEquals(4 + 2 + 4L, stack.db.number("select count(*) from stage where study = ?"
                + " and (stage like 'subspace/%' or stage like 'ensembles/%')", STUDY).orElseThrow());
        assertEquals(before, snapshot());
    }

    /** Disagreement with member 0's final and diversity = disagreement / (1 − its accuracy), from the .npy files. */
    private void checkSampleAgainstItsPredictions(String variant, boolean kept) throws SQLException {
        List<String> row = stack.db.rows("select s.accuracy, s.disagreement, s.diversity, s.kept from subspace_sample s"
                + " join model m on m.id = s.model_id where m.study = ? and m.kind = 'sample' and m.member = 0"
                + " and m.variant = ?", STUDY, variant).get(0);
        int[] sample = argmax(predictions("kind = 'sample' and member = 0 and variant = ?", variant));
        int[] baseline = argmax(predictions("kind = 'final' and member = 0"));
        double disagreement = fraction(sample, baseline, false);
        double baselineAccuracy = fraction(baseline, labels, true);
        assertEquals(fraction(sample, labels, true), Double.parseDouble(row.get(0)), 1e-12, variant);
        assertEquals(disagreement, Double.parseDouble(row.get(1)), 1e-12, variant);
        assertEquals(disagreement / (1 - baselineAccuracy), Double.parseDouble(row.get(2)), 1e-9, variant);
        assertEquals(kept ? "t" : "f", row.get(3), variant + " kept");
        assertTrue(disagreement > 0, variant + " must predict differently from the model it was drawn around");
    }

    /** The other member, measured against member 0 as the samples are (method 'member', index = member). */
    private void checkOtherMember() throws SQLException {
        List<String> row = stack.db.rows("select member, sample, scale, accuracy, disagreement from subspace_diversity"
                + " where study = ? and method = 'member'", STUDY).get(0);
        assertEquals(List.of("1", "1"), row.subList(0, 2));
        assertNull(row.get(2));
        int[] other = argmax(predictions("kind = 'final' and member = 1"));
        assertEquals(fraction(other, labels, true), Double.parseDouble(row.get(3)), 1e-12);
        assertEquals(fraction(other, argmax(predictions("kind = 'final' and member = 0")), false),
                Double.parseDouble(row.get(4)), 1e-12);
    }

    /** Dropout at rate 0.1: about 10% of the weights are 0, and every other one is the final's / 0.9. */
    private void checkDropoutWeights() throws SQLException {
        float[] sample = weights("kind = 'sample' and member = 0 and variant = 'dropout p=0.1 #0'");
        float[] original = weights("kind = 'final' and member = 0");
        int zeros = 0;
        for (int i = 0; i < sample.length; i++) {
            if (sample[i] == 0 && original[i] != 0) {
                zeros++;
            } else {
                assertEquals(original[i] / 0.9, sample[i], 1e-6 * Math.abs(original[i]) + 1e-12, "weight " + i);
            }
        }
        double rate = (double) zeros / sample.length;
        assertTrue(Math.abs(rate - 0.1) < 0.01, "dropped " + rate + " of " + sample.length + " weights");
    }

    private void checkEnsembles() throws SQLException {
        List<String> expected = new ArrayList<>();
        for (String kind : List.of("deep", "multi-swag", "subspace/diag-gaussian/s=1", "subspace/dropout/p=0.1",
                "subspace/low-rank-gaussian/s=1", "swa")) { // random: none kept, no ensemble
            expected.add(kind + " 1");
            expected.add(kind + " 2");
        }
        assertEquals(expected, stack.db.column("select kind || ' ' || size from ensemble_size where study = ?"
                + " order by kind, size", STUDY));
        // size 1 is its single model
        assertSizeOneIs("swa", "kind = 'swa' and member = 0");
        assertSizeOneIs("subspace/dropout/p=0.1", "kind = 'sample' and member = 0 and variant = 'dropout p=0.1 #0'");
        assertSizeOneIs("deep", "kind = 'final' and member = 0");
        assertEquals(List.of("{0}", "{0,1}"), stack.db.column("select members from ensemble_size where study = ?"
                + " and kind = 'multi-swag' order by size", STUDY));
        assertEquals(List.of("{0}", "{0}"), stack.db.column("select members from ensemble_size where study = ?"
                + " and kind = 'subspace/low-rank-gaussian/s=1' order by size", STUDY));
        // Multi-SWAG of size 2: the mean of both members' SWAG samples, 2 each
        List<INDArray> all = new ArrayList<>();
        for (int m = 0; m < 2; m++) {
            for (int i = 0; i < 2; i++) {
                all.add(predictions("kind = 'sample' and member = " + m + " and variant = ?", "multi-swag #" + i));
            }
        }
        INDArray mean = all.get(0).dup('c');
        for (int i = 1; i < all.size(); i++) {
            mean.addi(all.get(i));
        }
        mean.divi(all.size());
        List<String> two = stack.db.rows("select accuracy, nll from ensemble_size where study = ? and"
                + " kind = 'multi-swag' and size = 2", STUDY).get(0);
        assertEquals(fraction(argmax(mean), labels, true), Double.parseDouble(two.get(0)), 1e-12);
        assertEquals(nll(mean), Double.parseDouble(two.get(1)), 1e-6);
        checkSubsets();
    }

    /**
     * The deep, SWA and Multi-SWAG ensembles over subsets of the 2 members: size 1 averages both members' own
     * scores, with the sample sd |a - b| / sqrt(2); size 2 is the one subset of both, the first-k ensemble, no sd.
     */
    private void checkSubsets() throws SQLException {
        assertEquals(List.of("deep 1 2 t", "deep 2 1 t", "multi-swag 1 2 t", "multi-swag 2 1 t", "swa 1 2 t",
                "swa 2 1 t"), stack.db.column("select kind || ' ' || size || ' ' || subsets || ' ' ||"
                + " case when exhaustive then 't' else 'f' end from ensemble_size_subsets where study = ?"
                + " order by kind, size", STUDY));
        for (String metric : List.of("accuracy", "nll")) {
            List<String> members = stack.db.column("select " + metric + " from member_metrics where study = ?"
                    + " and split = 'test' and kind = 'final' order by member", STUDY);
            double a = Double.parseDouble(members.get(0));
            double b = Double.parseDouble(members.get(1));
            List<String> one = stack.db.rows("select " + metric + "_mean, " + metric + "_sd from ensemble_size_subsets"
                    + " where study = ? and kind = 'deep' and size = 1", STUDY).get(0);
            assertEquals((a + b) / 2, Double.parseDouble(one.get(0)), 1e-9, metric);
            assertEquals(Math.abs(a - b) / Math.sqrt(2), Double.parseDouble(one.get(1)), 1e-9, metric);
            for (String kind : List.of("deep", "swa", "multi-swag")) {
                List<String> both = stack.db.rows("select s." + metric + "_mean, e." + metric + ", s." + metric
                        + "_sd is null from ensemble_size_subsets s join ensemble_size e on e.study = s.study"
                        + " and e.kind = s.kind and e.size = s.size where s.study = ? and s.kind = ? and s.size = 2",
                        STUDY, kind).get(0);
                assertEquals(Double.parseDouble(both.get(1)), Double.parseDouble(both.get(0)), 1e-6, kind + " " + metric);
                assertEquals("t", both.get(2), kind + ": one subset, no sd");
            }
        }
    }

    private void assertSizeOneIs(String kind, String model) throws SQLException {
        List<String> ensemble = stack.db.rows("select accuracy, nll, brier, ece from ensemble_size"
                + " where study = ? and kind = ? and size = 1", STUDY, kind).get(0);
        List<String> single = stack.db.rows("select accuracy, nll, brier, ece from member_metrics where study = ?"
                + " and split = 'test' and " + model, STUDY).get(0);
        for (int i = 0; i < 4; i++) {
            assertEquals(Double.parseDouble(single.get(i)), Double.parseDouble(ensemble.get(i)), 1e-12, kind + " " + i);
        }
    }

    /** What a second run must leave unchanged: samples, their measurements, the ensembles and their metrics. */
    private List<List<String>> snapshot() throws SQLException {
        List<List<String>> rows = new ArrayList<>(stack.db.rows("select m.id, m.variant, m.sha256, m.created_at,"
                + " p.sha256, p.input_key from model m join prediction p on p.model_id = m.id"
                + " where m.study = ? and m.kind = 'sample' order by m.id", STUDY));
        rows.addAll(stack.db.rows("select model_id, baseline_id, method, scale, sample, accuracy, disagreement,"
                + " diversity, kept, input_key, created_at from subspace_sample where study = ? order by model_id",
                STUDY));
        rows.addAll(stack.db.rows("select e.id, e.kind, e.size, e.members::text, e.input_key, x.name, x.value,"
                + " x.created_at from ensemble e join metric x on x.ensemble_id = e.id where e.study = ?"
                + " order by e.id, x.name", STUDY));
        return rows;
    }

    /**
     * {@code subspace.mc-dropout} on a medium-cnn study in the same stack: each sample is stored as a model with the
     * member's own weights, its predictions are MC dropout's with the seed of (study seed, member, sample), they
     * differ per sample, and they are measured (both diversity normalisations) and ensembled like every other
     * sampler's.
     */
    @Test
    void mcDropoutSamplesAreTheMembersWeightsWithSeededMasks() throws SQLException {
        stack.run(MC_STUDY, String.join("\n", "study: " + MC_STUDY, "seed: " + MC_SEED, stack.dataLine(),
                "model: {name: medium-cnn, width: 0.25}", "train: {members: 2, epochs: 1, batchSize: 50, lr: 0.05}",
                "subspace: {around: 0, samples: 2, mc-dropout: {}}", "ensembles: {deep: true, subspace: true}", ""),
                Duration.ofMinutes(4));
        assertEquals(List.of("mc-dropout 0", "mc-dropout 1", "member 1"), stack.db.column("select method || ' ' ||"
                + " sample from subspace_diversity where study = ? order by method, sample", MC_STUDY));
        float[] member = mcWeights("kind = 'final' and member = 0");
        ComputationGraph net = Checkpoints.read(mcZip("kind = 'final' and member = 0")).net();
        var test = Datasets.load(new DataConfig("fashion-mnist", stack.data.toString(), 0, 0)).test();
        INDArray deterministic = mcPredictions("kind = 'final' and member = 0");
        INDArray[] samples = new INDArray[2];
        for (int i = 0; i < 2; i++) {
            String variant = "mc-dropout p=model #" + i;
            assertArrayEquals(member, mcWeights("kind = 'sample' and member = 0 and variant = '" + variant + "'"),
                    "a sample's weights are the member's");
            samples[i] = mcPredictions("kind = 'sample' and member = 0 and variant = '" + variant + "'");
            INDArray again = McDropout.predict(net, test, SubspaceSamples.mcDropoutSeed(MC_SEED, 0, i),
                    Predictor.DEFAULT_BATCH, () -> {});
            assertTrue(again.equalsWithEps(samples[i], 1e-5), variant + " is reproducible from its seed");
            assertFalse(samples[i].equalsWithEps(deterministic, 1e-4), variant + " is not the inference output");
            List<String> row = stack.db.rows("select accuracy, disagreement, diversity, diversity_own"
                    + " from subspace_diversity where study = ? and method = 'mc-dropout' and sample = ?", MC_STUDY, i)
                    .get(0);
            double accuracy = Double.parseDouble(row.get(0));
            double disagreement = Double.parseDouble(row.get(1));
            assertEquals(disagreement / (1 - accuracy), Double.parseDouble(row.get(3)), 1e-9, "Fort's normalisation");
        }
        assertFalse(samples[0].equalsWithEps(samples[1], 1e-4), "each sample has its own masks");
        assertEquals(List.of("1", "2"), stack.db.column("select size::text from ensemble_size where study = ?"
                + " and kind = 'subspace/mc-dropout/p=model' order by size", MC_STUDY));
    }

    private static byte[] mcZip(String where) throws SQLException {
        List<String> m = stack.db.rows("select artifact_key, sha256, bytes from model where study = ? and " + where,
                MC_STUDY).get(0);
        return stack.artifacts.get(new ArtifactRef(m.get(0), m.get(1), Long.parseLong(m.get(2))));
    }

    private static float[] mcWeights(String where) throws SQLException {
        return WeightVectors.flat(Checkpoints.read(mcZip(where)).net()).toFloatVector();
    }

    private static INDArray mcPredictions(String where) throws SQLException {
        List<String> p = stack.db.rows("select p.artifact_key, p.sha256, p.bytes from prediction p join model"
                + " on model.id = p.model_id where model.study = ? and p.split = 'test' and " + where, MC_STUDY).get(0);
        return Npy.read(stack.artifacts.get(new ArtifactRef(p.get(0), p.get(1), Long.parseLong(p.get(2)))));
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static INDArray predictions(String where, Object... params) throws SQLException {
        Object[] all = new Object[params.length + 1];
        all[0] = STUDY;
        System.arraycopy(params, 0, all, 1, params.length);
        List<String> p = stack.db.rows("select p.artifact_key, p.sha256, p.bytes from prediction p"
                + " join model on model.id = p.model_id where model.study = ? and p.split = 'test' and " + where, all)
                .get(0);
        return Npy.read(stack.artifacts.get(new ArtifactRef(p.get(0), p.get(1), Long.parseLong(p.get(2)))));
    }

    private static float[] weights(String where) throws SQLException {
        List<String> m = stack.db.rows("select artifact_key, sha256, bytes from model where study = ? and " + where,
                STUDY).get(0);
        byte[] zip = stack.artifacts.get(new ArtifactRef(m.get(0), m.get(1), Long.parseLong(m.get(2))));
        return WeightVectors.flat(Checkpoints.read(zip).net()).toFloatVector();
    }

    private static int[] argmax(INDArray probabilities) {
        double[][] p = probabilities.toDoubleMatrix();
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            for (int k = 1; k < p[i].length; k++) {
                if (p[i][k] > p[i][out[i]]) {
                    out[i] = k;
                }
            }
        }
        return out;
    }

    /** Fraction of positions where a and b are equal ({@code same}) or differ. */
    private static double fraction(int[] a, int[] b, boolean same) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if ((a[i] == b[i]) == same) {
                n++;
            }
        }
        return (double) n / a.length;
    }

    private static double nll(INDArray probabilities) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            sum -= Math.log(Math.max(probabilities.getDouble(i, labels[i]), 1e-12));
        }
        return sum / labels.length;
    }
}
