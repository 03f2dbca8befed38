package dev.basin.engine.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.Engine;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class BatchNormStatsTest {

    private static final int N = 23;
    private static final int C = 3;
    private static final int H = 4;
    private static final int W = 4;
    private static final int HIDDEN = 5;

    @BeforeAll
    static void init() {
        Engine.init(2);
    }

    /** conv 3×3 → BN → ReLU → global average pool → dense → BN → softmax, on 2×4×4 inputs. */
    private static ComputationGraph convGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5)
                .weightInit(WeightInit.XAVIER).updater(new Sgd(0.1)).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutionalFlat(H, W, 2))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(C).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn1", new BatchNormalization.Builder().build(), "conv")
                .addLayer("relu", new ActivationLayer(Activation.RELU), "bn1")
                .addLayer("pool", new GlobalPoolingLayer(PoolingType.AVG), "relu")
                .addLayer("dense", new DenseLayer.Builder().nOut(HIDDEN).activation(Activation.IDENTITY).build(), "pool")
                .addLayer("bn2", new BatchNormalization.Builder().useLogStd(false).build(), "dense")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build(), "bn2")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        // arbitrary gamma, beta and stale statistics, so nothing passes by staying at its initial value
        SplittableRandom rng = new SplittableRandom(8);
        for (String bn : new String[] {"bn1", "bn2"}) {
            for (var e : g.getLayer(bn).paramTable().entrySet()) {
                INDArray p = e.getValue();
                for (long i = 0; i < p.length(); i++) {
                    p.putScalar(i, e.getKey().equals("var") ? 3 + rng.nextDouble() : 0.5 + rng.nextDouble());
                }
            }
        }
        return g;
    }

    /** Uniform in [−1, 3): off-centre, so means and variances are both non-trivial. */
    private static INDArray features(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] f = new float[N][2 * H * W];
        for (float[] row : f) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) (4 * rng.nextDouble() - 1);
            }
        }
        return Nd4j.createFromArray(f);
    }

    /** Per-column mean and population variance of rows. */
    private static double[][] stats(double[][] rows) {
        int c = rows[0].length;
        double[] mean = new double[c];
        double[] var = new double[c];
        for (double[] r : rows) {
            for (int k = 0; k < c; k++) {
                mean[k] += r[k] / rows.length;
            }
        }
        for (double[] r : rows) {
            for (int k = 0; k < c; k++) {
                var[k] += (r[k] - mean[k]) * (r[k] - mean[k]) / rows.length;
            }
        }
        return new double[][] {mean, var};
    }

    /** The conv output [N, C, H, W] as rows of C, one per (example, position). */
    private static double[][] channelRows(INDArray conv) {
        double[][] rows = new double[(int) (conv.size(0) * H * W)][C];
        int r = 0;
        for (int n = 0; n < conv.size(0); n++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    for (int c = 0; c < C; c++) {
                        rows[r][c] = conv.getDouble(n, c, y, x);
                    }
                    r++;
                }
            }
        }
        return rows;
    }

    private static double[] param(ComputationGraph g, String layer, String key) {
        return g.getLayer(layer).getParam(key).toDoubleVector();
    }

    @Test
    void storesTheWholeSetsMeanAndPopulationVariance() {
        ComputationGraph g = convGraph();
        INDArray f = features(3);
        int batch = 7; // 23 = 7 + 7 + 7 + 2: uneven batches
        assertTrue(g.getLayer("bn1").paramTable().containsKey("log10stdev"), "useLogStd is on by default in M2.1");
        INDArray before = g.params().dup();
        INDArray after = BatchNormStats.recompute(g, before, f, batch);
        assertEquals(1, after.rank());
        assertNotEquals(before.reshape(after.shape()), after);

        // bn1's input (the conv output) does not depend on any batch norm
        INDArray conv = g.feedForward(f, false).get("conv");
        double[][] expected1 = stats(channelRows(conv));
        assertArrayEquals(expected1[0], param(g, "bn1", "mean"), 1e-5);
        double[] log10std = param(g, "bn1", "log10stdev");
        for (int c = 0; c < C; c++) {
            assertEquals(expected1[1][c], Math.pow(10, 2 * log10std[c]), 1e-5 * expected1[1][c], "var " + c);
        }

        // bn2's input: dense(pool(relu(bn1 normalised with each BATCH's statistics))), built by hand
        double[][] hidden = new double[N][];
        double[] gamma = param(g, "bn1", "gamma");
        double[] beta = param(g, "bn1", "beta");
        double eps = ((BatchNormalization) g.getLayer("bn1").conf().getLayer()).getEps();
        INDArray wDense = g.getLayer("dense").getParam("W");
        double[] bDense = param(g, "dense", "b");
        for (int start = 0; start < N; start += batch) {
            int end = Math.min(N, start + batch);
            INDArray part = conv.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end));
            double[][] batchStats = stats(channelRows(part));
            for (int n = 0; n < end - start; n++) {
                double[] pooled = new double[C];
                for (int c = 0; c < C; c++) {
                    for (int y = 0; y < H; y++) {
                        for (int x = 0; x < W; x++) {
                            double z = (part.getDouble(n, c, y, x) - batchStats[0][c])
                                    / Math.sqrt(batchStats[1][c] + eps) * gamma[c] + beta[c];
                            pooled[c] += Math.max(0, z) / (H * W);
                        }
                    }
                }
                double[] h = bDense.clone();
                for (int k = 0; k < HIDDEN; k++) {
                    for (int c = 0; c < C; c++) {
                        h[k] += pooled[c] * wDense.getDouble(c, k);
                    }
                }
                hidden[start + n] = h;
            }
        }
        double[][] expected2 = stats(hidden);
        assertArrayEquals(expected2[0], param(g, "bn2", "mean"), 1e-4);
        double[] var2 = param(g, "bn2", "var");
        for (int k = 0; k < HIDDEN; k++) {
            assertEquals(expected2[1][k], var2[k], 1e-4 * expected2[1][k] + 1e-7, "var " + k);
        }
        assertEquals(after, g.params().reshape(after.shape()), "the returned vector is the graph's new parameters");
    }

    @Test
    void onlyStatisticsChangeAndBn1IgnoresTheBatchSize() {
        ComputationGraph a = convGraph();
        ComputationGraph b = convGraph();
        INDArray f = features(4);
        INDArray w = a.params().dup();
        INDArray small = BatchNormStats.recompute(a, w, f, 5);
        for (String bn : new String[] {"bn1", "bn2"}) {
            for (String key : new String[] {"gamma", "beta"}) {
                assertArrayEquals(b.getLayer(bn).getParam(key).toDoubleVector(), param(a, bn, key), 0);
            }
        }
        assertArrayEquals(b.getLayer("conv").params().toDoubleVector(), a.getLayer("conv").params().toDoubleVector(), 0);
        // batch size changes the bn2 statistics (bn1 normalises with batch statistics), but not bn1's
        BatchNormStats.recompute(b, w, f, N);
        assertArrayEquals(param(b, "bn1", "mean"), param(a, "bn1", "mean"), 1e-5);
        assertArrayEquals(param(b, "bn1", "log10stdev"), param(a, "bn1", "log10stdev"), 1e-5);
        assertNotEquals(small, b.params().reshape(small.shape()));
    }

    @Test
    void hasBatchNorm() {
        assertTrue(BatchNormStats.hasBatchNorm(convGraph()));
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("in").setInputTypes(InputType.feedForward(4))
                .addLayer("dense", new DenseLayer.Builder().nOut(3).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out").build();
        ComputationGraph plain = new ComputationGraph(conf);
        plain.init();
        assertFalse(BatchNormStats.hasBatchNorm(plain));
        INDArray before = plain.params().dup();
        BatchNormStats.recompute(plain, Nd4j.ones(6, 4), 2);
        assertEquals(before, plain.params());
    }

    @Test
    void denseBatchNormDirectlyOnTheInput() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("in").setInputTypes(InputType.feedForward(3))
                .addLayer("bn", new BatchNormalization.Builder().build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build(), "bn")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        INDArray f = Nd4j.createFromArray(new float[][] {{1, 0, 5}, {2, 0, 5}, {3, 0, 5}, {6, 0, 5}});
        BatchNormStats.recompute(g, f, 3);
        assertArrayEquals(new double[] {3, 0, 5}, param(g, "bn", "mean"), 1e-6);
        // population variance of (1,2,3,6) = (4+1+0+9)/4 = 3.5; constant columns: the 1e-30 floor
        double[] log10std = param(g, "bn", "log10stdev");
        assertEquals(0.5 * Math.log10(3.5), log10std[0], 1e-6);
        assertEquals(-15, log10std[1], 1e-6);
        assertEquals(-15, log10std[2], 1e-6);
    }
}
