package dev.basin.engine.shift;

import dev.basin.engine.data.Dataset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dataset shift: corrupted copies of a test set, in the style of Hendrycks &amp; Dietterich's CIFAR-10-C
 * (ICLR 2019), which Fort et al. and Ovadia et al. evaluate ensembles on. A copy is a pure function of
 * (test set, corruption, severity, seed): the same bytes on any number of threads, so a stage that is retried
 * or split across workers scores exactly the same images, and nothing but the seed needs storing.
 *
 * <p>Severity table (severity 1..5 left to right; images are in [0, 1]):
 * <pre>
 * corruption      parameter                          1     2     3     4     5     source
 * gaussian-noise  noise std                          0.04  0.06  0.08  0.09  0.10  CIFAR-10-C gaussian_noise
 * blur            Gaussian sigma, pixels             0.4   0.6   0.7   0.8   1.0   CIFAR-10-C gaussian_blur
 * rotation        degrees counter-clockwise          15    30    45    60    75    Ovadia et al. 2019, rotated MNIST, 15° steps
 * contrast        factor c in (x - mean)·c + mean    0.75  0.5   0.4   0.3   0.15  CIFAR-10-C contrast
 * pixelate        low-resolution side / side         0.95  0.9   0.85  0.75  0.65  CIFAR-10-C pixelate
 * </pre>
 * CIFAR-10-C's parameters were set for 32×32 images; 28×28 differs by an eighth, so they are kept in pixel
 * units as they are (a 28×28 image pixelated at 0.65 is averaged down to ⌊28·0.65⌋ = 18 pixels a side).
 * CIFAR-10-C has no rotation; 15° steps are those of the rotated-MNIST shift of Ovadia et al., "Can you trust
 * your model's uncertainty?" (NeurIPS 2019). Deviations from CIFAR-10-C's code: pixelate upsamples by nearest
 * neighbour (theirs: PIL BOX both ways), and noise is drawn from {@link SplittableRandom}. Labels are unchanged.
 */
public final class Corruptions {

    public static final int MAX_SEVERITY = 5;

    private record Kind(String name, double[] parameters) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("gaussian-noise", new double[] {0.04, 0.06, 0.08, 0.09, 0.10}),
            new Kind("blur", new double[] {0.4, 0.6, 0.7, 0.8, 1.0}),
            new Kind("rotation", new double[] {15, 30, 45, 60, 75}),
            new Kind("contrast", new double[] {0.75, 0.5, 0.4, 0.3, 0.15}),
            new Kind("pixelate", new double[] {0.95, 0.9, 0.85, 0.75, 0.65}));

    private Corruptions() {
    }

    /** The corruption names, in the order of the table above. */
    public static List<String> names() {
        return KINDS.stream().map(Kind::name).toList();
    }

    /** The table's parameter for a corruption and severity (noise std, sigma, degrees, factor or side ratio). */
    public static double parameter(String corruption, int severity) {
        return kind(corruption).parameters()[checkSeverity(severity) - 1];
    }

    /**
     * A corrupted copy of {@code test}: same labels and shape, features clipped to [0, 1]. Only
     * {@code gaussian-noise} draws random numbers; the other four ignore {@code seed}.
     *
     * @throws IllegalArgumentException for an unknown name or a severity outside 1..5 (the message lists both)
     */
    public static Dataset apply(Dataset test, String corruption, int severity, long seed) {
        Kind kind = kind(corruption);
        double p = kind.parameters()[checkSeverity(severity) - 1];
        int n = test.size();
        int c = test.channels();
        int h = test.height();
        int w = test.width();
        int d = c * h * w;
        float[] src = floats(test.features());
        float[] dst = new float[src.length];
        long stream = mix(mix(mix(seed) + corruption.hashCode()) + severity);
        int th = StrictMath.max(1, (int) (h * p));
        int tw = StrictMath.max(1, (int) (w * p));
        // images are independent and each one's noise comes from its own generator, so thread count cannot matter
        IntStream.range(0, n).parallel().forEach(i -> {
            int off = i * d;
            switch (kind.name()) {
                case "gaussian-noise" -> ImageOps.gaussianNoise(src, dst, off, d, p, new SplittableRandom(mix(stream + i)));
                case "blur" -> ImageOps.gaussianBlur(src, dst, off, c, h, w, p);
                case "rotation" -> ImageOps.rotate(src, dst, off, c, h, w, p);
                case "contrast" -> ImageOps.contrast(src, dst, off, c, h, w, p);
                case "pixelate" -> ImageOps.pixelate(src, dst, off, c, h, w, th, tw);
                default -> throw new AssertionError(kind.name());
            }
        });
        INDArray features = Nd4j.create(dst, new long[] {n, d}, 'c');
        return new Dataset(features, test.labels().clone(), c, h, w, test.classes());
    }

    private static Kind kind(String corruption) {
        for (Kind k : KINDS) {
            if (k.name().equals(corruption)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown corruption '" + corruption + "'; allowed: " + names());
    }

    private static int checkSeverity(int severity) {
        if (severity < 1 || severity > MAX_SEVERITY) {
            throw new IllegalArgumentException("severity " + severity + " is outside 1.." + MAX_SEVERITY);
        }
        return severity;
    }

    /** The features as one row-major float array, copying only when the INDArray is a view or not 'c'-ordered. */
    private static float[] floats(INDArray features) {
        INDArray x = features;
        if (x.isView() || x.ordering() != 'c' || x.data().length() != x.length()) {
            x = x.dup('c');
        }
        float[] a = x.data().asFloat();
        if (a.length != x.length()) {
            throw new IllegalStateException("feature buffer holds " + a.length + " values for " + x.length());
        }
        return a;
    }

    /** Stafford's mix13 finaliser (the one SplittableRandom uses): spreads nearby seeds over the whole range. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
