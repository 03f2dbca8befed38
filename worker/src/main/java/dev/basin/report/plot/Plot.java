package dev.basin.report.plot;

/**
 * An x-y chart drawn as one standalone SVG document: axes with ticks and labels, series, legend.
 * Build it, then call {@link #svg()}. Deterministic: the same calls give the same bytes.
 */
public final class Plot {
    public static Plot of(String title, String xLabel, String yLabel) { throw new UnsupportedOperationException("plot: not yet"); }

    public Plot xLog() { throw new UnsupportedOperationException("plot: not yet"); }

    public Plot yLog() { throw new UnsupportedOperationException("plot: not yet"); }

    public Plot xRange(double lo, double hi) { throw new UnsupportedOperationException("plot: not yet"); }

    public Plot yRange(double lo, double hi) { throw new UnsupportedOperationException("plot: not yet"); }

    /** Same scale on both axes (t-SNE, planes). */
    public Plot equalAspect() { throw new UnsupportedOperationException("plot: not yet"); }

    /** A polyline through the points (NaN breaks the line), markers per {@code style}. */
    public Plot line(String name, double[] x, double[] y, Style style) { throw new UnsupportedOperationException("plot: not yet"); }

    /** A shaded band between {@code lo} and {@code hi} (e.g. mean ± sd). */
    public Plot band(String name, double[] x, double[] lo, double[] hi, Style style) { throw new UnsupportedOperationException("plot: not yet"); }

    /** Markers only. */
    public Plot points(String name, double[] x, double[] y, Style style) { throw new UnsupportedOperationException("plot: not yet"); }

    /** Text labels next to points. */
    public Plot labels(double[] x, double[] y, String[] text) { throw new UnsupportedOperationException("plot: not yet"); }

    /** A horizontal reference line across the plot. */
    public Plot hline(String name, double y, Style style) { throw new UnsupportedOperationException("plot: not yet"); }

    public String svg() { throw new UnsupportedOperationException("plot: not yet"); }
}
