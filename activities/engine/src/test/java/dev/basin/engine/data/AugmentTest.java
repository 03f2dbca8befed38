package dev.basin.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.train.Trainer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Pad 4, crop, flip: hand-computed crops of a hand image, and the draws' determinism and spread. */
class AugmentTest {

    /** Two channels of 3 rows x 4 columns; pixel (c, y, x) = 100c + 10y + x. */
    private static float[] image() {
        float[] in = new float[2 * 3 * 4];
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    in[c * 12 + y * 4 + x] = 100 * c + 10 * y + x;
                }
            }
        }
        return in;
    }

    private static float[] crop(int dy, int dx, boolean flip) {
        float[] out = new float[24];
        Augment.image(image(), out, 0, 2, 3, 4, new Augment.Draw(dy, dx, flip));
        return out;
    }

    @Test
    void centredCropWithoutFlipIsTheImage() {
        assertArrayEquals(image(), crop(4, 4, false));
    }

    @Test
    void offsetCropShiftsInZerosFromThePad() {
        // Offset (5, 3): output (y, x) is source (y + 1, x - 1); column 0 and the last row fall in the pad.
        assertArrayEquals(new float[] {
            0, 10, 11, 12,
            0, 20, 21, 22,
            0, 0, 0, 0,
            0, 110, 111, 112,
            0, 120, 121, 122,
            0, 0, 0, 0}, crop(5, 3, false));
    }

    @Test
    void flipMirrorsTheCropInEveryChannel() {
        assertArrayEquals(new float[] {3, 2, 1, 0, 13, 12, 11, 10, 23, 22, 21, 20,
            103, 102, 101, 100, 113, 112, 111, 110, 123, 122, 121, 120}, crop(4, 4, true));
        // Crop at column offset 6 (source x + 2), then mirror: output x reads source 5 - x.
        assertArrayEquals(new float[] {0, 0, 3, 2, 0, 0, 13, 12, 0, 0, 23, 22,
            0, 0, 103, 102, 0, 0, 113, 112, 0, 0, 123, 122}, crop(4, 6, true));
    }

    @Test
    void aCropEntirelyInThePadIsBlack() {
        assertArrayEquals(new float[24], crop(0, 0, false));
    }

    @Test
    void batchAppliesEachRowsOwnDrawAndLeavesTheInputAlone() {
        float[] two = new float[48];
        System.arraycopy(image(), 0, two, 0, 24);
        System.arraycopy(image(), 0, two, 24, 24);
        INDArray x = Nd4j.create(two, new long[] {2, 24}, 'c');
        INDArray out = Augment.batch(x, 2, 3, 4, 99);
        for (int row = 0; row < 2; row++) {
            Augment.Draw d = Augment.draw(99, row);
            float[] expected = new float[24];
            Augment.image(image(), expected, 0, 2, 3, 4, d);
            assertArrayEquals(expected, out.getRow(row).toFloatVector());
        }
        assertArrayEquals(two, x.data().asFloat());
        assertArrayEquals(out.data().asFloat(), Augment.batch(x, 2, 3, 4, 99).data().asFloat());
    }

    @Test
    void drawsAreDeterministicCoverEveryOffsetAndFlipHalfTheTime() {
        int[] dy = new int[9];
        int[] dx = new int[9];
        int flips = 0;
        int n = 9000;
        for (int i = 0; i < n; i++) {
            Augment.Draw d = Augment.draw(5, i);
            assertEquals(d, Augment.draw(5, i));
            dy[d.dy()]++;
            dx[d.dx()]++;
            flips += d.flip() ? 1 : 0;
        }
        for (int k = 0; k < 9; k++) {
            assertTrue(dy[k] > 900 && dy[k] < 1100, "dy " + k + ": " + dy[k]);
            assertTrue(dx[k] > 900 && dx[k] < 1100, "dx " + k + ": " + dx[k]);
        }
        assertTrue(flips > 4300 && flips < 4700, "flips " + flips);
    }

    @Test
    void seedsDifferPerEpochStepAndMember() {
        long a = Trainer.augmentSeed(1, 0, 3);
        assertEquals(a, Trainer.augmentSeed(1, 0, 3));
        assertNotEquals(a, Trainer.augmentSeed(1, 1, 3));
        assertNotEquals(a, Trainer.augmentSeed(1, 0, 4));
        assertNotEquals(a, Trainer.augmentSeed(2, 0, 3));
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, 3 * 32 * 32);
        assertFalse(Augment.batch(x, 3, 32, 32, a).equals(Augment.batch(x, 3, 32, 32, Trainer.augmentSeed(1, 1, 3))));
    }
}
