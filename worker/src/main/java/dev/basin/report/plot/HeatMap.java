package dev.basin.report.plot;

/** A matrix as coloured cells with row and column labels and a colour bar, as one SVG document. */
public final class HeatMap {
    /** {@code values[row][col]}; NaN cells are drawn blank. */
    public static HeatMap of(String title, String[] rowLabels, String[] colLabels, double[][] values, String valueLabel) {
        throw new UnsupportedOperationException("plot: not yet");
    }

    /** Fix the colour scale (default: the values' min and max). */
    public HeatMap range(double lo, double hi) { throw new UnsupportedOperationException("plot: not yet"); }

    /** Write each cell's value in it (small matrices). */
    public HeatMap annotate() { throw new UnsupportedOperationException("plot: not yet"); }

    public String svg() { throw new UnsupportedOperationException("plot: not yet"); }
}
