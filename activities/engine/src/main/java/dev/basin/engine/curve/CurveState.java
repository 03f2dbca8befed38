package dev.basin.engine.curve;

import dev.basin.engine.train.TrainPosition;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Everything curve training carries from one step to the next: the bend θ, the SGD momentum buffer and the
 * position. Data order, t and dropout masks are derived from (seed, position), so nothing else is needed to resume.
 *
 * <p>{@link #write()} gives deterministic bytes (no timestamps, unlike DL4J's zip), all little-endian: the magic
 * {@code BASNCRV1}, int epoch, long step, int length P, then P float32 of θ and P float32 of the momentum buffer.
 * Equal states give equal bytes, so the bytes' hash identifies the state.
 *
 * @param theta    the bend, in the flat layout of the network's {@code params()}
 * @param momentum PyTorch-style momentum buffer, same length (zeros at the start)
 */
public record CurveState(float[] theta, float[] momentum, TrainPosition position) {

    private static final byte[] MAGIC = "BASNCRV1".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + Integer.BYTES + Long.BYTES + Integer.BYTES;

    public CurveState {
        Objects.requireNonNull(theta, "theta");
        Objects.requireNonNull(momentum, "momentum");
        Objects.requireNonNull(position, "position");
        if (theta.length != momentum.length) {
            throw new IllegalArgumentException("theta has " + theta.length + " entries, momentum " + momentum.length);
        }
    }

    /** The state before the first step: θ at the midpoint of w1 and w2, no momentum. */
    public static CurveState start(float[] w1, float[] w2) {
        return new CurveState(Curve.midpoint(w1, w2), new float[w1.length], TrainPosition.START);
    }

    public byte[] write() {
        ByteBuffer b = ByteBuffer.allocate(HEADER + 2 * Float.BYTES * theta.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(position.epoch()).putLong(position.step()).putInt(theta.length);
        b.asFloatBuffer().put(theta).put(momentum);
        return b.array();
    }

    /** @throws IllegalArgumentException if the bytes are not a curve state (magic) or have the wrong length */
    public static CurveState read(byte[] bytes) {
        if (bytes.length < HEADER || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException("not a Basin curve state (bad magic, " + bytes.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.position(MAGIC.length);
        int epoch = b.getInt();
        long step = b.getLong();
        int length = b.getInt();
        if (length < 0 || bytes.length != HEADER + 2L * Float.BYTES * length) {
            throw new IllegalArgumentException("corrupt curve state: header says " + length + " parameters, so "
                    + (HEADER + 2L * Float.BYTES * length) + " bytes, got " + bytes.length);
        }
        float[] theta = new float[length];
        float[] momentum = new float[length];
        var floats = b.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        floats.get(theta).get(momentum);
        return new CurveState(theta, momentum, new TrainPosition(epoch, step));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CurveState s && Arrays.equals(theta, s.theta) && Arrays.equals(momentum, s.momentum)
                && position.equals(s.position);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(theta), Arrays.hashCode(momentum), position);
    }

    @Override
    public String toString() {
        return "CurveState[" + theta.length + " parameters, " + position + "]";
    }
}
