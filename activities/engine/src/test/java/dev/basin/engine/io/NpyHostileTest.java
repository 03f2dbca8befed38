package dev.basin.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile {@code .npy} headers: negative, non-integer and overflowing dimensions are refused with a
 * message naming the shape, never passed on to ND4J. 11 cases.
 */
class NpyHostileTest {

    static Stream<Arguments> hostileShapes() {
        return Stream.of(
                // (-2) x (-3) = 6: the element count alone would match 6 floats of data
                hostile("two negative dimensions", "(-2, -3)", 6, "negative dimension -2", "0 or more"),
                hostile("one negative dimension", "(-1,)", 1, "negative dimension -1"),
                hostile("negative among positive", "(2, -1, 3)", 6, "negative dimension -1"),
                hostile("the most negative long", "(-9223372036854775808,)", 0, "negative dimension"),
                hostile("not an integer", "(a, 2)", 2, "not a tuple of integers", "'a'"),
                hostile("an empty dimension", "(2,,3)", 6, "not a tuple of integers"),
                hostile("a fraction", "(2.5,)", 2, "not a tuple of integers", "'2.5'"),
                hostile("beyond a long", "(99999999999999999999,)", 0, "not a tuple of integers"),
                // 2^32 x 2^32 wraps to 0 in a long: without the check, an empty file would pass
                hostile("product that wraps to zero", "(4294967296, 4294967296)", 0, "too many elements"),
                hostile("product beyond a long", "(9223372036854775807, 2)", 0, "too many elements"),
                hostile("a size in bytes beyond a long", "(4611686018427387904,)", 0, "too many elements"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileShapes")
    void hostileShapeIsRefusedNamingIt(String name, String shape, int floats, String[] expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.read(npy(shape, floats)));
        for (String fragment : expected) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' not in: " + e.getMessage());
        }
    }

    @Test
    void wellFormedShapesStillRead() {
        assertArrayEquals(new long[] {2, 3}, Npy.read(npy("(2, 3)", 6)).shape());
        assertArrayEquals(new long[] {5}, Npy.read(npy("(5,)", 5)).shape());
        assertArrayEquals(new long[] {0, 4}, Npy.read(npy("(0, 4)", 0)).shape());
    }

    private static Arguments hostile(String name, String shape, int floats, String... expected) {
        return Arguments.of(name, shape, floats, expected);
    }

    /** A version 1.0 {@code .npy} of {@code floats} float32 zeros whose header claims {@code shape}. */
    private static byte[] npy(String shape, int floats) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = (10 + dict.length() + 1 + 63) / 64 * 64;
        String text = dict + " ".repeat(total - 10 - dict.length() - 1) + "\n";
        ByteBuffer b = ByteBuffer.allocate(total + 4 * floats).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) text.length());
        b.put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }
}
