package dev.basin.engine.landscape;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SWAG's statistics of weight vectors collected along a trajectory (Maddox et al. 2019): the mean
 * θ̄, the diagonal variance {@code E[θ²] − E[θ]²}, and the last K deviations {@code θ_i − θ̄}.
 *
 * <p>The mean is {@link SwaAverage}'s (bit-identical to SWA's average of the same vectors). The
 * variance is accumulated with Welford's update ({@code M2 += (θ − θ̄_old)(θ − θ̄_new)}, variance =
 * M2/n), which is the same population variance as {@code E[θ²] − E[θ]²} without the cancellation
 * of subtracting two large second moments; it is clamped at 0. A deviation is taken against the
 * running mean just after θ_i joined it, as the reference SWAG code does; the ring buffer keeps the
 * newest K, in float32 like that code.
 *
 * <p>Sampling draws only from the caller's {@link SplittableRandom}, in a fixed order, so a seed
 * fixes the sample.
 */
public final class SwagMoments {

    private final SwaAverage average;
    private final double[] m2;
    private final float[][] deviations;
    private int held;
    private int next;

    /**
     * @param size    parameters per weight vector
     * @param maxRank K, the number of newest deviations kept for the low-rank part (SWAG used 20); 0 keeps
     *                the diagonal only (the spec's {@code swa.rank: 0})
     */
    public SwagMoments(int size, int maxRank) {
        this(new SwaAverage(size), new double[size], maxRank);
    }

    private SwagMoments(SwaAverage average, double[] m2, int maxRank) {
        if (maxRank < 0) {
            throw new IllegalArgumentException("maxRank must be >= 0, got " + maxRank);
        }
        this.average = average;
        this.m2 = m2;
        this.deviations = new float[maxRank][];
    }

