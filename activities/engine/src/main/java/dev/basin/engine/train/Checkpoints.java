package dev.basin.engine.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Checkpoint bytes: an 8-byte magic {@code BASNCKP1}, the position (int epoch, long step,
 * big-endian), then DL4J's {@link ModelSerializer} zip of the network WITH its updater state
 * (momentum/Adam moments and the iteration count Adam's bias correction needs).
 *
 * <p>Nothing else is needed to resume bit-identically: data order and dropout masks are derived
 * from (member seed, epoch, step) by the {@link Trainer}, not carried as RNG state.
 *
 * <p>The bytes are a function of the network alone: DL4J stamps each zip entry with the wall-clock
 * time, so {@link #write} copies its zip with every entry dated {@link #ENTRY_TIME} (a local date,
 * so the time zone does not enter either). Two attempts that reach the same weights at the same
 * position therefore write the same object, and its SHA-256 names the state.
 *
 * <p>The network is a {@link ComputationGraph}. Checkpoints of the first engine hold a
 * {@link MultiLayerNetwork} instead (small-cnn and medium-cnn were plain layer stacks); they are
 * read as the equivalent graph with the same flat parameters, updater state and iteration count,
 * so a study started before the change resumes where it stopped, with the weights it would have
 * reached anyway (the graph computes the same floats as the stack).
 */
public final class Checkpoints {

    private static final byte[] MAGIC = "BASNCKP1".getBytes(StandardCharsets.US_ASCII);
    /** Where the model zip starts: after the magic, the int epoch and the long step. */
    private static final int ZIP_START = MAGIC.length + Integer.BYTES + Long.BYTES;
    /**
     * The date of every zip entry, well inside the DOS date range so that the JDK adds no extended-time field
     * (which it derives from the time zone; JDK 17 adds one for 1980-01-01 itself).
     */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    /** A network restored from a checkpoint, with the position it was saved at. */
    public record Restored(ComputationGraph net, TrainPosition position) {}

    private Checkpoints() {}

    public static byte[] write(ComputationGraph net, TrainPosition position) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(2 << 20);
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(position.epoch());
            out.writeLong(position.step());
            ByteArrayOutputStream model = new ByteArrayOutputStream(2 << 20);
            ModelSerializer.writeModel(net, model, true);
            out.write(undated(model.toByteArray()));
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise network", e);
        }
    }

    /** The same zip, entry by entry in the same order, with every entry dated {@link #ENTRY_TIME}. */
    private static byte[] undated(byte[] zip) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(zip.length);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTimeLocal(ENTRY_TIME);
                out.putNextEntry(copy);
                in.transferTo(out);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Call {@code Engine.init} first, so the restored layers get their oneDNN helpers. */
    public static Restored read(byte[] bytes) {
        if (bytes.length < ZIP_START || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException("not a Basin checkpoint (bad magic, " + bytes.length + " bytes)");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, bytes.length));
            TrainPosition position = new TrainPosition(in.readInt(), in.readLong());
            ComputationGraph net = isLayerStack(bytes, ZIP_START)
                    ? toGraph(ModelSerializer.restoreMultiLayerNetwork(in, true))
                    : ModelSerializer.restoreComputationGraph(in, true);
            return new Restored(net, position);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt checkpoint", e);
        }
    }

    /** Whether the zip's configuration is a MultiLayerConfiguration (a list of layer confs, no graph vertices). */
    private static boolean isLayerStack(byte[] bytes, int from) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes, from, bytes.length - from))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("configuration.json")) {
                    var json = new ObjectMapper().readTree(zip.readAllBytes());
                    return json.has("confs") && !json.has("vertices");
                }
            }
        }
        return false;
    }

    /**
     * DL4J's conversion copies parameters and updater state but not the iteration and epoch counts
     * (Adam's bias correction reads the iteration count), so those are carried over here.
     */
    private static ComputationGraph toGraph(MultiLayerNetwork stack) {
        ComputationGraph net = stack.toComputationGraph();
        net.getConfiguration().setIterationCount(stack.getIterationCount());
        net.getConfiguration().setEpochCount(stack.getEpochCount());
        return net;
    }
}
