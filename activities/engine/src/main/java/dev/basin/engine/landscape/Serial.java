package dev.basin.engine.landscape;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The small binary format of resumable landscape state: an 8-byte ASCII magic naming the kind of
 * state, an int format version, then the state's own fields; Java's {@link DataOutputStream}
 * encoding (big-endian). Doubles stay doubles (the .npy helper writes float32, which would lose the
 * precision the running sums are kept in). Trailing or missing bytes are refused.
 */
final class Serial {

    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private Serial() {}

    static byte[] toBytes(String magic, int version, Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(magic(magic));
            out.writeInt(version);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static <T> T fromBytes(byte[] bytes, String magic, int version, Reader<T> reader) {
        ByteArrayInputStream source = new ByteArrayInputStream(bytes);
        try (DataInputStream in = new DataInputStream(source)) {
            byte[] m = new byte[8];
            in.readFully(m);
            if (!java.util.Arrays.equals(m, magic(magic))) {
                throw new IllegalArgumentException("not " + magic + " state (magic "
                        + new String(m, StandardCharsets.ISO_8859_1) + ")");
            }
            int v = in.readInt();
            if (v != version) {
                throw new IllegalArgumentException(magic + " format version " + v + ", expected " + version);
            }
            T value = reader.read(in);
            if (source.available() != 0) {
                throw new IllegalArgumentException(magic + " state has " + source.available() + " trailing bytes");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated or corrupt " + magic + " state: " + e.getMessage(), e);
        }
    }

    private static byte[] magic(String magic) {
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        if (m.length != 8) {
            throw new IllegalArgumentException("magic must be 8 ASCII bytes: " + magic);
        }
        return m;
    }
}
