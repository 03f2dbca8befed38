package dev.basin.engine.landscape;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The principal subspace of a trajectory's iterates (Fort et al.'s "PCA subspace" sampling, after
 * Izmailov et al.'s subspace inference): the mean θ̄ and the top principal directions of the n
 * centred iterates, with their singular values.
 *
 * <p>With X the n×P matrix of centred iterates (rows), the directions are the top right singular
 * vectors of X. They come from the n×n Gram matrix {@code G = X Xᵀ = U Σ² Uᵀ} (eigenvectors by
 * LAPACK's symmetric solver), as {@code v_i = Xᵀ u_i / σ_i}: never a P×P matrix, and n is small.
 * Everything is in double. Directions whose σ² is below 1e-12 of the largest are numerical noise
 * (centred iterates have rank at most n − 1) and are dropped, so {@link #rank()} can be below the k
 * asked for. Each direction's sign is fixed so that its largest-magnitude entry is positive, which
 * makes the result independent of the eigen-solver's sign choice.
 */
public final class PcaSubspace {

    /** Eigenvalues of G below this fraction of the largest are treated as zero. */
    static final double RELATIVE_EIGENVALUE_FLOOR = 1e-12;

    private final double[] mean;
    private final double[][] directions;
    private final double[] singularValues;
    private final int count;

    private PcaSubspace(double[] mean, double[][] directions, double[] singularValues, int count) {
        this.mean = mean;
        this.directions = directions;
        this.singularValues = singularValues;
        this.count = count;
    }

    /**
     * @param iterates n ≥ 2 weight vectors of one trajectory (rank 1, equal length)
     * @param k        how many principal directions to keep at most
     */
    public static PcaSubspace fit(List<INDArray> iterates, int k) {
        int n = iterates.size();
        if (n < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 iterates, got " + n);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        double[][] x = new double[n][];
        for (int j = 0; j < n; j++) {
            x[j] = Flat.doubles(iterates.get(j), "iterate " + j);
            Flat.requireSameLength(x[0].length, x[j].length, "iterate " + j);
        }
        int p = x[0].length;
        double[] mean = new double[p];
        for (double[] row : x) {
            for (int i = 0; i < p; i++) {
                mean[i] += row[i];
            }
        }
        for (int i = 0; i < p; i++) {
            mean[i] /= n;
        }
        for (double[] row : x) {
            for (int i = 0; i < p; i++) {
                row[i] -= mean[i];
            }
        }
        double[][] gram = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b <= a; b++) {
                gram[a][b] = gram[b][a] = Flat.dot(x[a], x[b]);
            }
        }
        INDArray vectors = Nd4j.createFromArray(gram).dup('c');
        double[] eigenvalues = Eigen.symmetricGeneralizedEigenvalues(vectors, true).toDoubleVector();
        // LAPACK returns ascending eigenvalues, eigenvector j in column j
        double largest = eigenvalues[n - 1];
        int rank = 0;
        while (rank < Math.min(k, n) && largest > 0
                && eigenvalues[n - 1 - rank] > RELATIVE_EIGENVALUE_FLOOR * largest) {
            rank++;
        }
        double[][] directions = new double[rank][];
        double[] sigma = new double[rank];
        for (int r = 0; r < rank; r++) {
            int column = n - 1 - r;
            sigma[r] = Math.sqrt(eigenvalues[column]);
            double[] v = new double[p];
            for (int j = 0; j < n; j++) {
                double u = vectors.getDouble(j, column) / sigma[r];
                for (int i = 0; i < p; i++) {
                    v[i] += u * x[j][i];
                }
            }
            directions[r] = fixSign(v);
        }
        return new PcaSubspace(mean, directions, sigma, n);
    }

    private static double[] fixSign(double[] v) {
        int largest = 0;
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i]) > Math.abs(v[largest])) {
                largest = i;
            }
        }
        if (v[largest] < 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = -v[i];
            }
        }
        return v;
    }

    /** Directions kept (≤ k, ≤ n − 1). */
    public int rank() {
        return directions.length;
    }

    /** n, the number of iterates fitted. */
    public int count() {
        return count;
    }

    public INDArray mean() {
        return Flat.floats(mean);
    }

    /** Unit-norm principal direction i (0 = largest variance), as a float vector. */
    public INDArray direction(int i) {
        return Flat.floats(directions[i]);
    }

    /** σ_i, largest first. */
    public double[] singularValues() {
        return singularValues.clone();
    }

    /** Sample variance of the iterates along each direction, {@code σ_i² / (n − 1)}. */
    public double[] variances() {
        double[] v = new double[singularValues.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = singularValues[i] * singularValues[i] / (count - 1);
        }
        return v;
    }

    /**
     * How a sample's coordinates are scaled along the directions: {@link #SINGULAR} by each direction's standard
     * deviation σ_i/√(n−1), as SWAG's low-rank part and Izmailov et al.'s subspace do; {@link #UNIT} not at all, the
     * directions taken as unit vectors, as Fort et al.'s notebook does.
     */
    public enum Scale {
        SINGULAR("singular"), UNIT("unit");

        private final String specName;

        Scale(String specName) {
            this.specName = specName;
        }

        public String specName() {
            return specName;
        }

        /** The convention named {@code name}; {@code null} (a request from before the choice existed) is singular. */
        public static Scale fromSpec(String name) {
            if (name == null) {
                return SINGULAR;
            }
            for (Scale s : values()) {
                if (s.specName.equals(name)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown PCA scale '" + name + "'; known: singular, unit");
        }
    }

    /** {@code θ̄ + scale·Σ_i (σ_i/√(n−1))·z_i·v_i}; {@code z} has {@link #rank()} entries. */
    public INDArray sample(double[] z, double scale) {
        return sample(z, scale, Scale.SINGULAR);
    }

    /**
     * {@code θ̄ + scale·Σ_i c_i·z_i·v_i} with {@code c_i = σ_i/√(n−1)} ({@link Scale#SINGULAR}) or {@code c_i = 1}
     * ({@link Scale#UNIT}); {@code z} has {@link #rank()} entries.
     */
    public INDArray sample(double[] z, double scale, Scale convention) {
        if (z.length != rank()) {
            throw new IllegalArgumentException(z.length + " coordinates for a subspace of rank " + rank());
        }
        double[] out = mean.clone();
        for (int r = 0; r < rank(); r++) {
            double sd = convention == Scale.UNIT ? 1 : singularValues[r] / Math.sqrt(count - 1);
            double c = scale * sd * z[r];
            for (int i = 0; i < out.length; i++) {
                out[i] += c * directions[r][i];
            }
        }
        return Flat.floats(out);
    }

    /** {@link #sample(double[], double)} with z ~ N(0, I) drawn from {@code rng}, direction 0 first. */
    public INDArray sample(double scale, SplittableRandom rng) {
        return sample(scale, Scale.SINGULAR, rng);
    }

    /** {@link #sample(double[], double, Scale)} with z ~ N(0, I) drawn from {@code rng}, direction 0 first. */
    public INDArray sample(double scale, Scale convention, SplittableRandom rng) {
        double[] z = new double[rank()];
        for (int r = 0; r < z.length; r++) {
            z[r] = rng.nextGaussian();
        }
        return sample(z, scale, convention);
    }

    /** Coordinates {@code v_i·(θ − θ̄)} of θ along each direction (not scaled by σ). */
    public double[] project(INDArray theta) {
        double[] t = Flat.doubles(theta, "theta");
        Flat.requireSameLength(mean.length, t.length, "theta");
        double[] d = Flat.minus(t, mean);
        double[] c = new double[rank()];
        for (int r = 0; r < c.length; r++) {
            c[r] = Flat.dot(directions[r], d);
        }
        return c;
    }
}
