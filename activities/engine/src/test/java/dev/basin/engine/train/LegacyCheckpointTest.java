package dev.basin.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.engine.Engine;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.TrainConfig;
import dev.basin.engine.data.Dataset;
import dev.basin.engine.data.SyntheticIdx;
import dev.basin.engine.model.Models;
import dev.basin.engine.weights.WeightVectors;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Engine 1 trained small-cnn as a MultiLayerNetwork and checkpointed it as one. Such a checkpoint,
 * taken mid-epoch under Adam (whose bias correction reads the iteration count), must resume as a
 * graph and end bit-identical to a graph trained from the start: the layer stack and the graph
 * start from the same weights and compute the same floats.
 */
class LegacyCheckpointTest {

    private static final OptimizerConfig ADAM = new OptimizerConfig("adam", 1e-3, 0, 1e-4);

    @Test
    void aLayerStackCheckpointResumesAsABitIdenticalGraph() throws Exception {
        Engine.init(2);
        Dataset data = SyntheticIdx.dataset(160, 21);
        TrainConfig c = new TrainConfig(1, 2, 32, ADAM, "step", 1, 0);
        long seed = Seeds.member(99, 0);

        ComputationGraph whole = Models.build(new ModelConfig("small-cnn"), ADAM, seed, 1, 28, 28, 10);
        MultiLayerNetwork stack = engine1SmallCnn(seed);
        assertEquals(WeightVectors.sha256(whole), WeightVectors.sha256(stack.params().dup().reshape(stack.numParams())));
        new Trainer(c, seed, TrainListener.NONE, 3).run(whole, data, TrainPosition.START);

        // engine 1's loop for the first 3 steps of epoch 0, then its checkpoint bytes
        stack.setLearningRate(LrSchedule.rate("step", ADAM.lr(), 0, 2));
        int[] order = Trainer.epochOrder(seed, 0, data.size());
        for (int s = 0; s < 3; s++) {
            int[] rows = Arrays.copyOfRange(order, s * 32, (s + 1) * 32);
            stack.fit(new DataSet(Nd4j.pullRows(data.features(), 1, rows), data.oneHot(rows)));
        }
        Checkpoints.Restored r = Checkpoints.read(engine1Checkpoint(stack, new TrainPosition(0, 3)));
        assertEquals(new TrainPosition(0, 3), r.position());
        assertEquals(3, r.net().getIterationCount());
        new Trainer(c, seed, TrainListener.NONE, 3).run(r.net(), data, r.position());
        assertArrayEquals(whole.params().data().asFloat(), r.net().params().data().asFloat());
    }

    /** Engine 1's Models.build for small-cnn, verbatim but for the list builder. */
    private static MultiLayerNetwork engine1SmallCnn(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(Models.updater(ADAM))
                .l2(ADAM.weightDecay()).l2Bias(ADAM.weightDecay())
                .weightInit(WeightInit.RELU).convolutionMode(ConvolutionMode.Same)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).stride(1, 1).nOut(16).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).stride(1, 1).nOut(32).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build());
        net.init();
        return net;
    }

    /** Engine 1's Checkpoints.write: magic, position, ModelSerializer zip with updater state. */
    private static byte[] engine1Checkpoint(MultiLayerNetwork net, TrainPosition at) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write("BASNCKP1".getBytes(StandardCharsets.US_ASCII));
        out.writeInt(at.epoch());
        out.writeLong(at.step());
        ModelSerializer.writeModel(net, out, true);
        out.flush();
        return bytes.toByteArray();
    }
}
