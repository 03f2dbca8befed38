package dev.basin.engine.data;

import dev.basin.engine.train.Seeds;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The standard CIFAR training augmentation (He et al. 2016; torchvision's {@code RandomCrop(32, padding=4)}
 * then {@code RandomHorizontalFlip()}, as in Garipov et al.'s and Izmailov et al.'s training scripts): each
 * image is zero-padded by {@value #PAD} pixels on every side, a window of the original size is cropped at a
 * uniformly random offset (0..2·{@value #PAD} rows and columns), and the crop is mirrored left-right with
 * probability ½. All channels of an image share the offset and the flip.
 *
 * <p>Zero is black: Basin's pixels are in [0, 1] with no per-channel normalisation, so the pad is what
 * torchvision pads an un-normalised tensor with. The draws of a batch's row {@code i} come from
 * {@code Seeds.derive(seed, i, k)} only, so the result is a pure function of (seed, the batch).
 */
public final class Augment {

    /** Pixels of zero padding on each side; the crop offset is uniform on 0..2·PAD. */
    public static final int PAD = 4;

    /** One image's draws: crop offsets into the padded image, and whether the crop is mirrored. */
    public record Draw(int dy, int dx, boolean flip) {}

    private Augment() {}

    /** The draws of row {@code row} of a batch augmented with {@code seed}. */
    public static Draw draw(long seed, int row) {
        int span = 2 * PAD + 1;
        int dy = (int) Long.remainderUnsigned(Seeds.derive(seed, row, 0), span);
        int dx = (int) Long.remainderUnsigned(Seeds.derive(seed, row, 1), span);
        boolean flip = Seeds.derive(seed, row, 2) < 0;
        return new Draw(dy, dx, flip);
    }

    /**
     * A new float32 {@code [n, c*h*w]} batch: each row of {@code x} (channel-major, row-major images) padded,
     * cropped and maybe flipped by {@link #draw}{@code (seed, row)}. {@code x} is not changed.
     */
    public static INDArray batch(INDArray x, int channels, int height, int width, long seed) {
        int n = (int) x.rows();
        int size = channels * height * width;
        if (x.columns() != size) {
            throw new IllegalArgumentException(x.columns() + " columns but c*h*w = " + size);
        }
        float[] in = x.dup('c').castTo(DataType.FLOAT).data().asFloat();
        float[] out = new float[in.length];
        for (int i = 0; i < n; i++) {
            Draw d = draw(seed, i);
            image(in, out, i * size, channels, height, width, d);
        }
        return Nd4j.create(out, new long[] {n, size}, 'c');
    }

    /**
     * Output pixel (y, x) of the crop is padded pixel (y + dy, x' + dx) with x' = x, or w-1-x when flipped,
     * i.e. source pixel (y + dy - PAD, x' + dx - PAD), zero where that falls in the pad.
     */
    static void image(float[] in, float[] out, int base, int channels, int height, int width, Draw d) {
        for (int c = 0; c < channels; c++) {
            int plane = base + c * height * width;
            for (int y = 0; y < height; y++) {
                int sy = y + d.dy() - PAD;
                if (sy < 0 || sy >= height) {
                    continue;
                }
                for (int x = 0; x < width; x++) {
                    int sx = (d.flip() ? width - 1 - x : x) + d.dx() - PAD;
                    if (sx >= 0 && sx < width) {
                        out[plane + y * width + x] = in[plane + sy * width + sx];
                    }
                }
            }
        }
    }
}
