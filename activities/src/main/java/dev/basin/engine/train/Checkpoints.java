package dev.basin.engine.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Checkpoint bytes: an 8-byte magic {@code BASNCKP1}, the position (int epoch, long step,
 * big-endian), then DL4J's {@link ModelSerializer} zip of the network WITH its updater state
 * (momentum/Adam moments and the iteration count Adam's bias correction needs).
 *
 * <p>Nothing else is needed to resume bit-identically: data order and dropout masks are derived
 * from (member seed, epoch, step) by the {@link Trainer}, not carried as RNG state.
 */
public final class Checkpoints {

    private static final byte[] MAGIC = "BASNCKP1".getBytes(StandardCharsets.US_ASCII);

    /** A network restored from a checkpoint, with the position it was saved at. */
    public record Restored(MultiLayerNetwork net, TrainPosition position) {}

    private Checkpoints() {}

    public static byte[] write(MultiLayerNetwork net, TrainPosition position) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(2 << 20);
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(position.epoch());
            out.writeLong(position.step());
            ByteArrayOutputStream model = new ByteArrayOutputStream(2 << 20);
            ModelSerializer.writeModel(net, model, true);
            model.writeTo(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise network", e);
        }
    }

    /** Call {@code Engine.init} first, so the restored layers get their oneDNN helpers. */
    public static Restored read(byte[] bytes) {
        if (bytes.length < MAGIC.length + 12 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException("not a Basin checkpoint (bad magic, " + bytes.length + " bytes)");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, bytes.length));
            TrainPosition position = new TrainPosition(in.readInt(), in.readLong());
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(in, true);
            return new Restored(net, position);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt checkpoint", e);
        }
    }
}
