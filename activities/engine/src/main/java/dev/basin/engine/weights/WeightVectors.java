package dev.basin.engine.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Networks as points in weight space. The flat layout is DL4J's {@code params()}: layer by layer in
 * the graph's topological order, conv {@code [bias, W]} (no bias in ResNet20), dense
 * {@code [W, bias]}, batch norm {@code [γ, β, running mean, running variance]}; pooling,
 * activation and add vertices have no parameters. The running statistics are not trained by
 * gradient but are part of the vector, so a vector fully determines the network's predictions.
 */
public final class WeightVectors {

    private WeightVectors() {}

    /** A copy of all parameters as a rank-1 float vector (never a view into the live network). */
    public static INDArray flat(ComputationGraph net) {
        return net.params().dup('c').reshape(net.numParams());
    }

    /** Copies {@code weights} (from {@link #flat}) into the network. */
    public static void set(ComputationGraph net, INDArray weights) {
        if (weights.length() != net.numParams()) {
            throw new IllegalArgumentException(weights.length() + " weights for a network of " + net.numParams());
        }
        net.params().assign(weights.reshape(net.params().shape()));
    }

    /** {@link #sha256(INDArray)} of the network's {@link #flat} parameters. */
    public static String sha256(ComputationGraph net) {
        return sha256(flat(net));
    }

    /**
     * SHA-256 (64 lower-case hex characters) of the raw float32 little-endian bytes of a rank-1 weight
     * vector. Two networks have the same hash exactly when every parameter has the same bits, which is
     * what "bit-identical weights" means; the hash of checkpoint bytes cannot say so, because DL4J's zip
     * stores timestamps.
     */
    public static String sha256(INDArray flat) {
        if (flat.rank() != 1 || flat.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("expected a rank-1 float vector, got rank " + flat.rank() + " "
                    + flat.dataType());
        }
        float[] values = flat.toFloatVector();
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
