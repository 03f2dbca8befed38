package dev.basin.engine.shift;

import java.util.SplittableRandom;

/**
 * The five corruptions as kernels on one image held in {@code src[off .. off + c*h*w)} (channel-major, then
 * row-major, as {@link dev.basin.engine.data.Dataset} stores a row), writing the same range of {@code dst}.
 * Every kernel clips to [0, 1]. Arithmetic that feeds the output uses {@link StrictMath} so the bytes are the
 * same on every JVM and CPU, not just within one run.
 */
final class ImageOps {

    private ImageOps() {
    }

    /** Adds N(0, std²) to every value, drawing from {@code rng} in pixel order (Box–Muller, two values a draw). */
    static void gaussianNoise(float[] src, float[] dst, int off, int len, double std, SplittableRandom rng) {
        int i = 0;
        while (i < len) {
            // 1 - u keeps the logarithm's argument in (0, 1]; nextDouble's algorithm is specified, unlike nextGaussian's
            double r = StrictMath.sqrt(-2.0 * StrictMath.log(1.0 - rng.nextDouble()));
            double a = 2.0 * StrictMath.PI * rng.nextDouble();
            dst[off + i] = clip(src[off + i] + (float) (std * r * StrictMath.cos(a)));
            i++;
            if (i < len) {
                dst[off + i] = clip(src[off + i] + (float) (std * r * StrictMath.sin(a)));
                i++;
            }
        }
    }

