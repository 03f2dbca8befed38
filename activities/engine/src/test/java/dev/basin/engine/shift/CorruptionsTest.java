package dev.basin.engine.shift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.data.Dataset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class CorruptionsTest {

    /** Smooth images like clothing silhouettes: a few Gaussian blobs off the centre, so rotation moves mass. */
    static Dataset blobs(int n, int c, int h, int w, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * c * h * w];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10;
            for (int b = 0; b < 3; b++) {
                double cy = h * (0.2 + 0.6 * r.nextDouble());
                double cx = w * (0.2 + 0.6 * r.nextDouble());
                double s = 1.5 + 3 * r.nextDouble();
                for (int ch = 0; ch < c; ch++) {
                    double amp = 0.3 + 0.5 * r.nextDouble();
                    for (int py = 0; py < h; py++) {
                        for (int px = 0; px < w; px++) {
                            double d2 = (py - cy) * (py - cy) + (px - cx) * (px - cx);
                            int k = ((i * c + ch) * h + py) * w + px;
                            x[k] = (float) Math.min(1.0, x[k] + amp * Math.exp(-d2 / (2 * s * s)));
                        }
                    }
                }
            }
        }
        return new Dataset(Nd4j.create(x, new long[] {n, (long) c * h * w}, 'c'), y, c, h, w, 10);
    }

    static float[] values(Dataset d) {
        return d.features().dup('c').data().asFloat();
    }

    static double meanAbsDiff(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s / a.length;
    }

    @Test
    void namesAreTheFive() {
        assertEquals(List.of("gaussian-noise", "blur", "rotation", "contrast", "pixelate"), Corruptions.names());
        assertEquals(0.10, Corruptions.parameter("gaussian-noise", 5));
        assertEquals(15.0, Corruptions.parameter("rotation", 1));
    }

    @Test
    void badNameOrSeverityIsRefusedWithTheAllowedValues() {
        Dataset d = blobs(2, 1, 8, 8, 1);
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> Corruptions.apply(d, "fog", 1, 0));
        assertTrue(name.getMessage().contains("'fog'"), name.getMessage());
        for (String allowed : Corruptions.names()) {
            assertTrue(name.getMessage().contains(allowed), name.getMessage());
        }
        for (int bad : new int[] {0, 6, -1}) {
            IllegalArgumentException sev = assertThrows(IllegalArgumentException.class,
                    () -> Corruptions.apply(d, "blur", bad, 0));
            assertTrue(sev.getMessage().contains("severity " + bad) && sev.getMessage().contains("1..5"),
                    sev.getMessage());
        }
    }

    @Test
    void effectGrowsWithSeverityAndStaysInRange() {
        Dataset d = blobs(64, 1, 28, 28, 7);
        float[] x0 = values(d);
        for (String name : Corruptions.names()) {
            double previous = 0;
            for (int s = 1; s <= Corruptions.MAX_SEVERITY; s++) {
                Dataset out = Corruptions.apply(d, name, s, 42);
                float[] x = values(out);
                double diff = meanAbsDiff(x, x0);
                assertTrue(diff > previous, name + " severity " + s + ": " + diff + " <= " + previous);
                previous = diff;
                for (float v : x) {
                    assertTrue(v >= 0f && v <= 1f, name + " " + s + " gave " + v);
                }
                assertArrayEquals(d.labels(), out.labels());
                assertEquals(List.of(1, 28, 28, 10), List.of(out.channels(), out.height(), out.width(), out.classes()));
            }
        }
        assertArrayEquals(x0, values(d), "the input is left unchanged");
    }

    @Test
    void sameInputsGiveSameBytesOnAnyNumberOfThreads() throws Exception {
        Dataset d = blobs(40, 1, 28, 28, 3);
        for (String name : Corruptions.names()) {
            float[] a = values(Corruptions.apply(d, name, 3, 11));
            float[] one = new ForkJoinPool(1).submit(() -> values(Corruptions.apply(d, name, 3, 11))).get();
            float[] four = new ForkJoinPool(4).submit(() -> values(Corruptions.apply(d, name, 3, 11))).get();
            assertArrayEquals(a, one, name);
            assertArrayEquals(a, four, name);
        }
        float[] other = values(Corruptions.apply(d, "gaussian-noise", 3, 12));
        assertFalse(java.util.Arrays.equals(values(Corruptions.apply(d, "gaussian-noise", 3, 11)), other));
        assertFalse(java.util.Arrays.equals(values(Corruptions.apply(d, "gaussian-noise", 3, 11)),
                values(Corruptions.apply(d, "gaussian-noise", 4, 11))), "severity changes the noise stream");
    }

    @Test
    void noiseHasTheTableStandardDeviation() {
        int n = 100;
        float[] grey = new float[n * 784];
        java.util.Arrays.fill(grey, 0.5f);
        Dataset d = new Dataset(Nd4j.create(grey, new long[] {n, 784}, 'c'), new int[n], 1, 28, 28, 10);
        float[] x = values(Corruptions.apply(d, "gaussian-noise", 5, 1));
        double sum = 0;
        double sq = 0;
        for (float v : x) {
            sum += v - 0.5;
            sq += (v - 0.5) * (v - 0.5);
        }
        double mean = sum / x.length;
        double std = Math.sqrt(sq / x.length - mean * mean);
        assertEquals(0.0, mean, 0.001);
        assertEquals(0.10, std, 0.002);
    }

    /* One 2×2 image [0, 0.2; 0.4, 1.0], mean 0.4; severity 2 has c = 0.5:
     * (x - 0.4)·0.5 + 0.4 = [0.2, 0.3; 0.4, 0.7]. */
    @Test
    void contrastByHand() {
        Dataset d = new Dataset(Nd4j.create(new float[] {0f, 0.2f, 0.4f, 1f}, new long[] {1, 4}, 'c'),
                new int[] {3}, 1, 2, 2, 10);
        assertArrayEquals(new float[] {0.2f, 0.3f, 0.4f, 0.7f}, values(Corruptions.apply(d, "contrast", 2, 0)), 1e-6f);
    }

    /* 3×3 to 2×2: a low pixel covers 1.5 input pixels, weights 2/3 and 1/3 along each axis.
     * v = [0, .3, .6; .9, 0, 0; 0, 0, .3]
     * low00 = 2/3·2/3·0 + 2/3·1/3·.3 + 1/3·2/3·.9 + 1/3·1/3·0   = .0666667 + .2        = .2666667
     * low01 = 2/3·1/3·.3 + 2/3·2/3·.6 + 1/3·1/3·0 + 1/3·2/3·0    = .0666667 + .2666667  = .3333333
     * low10 = 1/3·2/3·.9 + 1/3·1/3·0 + 2/3·2/3·0 + 2/3·1/3·0     = .2
     * low11 = 1/3·1/3·0 + 1/3·2/3·0 + 2/3·1/3·0 + 2/3·2/3·.3     = .1333333
     * back up by nearest: output index 0 reads cell ⌊1·2/6⌋ = 0, 1 reads ⌊3·2/6⌋ = 1, 2 reads ⌊5·2/6⌋ = 1. */
    @Test
    void pixelateByHand() {
        float[] v = {0f, .3f, .6f, .9f, 0f, 0f, 0f, 0f, .3f};
        float[] out = new float[9];
        ImageOps.pixelate(v, out, 0, 1, 3, 3, 2, 2);
        float a = .2666667f;
        float b = .3333333f;
        float c = .2f;
        float e = .1333333f;
        assertArrayEquals(new float[] {a, b, b, c, e, e, c, e, e}, out, 1e-6f);

        // 4×4 to 2×2 is plain 2×2 block averaging
        float[] u = {0f, .4f, 1f, 1f, .4f, .4f, 1f, .6f, 0f, 0f, .2f, .2f, 0f, .8f, .2f, .2f};
        float[] out4 = new float[16];
        ImageOps.pixelate(u, out4, 0, 1, 4, 4, 2, 2);
        assertArrayEquals(new float[] {.3f, .3f, .9f, .9f, .3f, .3f, .9f, .9f,
                                       .2f, .2f, .2f, .2f, .2f, .2f, .2f, .2f}, out4, 1e-6f);
    }

    /** 90° counter-clockwise is numpy's rot90: out[i][j] = in[j][w-1-i], for odd and even sides and every channel. */
    @Test
    void rotationByNinetyDegreesIsExactRot90() {
        for (int side : new int[] {4, 5}) {
            int c = 2;
            float[] in = new float[c * side * side];
            for (int k = 0; k < in.length; k++) {
                in[k] = (k * 37 % 101) / 100f;
            }
            float[] out = new float[in.length];
            ImageOps.rotate(in, out, 0, c, side, side, 90);
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < side; i++) {
                    for (int j = 0; j < side; j++) {
                        int o = ch * side * side;
                        assertEquals(in[o + j * side + (side - 1 - i)], out[o + i * side + j], 1e-6f,
                                "side " + side + " channel " + ch + " (" + i + "," + j + ")");
                    }
                }
            }
            float[] same = new float[in.length];
            ImageOps.rotate(in, same, 0, c, side, side, 0);
            assertArrayEquals(in, same, 0f);
        }
    }

    @Test
    void blurKeepsAConstantImageAndSpreadsAPoint() {
        float[] flat = new float[25];
        java.util.Arrays.fill(flat, 0.6f);
        float[] out = new float[25];
        ImageOps.gaussianBlur(flat, out, 0, 1, 5, 5, 1.0);
        assertArrayEquals(flat, out, 1e-6f);

        float[] dot = new float[121];
        dot[60] = 1f;
        ImageOps.gaussianBlur(dot, out = new float[121], 0, 1, 11, 11, 1.0);
        double total = 0;
        for (float v : out) {
            total += v;
        }
        assertEquals(1.0, total, 1e-5, "the kernel (radius 4) stays inside, so no mass is lost");
        assertEquals(out[59], out[61], 0f);
        assertEquals(out[49], out[71], 0f);
        assertEquals(out[59], out[49], 0f);
        // separable, normalised Gaussian: the centre keeps k0², with k0 = 1 / Σ_{|t|≤4} exp(-t²/2) = 0.398943
        assertEquals(0.398943 * 0.398943, out[60], 1e-5);
        assertTrue(out[60] > out[61] && out[61] > out[62]);
    }

    /** 32×32×3: every corruption works per channel; an all-zero channel stays zero except under noise. */
    @Test
    void colourImagesWorkChannelByChannel() {
        Dataset d = blobs(8, 3, 32, 32, 5);
        float[] x0 = values(d);
        int plane = 32 * 32;
        for (int i = 0; i < 8; i++) {
            java.util.Arrays.fill(x0, (i * 3 + 1) * plane, (i * 3 + 2) * plane, 0f);
        }
        Dataset zeroGreen = new Dataset(Nd4j.create(x0, new long[] {8, 3 * plane}, 'c'), d.labels(), 3, 32, 32, 10);
        for (String name : Corruptions.names()) {
            for (int s = 1; s <= 5; s++) {
                float[] x = values(Corruptions.apply(zeroGreen, name, s, 9));
                assertEquals(x0.length, x.length);
                assertTrue(meanAbsDiff(x, x0) > 0, name + " " + s + " changed nothing");
                if (!name.equals("gaussian-noise")) {
                    for (int i = 0; i < 8; i++) {
                        for (int k = (i * 3 + 1) * plane; k < (i * 3 + 2) * plane; k++) {
                            assertEquals(0f, x[k], 0f, name + " " + s + " leaked into the zero channel");
                        }
                    }
                }
            }
        }
    }
}
