package dev.basin.report.plot;

/**
 * A scalar field on a grid drawn as filled contour bands with contour lines (marching squares), a colour bar,
 * and overlays (anchors, projected points, labels), as one SVG document.
 */
public final class ContourPlot {
    /** {@code z[iy][ix]} at ({@code xs[ix]}, {@code ys[iy]}); both coordinate arrays strictly increasing. */
    public static ContourPlot of(String title, String xLabel, String yLabel, double[] xs, double[] ys, double[][] z,
                                 String zLabel) {
        throw new UnsupportedOperationException("plot: not yet");
    }

    /** Contour levels (default: about 10 "nice" levels across the range). */
    public ContourPlot levels(double[] levels) { throw new UnsupportedOperationException("plot: not yet"); }

    /** Levels spaced evenly in log(z) (losses spanning decades); z must be positive. */
    public ContourPlot logLevels() { throw new UnsupportedOperationException("plot: not yet"); }

    public ContourPlot points(String name, double[] x, double[] y, Style style) { throw new UnsupportedOperationException("plot: not yet"); }

    public ContourPlot labels(double[] x, double[] y, String[] text) { throw new UnsupportedOperationException("plot: not yet"); }

    public String svg() { throw new UnsupportedOperationException("plot: not yet"); }
}