    /**
     * Separable Gaussian blur per channel, radius ⌈4σ⌉ and edge pixels repeated: scikit-image's
     * {@code gaussian(sigma)} defaults (truncate 4, mode 'nearest'), which CIFAR-10-C was made with.
     */
    static void gaussianBlur(float[] src, float[] dst, int off, int c, int h, int w, double sigma) {
        int r = (int) StrictMath.ceil(4.0 * sigma);
        float[] k = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            sum += StrictMath.exp(-(double) i * i / (2.0 * sigma * sigma));
        }
        for (int i = -r; i <= r; i++) {
            k[i + r] = (float) (StrictMath.exp(-(double) i * i / (2.0 * sigma * sigma)) / sum);
        }
        float[] tmp = new float[h * w];
        for (int ch = 0; ch < c; ch++) {
            int base = off + ch * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float acc = 0f;
                    for (int t = -r; t <= r; t++) {
                        acc += k[t + r] * src[base + y * w + clamp(x + t, w)];
                    }
                    tmp[y * w + x] = acc;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float acc = 0f;
                    for (int t = -r; t <= r; t++) {
                        acc += k[t + r] * tmp[clamp(y + t, h) * w + x];
                    }
                    dst[base + y * w + x] = clip(acc);
                }
            }
        }
    }

    /**
     * Rotates counter-clockwise (as displayed, row 0 on top) by {@code degrees} about the image centre
     * ((w-1)/2, (h-1)/2): each output pixel samples the input bilinearly at its inverse-rotated position, and
     * samples outside the image read 0.
     */
    static void rotate(float[] src, float[] dst, int off, int c, int h, int w, double degrees) {
        double rad = StrictMath.toRadians(degrees);
        double cos = StrictMath.cos(rad);
        double sin = StrictMath.sin(rad);
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x - cx;
                double dy = y - cy;
                double sx = cx + dx * cos - dy * sin;
                double sy = cy + dx * sin + dy * cos;
                int x0 = (int) StrictMath.floor(sx);
                int y0 = (int) StrictMath.floor(sy);
                double fx = sx - x0;
                double fy = sy - y0;
                for (int ch = 0; ch < c; ch++) {
                    int base = off + ch * h * w;
                    double v = (1 - fx) * (1 - fy) * at(src, base, h, w, y0, x0)
                            + fx * (1 - fy) * at(src, base, h, w, y0, x0 + 1)
                            + (1 - fx) * fy * at(src, base, h, w, y0 + 1, x0)
                            + fx * fy * at(src, base, h, w, y0 + 1, x0 + 1);
                    dst[base + y * w + x] = clip((float) v);
                }
            }
        }
    }

    /** {@code (x - m)·factor + m} with {@code m} the mean of the image's channel (CIFAR-10-C's contrast). */
    static void contrast(float[] src, float[] dst, int off, int c, int h, int w, double factor) {
        int plane = h * w;
        for (int ch = 0; ch < c; ch++) {
            int base = off + ch * plane;
            double sum = 0;
            for (int i = 0; i < plane; i++) {
                sum += src[base + i];
            }
            double mean = sum / plane;
            for (int i = 0; i < plane; i++) {
                dst[base + i] = clip((float) ((src[base + i] - mean) * factor + mean));
            }
        }
    }

    /**
     * Downsamples each channel to {@code th×tw} by exact area averaging (a low-resolution pixel covers
     * {@code h/th × w/tw} input pixels, partial pixels weighted by the covered fraction, like PIL's BOX filter),
     * then upsamples back by nearest neighbour (output pixel y reads low-resolution row ⌊(y+½)·th/h⌋).
     */
    static void pixelate(float[] src, float[] dst, int off, int c, int h, int w, int th, int tw) {
        double[][] wy = areaWeights(h, th);
        double[][] wx = areaWeights(w, tw);
        double[] rows = new double[h * tw];
        float[] low = new float[th * tw];
        for (int ch = 0; ch < c; ch++) {
            int base = off + ch * h * w;
            // separable: average along x into rows[y][lx], then along y
            for (int y = 0; y < h; y++) {
                for (int lx = 0; lx < tw; lx++) {
                    rows[y * tw + lx] = weighted(wx[lx], src, base + y * w, 1);
                }
            }
            for (int ly = 0; ly < th; ly++) {
                for (int lx = 0; lx < tw; lx++) {
                    low[ly * tw + lx] = (float) weighted(wy[ly], rows, lx, tw);
                }
            }
            for (int y = 0; y < h; y++) {
                int ly = (int) (((long) (2 * y + 1) * th) / (2L * h));
                for (int x = 0; x < w; x++) {
                    int lx = (int) (((long) (2 * x + 1) * tw) / (2L * w));
                    dst[base + y * w + x] = clip(low[ly * tw + lx]);
                }
            }
        }
    }

    /**
     * For low-resolution cell l of {@code m} over {@code n} input cells: {first input index, then the weight of
     * each input cell from there on}, a weight being the covered fraction of cell [l·n/m, (l+1)·n/m) over its
     * length n/m, so the weights sum to 1.
     */
    static double[][] areaWeights(int n, int m) {
        double[][] weights = new double[m][];
        double scale = (double) n / m;
        for (int l = 0; l < m; l++) {
            double lo = l * scale;
            double hi = l == m - 1 ? n : (l + 1) * scale;
            int first = (int) StrictMath.floor(lo);
            int last = StrictMath.min(n - 1, (int) StrictMath.ceil(hi) - 1);
            double[] cell = new double[last - first + 2];
            cell[0] = first;
            for (int i = first; i <= last; i++) {
                cell[i - first + 1] = (StrictMath.min(hi, i + 1) - StrictMath.max(lo, i)) / (hi - lo);
            }
            weights[l] = cell;
        }
        return weights;
    }

    private static double weighted(double[] cell, double[] v, int offset, int stride) {
        int first = (int) cell[0];
        double acc = 0;
        for (int k = 1; k < cell.length; k++) {
            acc += cell[k] * v[offset + (first + k - 1) * stride];
        }
        return acc;
    }

    private static double weighted(double[] cell, float[] v, int offset, int stride) {
        int first = (int) cell[0];
        double acc = 0;
        for (int k = 1; k < cell.length; k++) {
            acc += cell[k] * v[offset + (first + k - 1) * stride];
        }
        return acc;
    }

    private static double at(float[] src, int base, int h, int w, int y, int x) {
        return y < 0 || y >= h || x < 0 || x >= w ? 0.0 : src[base + y * w + x];
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : i >= n ? n - 1 : i;
    }

    static float clip(float v) {
        // NaN cannot arise from inputs in [0, 1]; the comparison order maps it to 0 all the same
        return v > 1f ? 1f : v >= 0f ? v : 0f;
    }
}
