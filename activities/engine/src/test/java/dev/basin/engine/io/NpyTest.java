package dev.basin.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpyTest {

    @Test
    void headerIsExactlyNumpysV1LayoutPaddedTo64() {
        // 10 bytes of prefix + 60 of dict + newline = 71, so padded to 128: byte for byte what
        // numpy 2.4's np.save writes for a (2, 3) float32 array.
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        String text = dict + " ".repeat(128 - 10 - dict.length() - 1) + "\n";
        byte[] expected = new byte[128];
        byte[] prefix = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) text.length(), 0};
        System.arraycopy(prefix, 0, expected, 0, 10);
        System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, expected, 10, text.length());
        byte[] file = Npy.write(Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'c'));
        assertEquals(118, text.length());
        assertArrayEquals(expected, Arrays.copyOf(file, 128));
        assertEquals(128 + 24, file.length);
        // float32 little-endian 1.0f = 00 00 80 3f
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3f}, Arrays.copyOfRange(file, 128, 132));
        assertEquals(128, Npy.header(new long[] {7}).length);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (7,), }",
                new String(Npy.header(new long[] {7}), StandardCharsets.US_ASCII).substring(10).strip());
    }

    @Test
    void roundTripsViewsAndOtherTypes() {
        INDArray big = Nd4j.rand(DataType.DOUBLE, 5, 7);
        INDArray view = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 4),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray back = Npy.read(Npy.write(view));
        assertEquals(DataType.FLOAT, back.dataType());
        assertArrayEquals(new long[] {3, 7}, back.shape());
        assertEquals(view.castTo(DataType.FLOAT), back);
        INDArray vector = Nd4j.linspace(DataType.FLOAT, 0, 1, 100);
        assertEquals(vector, Npy.read(Npy.write(vector)));
    }
}
