package dev.basin.engine.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Networks as points in weight space. The flat layout is DL4J's {@code params()}: layer by layer in
 * the graph's topological order, conv {@code [bias, W]} (no bias in ResNet20), dense
 * {@code [W, bias]}, batch norm {@code [γ, β, running mean, running variance]}; pooling,
 * activation and add vertices have no parameters. The running statistics are not trained by
 * gradient but are part of the vector, so a vector fully determines the network's predictions.
 *
 * <p>Geometry (cosine, distances, planes, PCA, SWAG) uses {@link #trainable} instead: the parameters
 * gradient descent trains, without the running statistics, as Fort et al. and Garipov et al. do
 * ({@link ParamScope}). Checkpoints keep the whole network.
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

    /** The trainable parameters of the network (see {@link ParamScope#TRAINABLE}), a new rank-1 vector. */
    public static INDArray trainable(ComputationGraph net) {
        return select(net, flat(net), ParamScope.TRAINABLE);
    }

    /** The conv/dense kernels of the network (see {@link ParamScope#KERNELS}), a new rank-1 vector. */
    public static INDArray kernels(ComputationGraph net) {
        return select(net, flat(net), ParamScope.KERNELS);
    }

    /** How many parameters {@link #trainable} returns. */
    public static long trainableCount(ComputationGraph net) {
        return ParamScope.TRAINABLE.indices(net).length;
    }

    /**
     * The entries of a full vector {@code full} (as from {@link #flat}) that {@code scope} keeps, in
     * flat order: a new rank-1 float vector.
     */
    public static INDArray select(ComputationGraph net, INDArray full, ParamScope scope) {
        if (full.length() != net.numParams()) {
            throw new IllegalArgumentException(full.length() + " weights for a network of " + net.numParams());
        }
        if (scope == ParamScope.ALL) {
            return full.dup('c').reshape(full.length());
        }
        int[] idx = scope.indices(net);
        float[] all = full.toFloatVector();
        float[] out = new float[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = all[idx[i]];
        }
        return Nd4j.createFromArray(out);
    }

    /**
     * Copies a trainable vector (from {@link #trainable}) into the network; its batch-norm running
     * statistics stay as they are (recompute them, {@code BatchNormStats}, before evaluating).
     */
    public static void setTrainable(ComputationGraph net, INDArray trainable) {
        int[] idx = ParamScope.TRAINABLE.indices(net);
        if (trainable.length() != idx.length) {
            throw new IllegalArgumentException(trainable.length() + " trainable weights for a network of "
                    + idx.length);
        }
        float[] all = flat(net).toFloatVector();
        float[] part = trainable.toFloatVector();
        for (int i = 0; i < idx.length; i++) {
            all[idx[i]] = part[i];
        }
        net.params().assign(Nd4j.createFromArray(all).reshape(net.params().shape()));
    }

    /**
     * Sets a whole flat vector ({@link #flat}) or a trainable one ({@link #trainable}) into {@code net}, told apart
     * by length; true when it was whole (for a network without batch norm the two are one and count as whole).
     */
    public static boolean setWholeOrTrainable(ComputationGraph net, INDArray weights) {
        if (weights.length() == net.numParams()) {
            set(net, weights);
            return true;
        }
        setTrainable(net, weights);
        return false;
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
