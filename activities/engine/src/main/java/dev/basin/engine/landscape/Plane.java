package dev.basin.engine.landscape;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The 2D plane through three solutions w1, w2, w3 (DESIGN.md): {@code u = w2 − w1}, {@code v} =
 * {@code w3 − w1} made orthogonal to u (Gram–Schmidt), and coordinates (a, b) in units of ‖u‖:
 * {@code point(a, b) = w1 + a·u + b·‖u‖·v/‖v‖}. So w1 is (0, 0), w2 is (1, 0), and w3 is at some
 * (a3, b3) with b3 > 0; distances in the plane are Euclidean distances divided by ‖w2 − w1‖.
 */
public final class Plane {

    /** A point of the plane in plane coordinates. */
    public record Coordinates(double a, double b) {}

    /**
     * A G×G grid of plane coordinates: {@code a[i]} and {@code b[j]} each evenly spaced, G values
     * including both ends. {@link #points()} lists every (a[i], b[j]) with b in the outer loop (row j,
     * column i: index j·G + i), the layout of an image whose rows are b.
     */
    public record Grid(double[] a, double[] b) {
        public List<Coordinates> points() {
            List<Coordinates> out = new ArrayList<>(a.length * b.length);
            for (double bj : b) {
                for (double ai : a) {
                    out.add(new Coordinates(ai, bj));
                }
            }
            return out;
        }
    }

    private final double[] w1;
    private final double[] u;
    private final double[] vHat;
    private final double uNorm;
    private final Coordinates w3;

    /** Refuses w1 = w2 and w3 on the line through them: the plane would not be defined. */
    public Plane(INDArray w1, INDArray w2, INDArray w3) {
        this.w1 = Flat.doubles(w1, "w1");
        double[] second = Flat.doubles(w2, "w2");
        double[] third = Flat.doubles(w3, "w3");
        Flat.requireSameLength(this.w1.length, second.length, "w2");
        Flat.requireSameLength(this.w1.length, third.length, "w3");
        this.u = Flat.minus(second, this.w1);
        double uu = Flat.dot(u, u);
        if (uu == 0) {
            throw new IllegalArgumentException("w1 and w2 are the same point; no plane");
        }
        this.uNorm = Math.sqrt(uu);
        double[] v = Flat.minus(third, this.w1);
        double along = Flat.dot(v, u) / uu;
        for (int i = 0; i < v.length; i++) {
            v[i] -= along * u[i];
        }
        double vNorm = Flat.norm(v);
        if (vNorm <= 1e-12 * Flat.norm(Flat.minus(third, this.w1))) {
            throw new IllegalArgumentException("w3 lies on the line through w1 and w2; no plane");
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= vNorm;
        }
        this.vHat = v;
        this.w3 = new Coordinates(along, vNorm / uNorm);
    }

    /** ‖w2 − w1‖, the plane's unit of length. */
    public double unit() {
        return uNorm;
    }

    /** Where w3 lies: (a3, b3) with b3 > 0. */
    public Coordinates w3() {
        return w3;
    }

    /** {@code w1 + a·u + b·‖u‖·v/‖v‖} as a float vector. */
    public INDArray point(double a, double b) {
        double scaledB = b * uNorm;
        double[] out = new double[w1.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = w1[i] + a * u[i] + scaledB * vHat[i];
        }
        return Flat.floats(out);
    }

    /**
     * The coordinates of θ's orthogonal projection onto the plane: {@code a = (θ − w1)·u/‖u‖²},
     * {@code b = (θ − w1)·v̂/‖u‖}. For a point of the plane, {@code point(coordinates(θ))} is θ.
     */
    public Coordinates coordinates(INDArray theta) {
        double[] t = Flat.doubles(theta, "theta");
        Flat.requireSameLength(w1.length, t.length, "theta");
        double[] d = Flat.minus(t, w1);
        return new Coordinates(Flat.dot(d, u) / (uNorm * uNorm), Flat.dot(d, vHat) / uNorm);
    }

    /**
     * A G×G grid over the bounding box of the three anchors, {@code [min(0, a3), max(1, a3)] ×
     * [0, b3]}, widened on every side by {@code margin} times the box's extent along that axis
     * (margin 0.2 on a box of width 1.5 adds 0.3 left and right). The anchors themselves are on the
     * grid only by coincidence; evaluate them separately.
     */
    public Grid grid(int size, double margin) {
        if (size < 2) {
            throw new IllegalArgumentException("grid size must be >= 2, got " + size);
        }
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("margin must be a finite value >= 0, got " + margin);
        }
        double aLow = Math.min(0, w3.a());
        double aHigh = Math.max(1, w3.a());
        double aPad = margin * (aHigh - aLow);
        double bPad = margin * w3.b();
        return new Grid(linspace(aLow - aPad, aHigh + aPad, size), linspace(-bPad, w3.b() + bPad, size));
    }

    private static double[] linspace(double low, double high, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = low + (high - low) * i / (n - 1);
        }
        x[n - 1] = high;
        return x;
    }
}