    /** Collects one weight vector (rank 1, {@link #size()} entries). */
    public void add(INDArray theta) {
        double[] x = Flat.doubles(theta, "theta");
        Flat.requireSameLength(size(), x.length, "theta");
        double[] sum = average.sums();
        long n = average.count();
        boolean keep = deviations.length > 0;
        double[] before = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            before[i] = n == 0 ? 0 : sum[i] / n;
        }
        average.add(x);
        long n1 = n + 1;
        float[] deviation = keep ? new float[x.length] : null;
        for (int i = 0; i < x.length; i++) {
            double after = sum[i] / n1;
            m2[i] += (x[i] - before[i]) * (x[i] - after);
            if (keep) {
                deviation[i] = (float) (x[i] - after);
            }
        }
        if (keep) {
            deviations[next] = deviation;
            next = (next + 1) % deviations.length;
            held = Math.min(held + 1, deviations.length);
        }
    }

    public long count() {
        return average.count();
    }

    public int size() {
        return average.size();
    }

    /** K, the most deviations kept. */
    public int maxRank() {
        return deviations.length;
    }

    /** How many deviations are held now: min(count, K). */
    public int rank() {
        return held;
    }

    /** θ̄ as a rank-1 float vector. */
    public INDArray mean() {
        return average.mean();
    }

    /** The diagonal variance {@code E[θ²] − E[θ]²} (population, clamped at 0) as a float vector. */
    public INDArray variance() {
        return Flat.floats(varianceDoubles());
    }

    private double[] varianceDoubles() {
        long n = requireSome();
        double[] v = new double[m2.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0, m2[i] / n);
        }
        return v;
    }

    /** The held deviations θ_i − θ̄, oldest first, as float vectors. */
    public List<INDArray> deviations() {
        List<INDArray> out = new ArrayList<>(held);
        for (float[] d : ordered()) {
            out.add(Nd4j.createFromArray(d.clone()));
        }
        return out;
    }

    private List<float[]> ordered() {
        List<float[]> out = new ArrayList<>(held);
        int start = held < deviations.length ? 0 : next;
        for (int j = 0; j < held; j++) {
            out.add(deviations[(start + j) % deviations.length]);
        }
        return out;
    }

    /** {@code θ̄ + scale·sqrt(var)∘z}, z ~ N(0, I) drawn one per parameter in index order. */
    public INDArray sampleDiagonal(double scale, SplittableRandom rng) {
        double[] mean = average.meanDoubles();
        double[] var = varianceDoubles();
        for (int i = 0; i < mean.length; i++) {
            mean[i] += scale * Math.sqrt(var[i]) * rng.nextGaussian();
        }
        return Flat.floats(mean);
    }

    /**
     * SWAG's sample {@code θ̄ + scale·((1/√2)·sqrt(var)∘z1 + (1/√(2(K−1)))·D z2)}, D the held
     * deviations as columns and K their number ({@link #rank()}; the reference code divides by the
     * configured maximum, which is the same once the buffer is full). scale = 1 is the paper's
     * sample (the reference code multiplies by √scale and adds no 1/√2 of its own, so its scale 0.5 is
     * this scale 1). Draws z1 (one per parameter, index order) then z2 (one per deviation, oldest
     * first). Needs at least 2 deviations.
     */
    public INDArray sampleLowRank(double scale, SplittableRandom rng) {
        if (held < 2) {
            throw new IllegalStateException("the low-rank SWAG sample needs >= 2 deviations, have " + held);
        }
        double[] mean = average.meanDoubles();
        double[] var = varianceDoubles();
        double[] offset = new double[mean.length];
        double diagonal = 1 / Math.sqrt(2);
        for (int i = 0; i < offset.length; i++) {
            offset[i] = diagonal * Math.sqrt(var[i]) * rng.nextGaussian();
        }
        double lowRank = 1 / Math.sqrt(2.0 * (held - 1));
        for (float[] d : ordered()) {
            double z = lowRank * rng.nextGaussian();
            for (int i = 0; i < offset.length; i++) {
                offset[i] += z * d[i];
            }
        }
        for (int i = 0; i < mean.length; i++) {
            mean[i] += scale * offset[i];
        }
        return Flat.floats(mean);
    }

    private long requireSome() {
        if (average.count() == 0) {
            throw new IllegalStateException("no weight vectors collected yet");
        }
        return average.count();
    }

    /**
     * The whole state, to store and resume: magic {@code BASINSWG}, version 1, then the average
     * ({@code int size, long count, double[size] sum}), {@code double[size] M2}, {@code int K},
     * {@code int held}, and the held deviations oldest first as {@code float[size]} each; big-endian.
     */
    public byte[] toBytes() {
        return Serial.toBytes("BASINSWG", 1, out -> {
            average.writeTo(out);
            for (double v : m2) {
                out.writeDouble(v);
            }
            out.writeInt(deviations.length);
            out.writeInt(held);
            for (float[] d : ordered()) {
                for (float f : d) {
                    out.writeFloat(f);
                }
            }
        });
    }

    /** Reads {@link #toBytes()}; adding more vectors afterwards continues exactly where it stopped. */
    public static SwagMoments fromBytes(byte[] bytes) {
        return Serial.fromBytes(bytes, "BASINSWG", 1, SwagMoments::readFrom);
    }

    private static SwagMoments readFrom(DataInputStream in) throws IOException {
        SwaAverage average = SwaAverage.readFrom(in);
        double[] m2 = new double[average.size()];
        for (int i = 0; i < m2.length; i++) {
            m2[i] = in.readDouble();
        }
        int maxRank = in.readInt();
        int held = in.readInt();
        if (maxRank < 0 || held < 0 || held > maxRank || held > average.count()) {
            throw new IOException("corrupt SWAG state: K " + maxRank + ", held " + held);
        }
        SwagMoments s = new SwagMoments(average, m2, maxRank);
        for (int j = 0; j < held; j++) {
            float[] d = new float[m2.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = in.readFloat();
            }
            s.deviations[j] = d;
        }
        s.held = held;
        s.next = maxRank == 0 ? 0 : held % maxRank;
        return s;
    }
}
