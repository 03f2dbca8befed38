package dev.basin.report.plot;

/** Equal aspect: widen the narrower range (about its centre) so both axes have the same data units per pixel. */
final class Aspect {
    private Aspect() {}

    /** @return {{xlo, xhi}, {ylo, yhi}} */
    static double[][] equalize(double xlo, double xhi, double ylo, double yhi, double w, double h) {
        double ux = (xhi - xlo) / w, uy = (yhi - ylo) / h, u = Math.max(ux, uy);
        double cx = (xlo + xhi) / 2, cy = (ylo + yhi) / 2;
        return new double[][] {{cx - u * w / 2, cx + u * w / 2}, {cy - u * h / 2, cy + u * h / 2}};
    }
}
