package dev.basin.engine.landscape;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Running mean of weight vectors (SWA's average). The sum is kept in double, 29 bits wider than the
 * float32 inputs, so adding a few hundred snapshots whose values at one index lie within a factor
 * 2^19 of each other is exact, and in every practical case the rounding error stays far below one
 * float32 ulp of the mean. Vectors are added in call order, so the result is deterministic and does
 * not depend on where a stored state ({@link #toBytes()}) was resumed. {@link #mean()} divides and
 * rounds to float once.
 */
public final class SwaAverage {

    private final double[] sum;
    private long count;

    /** An empty average for vectors of {@code size} parameters. */
    public SwaAverage(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        this.sum = new double[size];
    }

    private SwaAverage(double[] sum, long count) {
        this.sum = sum;
        this.count = count;
    }

    /** Adds one weight vector (rank 1, {@link #size()} entries). */
    public void add(INDArray theta) {
        add(Flat.doubles(theta, "theta"));
    }

    void add(double[] theta) {
        Flat.requireSameLength(sum.length, theta.length, "theta");
        for (int i = 0; i < sum.length; i++) {
            sum[i] += theta[i];
        }
        count++;
    }

    /** The running sums themselves (not a copy), for {@link SwagMoments}' in-place update. */
    double[] sums() {
        return sum;
    }

    public long count() {
        return count;
    }

    public int size() {
        return sum.length;
    }

    /** The mean of everything added, as a rank-1 float vector; refused while empty. */
    public INDArray mean() {
        return Flat.floats(meanDoubles());
    }

    /** The mean in double precision (for SWAG's deviations and variance). */
    double[] meanDoubles() {
        if (count == 0) {
            throw new IllegalStateException("the average of no vectors is undefined");
        }
        double[] m = new double[sum.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = sum[i] / count;
        }
        return m;
    }

    /** {@code int size, long count, double[size] sum}, big-endian (Java's DataOutput). */
    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(sum.length);
        out.writeLong(count);
        for (double s : sum) {
            out.writeDouble(s);
        }
    }

    static SwaAverage readFrom(DataInputStream in) throws IOException {
        int size = in.readInt();
        long count = in.readLong();
        if (size < 1 || count < 0) {
            throw new IOException("corrupt average: size " + size + ", count " + count);
        }
        double[] sum = new double[size];
        for (int i = 0; i < size; i++) {
            sum[i] = in.readDouble();
        }
        return new SwaAverage(sum, count);
    }

    /** The state as bytes, so a partly built average can be stored and resumed. */
    public byte[] toBytes() {
        return Serial.toBytes("BASINSWA", 1, this::writeTo);
    }

    public static SwaAverage fromBytes(byte[] bytes) {
        return Serial.fromBytes(bytes, "BASINSWA", 1, SwaAverage::readFrom);
    }
}
