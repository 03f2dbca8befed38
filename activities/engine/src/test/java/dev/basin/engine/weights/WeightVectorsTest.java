package dev.basin.engine.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.basin.engine.Engine;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.model.Models;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WeightVectorsTest {

    @Test
    void flatIsADetachedRank1CopyAndSetWritesBack() {
        Engine.init(2);
        OptimizerConfig o = new OptimizerConfig("sgd", 0.1, 0, 0);
        ComputationGraph a = Models.build(new ModelConfig("small-cnn"), o, 1, 1, 28, 28, 10);
        ComputationGraph b = Models.build(new ModelConfig("small-cnn"), o, 2, 1, 28, 28, 10);
        INDArray w = WeightVectors.flat(a);
        assertEquals(1, w.rank());
        assertEquals(206_922, w.length());
        a.params().addi(1);
        assertNotEquals(WeightVectors.flat(a), w);
        WeightVectors.set(b, w);
        assertEquals(w, WeightVectors.flat(b));
        assertEquals(w.getFloat(0), b.getLayer("conv1").getParam("b").getFloat(0), 0f);
    }

    @Test
    void sha256IsOverTheLittleEndianFloatBitsOfTheFlatVector() throws Exception {
        Engine.init(2);
        INDArray v = Nd4j.createFromArray(1.0f, -2.5f, Float.MIN_VALUE);
        java.nio.ByteBuffer le = java.nio.ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        le.putFloat(1.0f).putFloat(-2.5f).putFloat(Float.MIN_VALUE);
        String expected = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(le.array()));
        assertEquals(expected, WeightVectors.sha256(v));

        OptimizerConfig o = new OptimizerConfig("sgd", 0.1, 0, 0);
        ComputationGraph a = Models.build(new ModelConfig("small-cnn"), o, 1, 1, 28, 28, 10);
        ComputationGraph same = Models.build(new ModelConfig("small-cnn"), o, 1, 1, 28, 28, 10);
        assertEquals(WeightVectors.sha256(a), WeightVectors.sha256(same));
        assertEquals(64, WeightVectors.sha256(a).length());
        same.params().putScalar(206_921, Math.nextUp(same.params().getFloat(206_921)));
        assertNotEquals(WeightVectors.sha256(a), WeightVectors.sha256(same), "one bit of one weight differs");
    }
}
