package dev.basin.engine.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NumPy {@code .npy} files, so every stored tensor opens with {@code numpy.load}. Writes format
 * version 1.0, float32 little-endian, C order, header padded with spaces to a multiple of 64 bytes
 * and ended by a newline. Reads versions 1.0 and 2.0 of {@code <f4} (float32) and {@code <f8}
 * (converted to float32), C order only.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern HEADER = Pattern.compile(
            "\\{\\s*'descr':\\s*'([^']*)',\\s*'fortran_order':\\s*(True|False),\\s*'shape':\\s*\\(([^)]*)\\),?\\s*}\\s*");

    private Npy() {}

    public static byte[] write(INDArray array) {
        long[] shape = array.shape();
        float[] data = array.castTo(DataType.FLOAT).dup('c').data().asFloat();
        byte[] header = header(shape);
        ByteBuffer b = ByteBuffer.allocate(header.length + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(header);
        b.asFloatBuffer().put(data);
        return b.array();
    }

    /** Magic, version 1.0, little-endian header length, then the dict padded to a multiple of 64. */
    static byte[] header(long[] shape) {
        String dims = shape.length == 1 ? shape[0] + ","
                : String.join(", ", Arrays.stream(shape).mapToObj(Long::toString).toArray(String[]::new));
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String text = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        b.put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /**
     * The dimensions of a header's shape tuple: integers of 0 or more. A negative one would pass the size
     * check in pairs (-2 × -3 = 6) and reach ND4J, whose behaviour with it is undefined.
     */
    private static long[] shape(String tuple) {
        String[] parts = tuple.split(",", -1);
        long[] shape = new long[parts.length];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            if (part.isEmpty() && i == parts.length - 1) {
                continue; // the trailing comma of a 1-tuple, "(5,)"
            }
            try {
                shape[n] = Long.parseLong(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(".npy shape (" + tuple.strip() + ") is not a tuple of integers: '"
                        + part + "'");
            }
            if (shape[n] < 0) {
                throw new IllegalArgumentException(".npy shape (" + tuple.strip() + ") has the negative dimension "
                        + shape[n] + "; a dimension is 0 or more");
            }
            n++;
        }
        return Arrays.copyOf(shape, n);
    }

    public static INDArray read(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException("not a .npy file (bad magic)");
        }
        int major = bytes[6];
        b.position(8);
        int headerLength = switch (major) {
            case 1 -> Short.toUnsignedInt(b.getShort());
            case 2, 3 -> b.getInt();
            default -> throw new IllegalArgumentException("unsupported .npy version " + major);
        };
        if (b.remaining() < headerLength) {
            throw new IllegalArgumentException(".npy header truncated");
        }
        byte[] h = new byte[headerLength];
        b.get(h);
        String text = new String(h, StandardCharsets.ISO_8859_1);
        Matcher m = HEADER.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("unsupported .npy header: " + text.strip());
        }
        if (m.group(2).equals("True")) {
            throw new IllegalArgumentException("Fortran-order .npy arrays are not supported");
        }
        long[] shape = shape(m.group(3));
        String descr = m.group(1);
        int width = switch (descr) {
            case "<f4" -> 4;
            case "<f8" -> 8;
            default -> throw new IllegalArgumentException("unsupported .npy dtype " + descr + " (want <f4 or <f8)");
        };
        long count;
        long size;
        try {
            count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
            size = Math.multiplyExact(count, width);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(".npy shape " + Arrays.toString(shape) + " has too many elements");
        }
        if (b.remaining() != size) {
            throw new IllegalArgumentException(".npy data is " + b.remaining() + " bytes, shape "
                    + Arrays.toString(shape) + " of " + descr + " needs " + size);
        }
        float[] data = new float[(int) count];
        for (int i = 0; i < data.length; i++) {
            data[i] = width == 4 ? b.getFloat() : (float) b.getDouble();
        }
        return shape.length == 0 ? Nd4j.scalar(data[0]) : Nd4j.create(data, shape, 'c');
    }
}
