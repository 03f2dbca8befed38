package dev.basin.report.plot;

import java.util.Locale;

/**
 * A matrix as coloured cells with row and column labels and a colour bar, as one SVG document.
 *
 * <p>Markup: root {@code data-kind="heatmap"} with {@code data-value-min/max} (the colour scale) and
 * {@code data-rows/cols}; each finite cell a {@code rect.cell[data-row][data-col][data-value]}, row 0 at the top;
 * NaN cells have no rect.
 */
public final class HeatMap {
    private static final double MAX_W = 640, MAX_H = 600, MAX_CELL = 64, LABEL_FONT = 12;

    private final String title, valueLabel;
    private final String[] rows, cols;
    private final double[][] values;
    private double[] fixed;
    private boolean annotate;

    private HeatMap(String title, String[] rows, String[] cols, double[][] values, String valueLabel) {
        this.title = title;
        this.rows = rows.clone();
        this.cols = cols.clone();
        this.values = new double[values.length][];
        for (int i = 0; i < values.length; i++) this.values[i] = values[i].clone();
        this.valueLabel = valueLabel;
    }

    /** {@code values[row][col]}; NaN cells are drawn blank. */
    public static HeatMap of(String title, String[] rowLabels, String[] colLabels, double[][] values, String valueLabel) {
        return new HeatMap(title, rowLabels, colLabels, values, valueLabel);
    }

    /** Fix the colour scale (default: the values' min and max). */
    public HeatMap range(double lo, double hi) {
        fixed = new double[] {Math.min(lo, hi), Math.max(lo, hi)};
        return this;
    }

    /** Write each cell's value in it (small matrices; left out where cells are too small to read). */
    public HeatMap annotate() {
        annotate = true;
        return this;
    }

    public String svg() {
        int n = values.length, m = 0;
        for (double[] r : values) m = Math.max(m, r.length);
        double[] range = range();
        double lo = range[0], hi = range[1];

        double rowW = 0, colW = 0;
        for (String r : rows) rowW = Math.max(rowW, Svg.textWidth(r, LABEL_FONT));
        for (String c : cols) colW = Math.max(colW, Svg.textWidth(c, LABEL_FONT));
        rowW = Math.min(rowW, 160);
        colW = Math.min(colW, 160);
        double left = 16 + rowW + 8, top = 44, barRoom = ColorBar.room(lo, hi, false) + 10;
        double cell = Math.min(MAX_CELL, Math.max(1, Math.min((MAX_W - left - barRoom) / Math.max(1, m),
            (MAX_H - top - 40) / Math.max(1, n))));
        // Whole pixels per cell, so crisp edges leave no hairline gaps between cells.
        if (cell >= 4) cell = Math.floor(cell);
        left = Math.round(left);
        boolean rotate = colW > cell * every(cell) - 8;
        double bottom = (rotate ? colW * 0.72 + 18 : 26) + 8;
        Area a = new Area(Math.max(320, left + m * cell + barRoom), top + n * cell + bottom, left, top,
            0, bottom);

        Svg svg = new Svg();
        Frame.root(svg, a, "heatmap", title, "data-value-min", Svg.num(lo), "data-value-max", Svg.num(hi),
            "data-rows", Integer.toString(n), "data-cols", Integer.toString(m));
        svg.open("g", "class", "cells", "shape-rendering", "crispEdges").raw("\n");
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < values[i].length; j++) {
                double v = values[i][j];
                if (!Double.isFinite(v)) continue;
                svg.empty("rect", "class", "cell", "data-row", Integer.toString(i), "data-col", Integer.toString(j),
                    "data-value", Svg.num(v), "x", Svg.px(left + j * cell), "y", Svg.px(top + i * cell),
                    "width", Svg.px(cell), "height", Svg.px(cell), "fill", color(v, lo, hi));
            }
        }
        svg.close("g");
        int decimals = decimals(values);
        if (annotate && cell >= Math.max(30, widestValue(decimals) + 6)) annotations(svg, cell, left, top, lo, hi, decimals);
        labels(svg, cell, left, top, n, m, rotate);
        if (n == 0 || m == 0) Frame.note(svg, new Area(a.width(), a.height(), 0, top, 0, 0), "no data");
        ColorBar.continuous(svg, left + m * cell + 14, top, Math.max(n * cell, 120), lo, hi, valueLabel);
        svg.close("svg");
        return svg.toString();
    }

    /** The most decimals an annotation gets: beyond that a cell is too narrow for its number. */
    static final int MAX_DECIMALS = 4;

    /**
     * The fewest decimals (2 to {@link #MAX_DECIMALS}) that tell apart every value that the most decimals tell
     * apart: cosines within one trajectory (0.9940 .. 0.9999) would all read "1.00" with two. Values that even
     * the most decimals cannot tell apart get the most, the closest the cell can come.
     */
    static int decimals(double[][] values) {
        int most = distinct(values, MAX_DECIMALS);
        if (most < distinct(values, 12)) return MAX_DECIMALS;
        // At least five steps of the last digit across the values' spread: cosines between members of -0.001 ..
        // 0.011 are told apart at two decimals, but read as noise ("-0.00", "0.01") rather than as values.
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] row : values) for (double v : row) if (Double.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        int spread = hi > lo ? (int) Math.ceil(Math.log10(5 / (hi - lo)) - 1e-9) : 2;
        for (int d = Math.max(2, spread); d < MAX_DECIMALS; d++) if (distinct(values, d) == most) return d;
        return MAX_DECIMALS;
    }

    private static int distinct(double[][] values, int decimals) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (double[] row : values) for (double v : row) if (Double.isFinite(v)) seen.add(format(v, decimals));
        return seen.size();
    }

    private static String format(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.matches("-0\\.0*") ? s.substring(1) : s; // no "-0.00"
    }

    private double widestValue(int decimals) {
        double w = 0;
        for (double[] row : values)
            for (double v : row) if (Double.isFinite(v)) w = Math.max(w, Svg.textWidth(format(v, decimals), 11));
        return w;
    }

    private void annotations(Svg svg, double cell, double left, double top, double lo, double hi, int decimals) {
        svg.open("g", "class", "annotations", "font-size", "11", "text-anchor", "middle").raw("\n");
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values[i].length; j++) {
                double v = values[i][j];
                if (!Double.isFinite(v)) continue;
                svg.text("text", format(v, decimals), "class", "cell-value",
                    "data-row", Integer.toString(i), "data-col", Integer.toString(j),
                    "x", Svg.px(left + (j + 0.5) * cell), "y", Svg.px(top + (i + 0.5) * cell + 4),
                    "fill", Palette.textOn(color(v, lo, hi)));
            }
        }
        svg.close("g");
    }

    /** Row labels left, column labels below; on dense matrices only every k-th, so they do not overlap. */
    private void labels(Svg svg, double cell, double left, double top, int n, int m, boolean rotate) {
        int every = every(cell);
        svg.open("g", "class", "row-labels", "font-size", Svg.num(LABEL_FONT), "fill", "#333333", "text-anchor", "end")
            .raw("\n");
        for (int i = 0; i < Math.min(n, rows.length); i += every)
            svg.text("text", rows[i], "class", "row-label", "data-row", Integer.toString(i), "x", Svg.px(left - 6),
                "y", Svg.px(top + (i + 0.5) * cell + 4));
        svg.close("g");
        svg.open("g", "class", "col-labels", "font-size", Svg.num(LABEL_FONT), "fill", "#333333",
            "text-anchor", rotate ? "end" : "middle").raw("\n");
        double y = top + n * cell;
        for (int j = 0; j < Math.min(m, cols.length); j += every) {
            double x = left + (j + 0.5) * cell;
            if (rotate) svg.text("text", cols[j], "class", "col-label", "data-col", Integer.toString(j),
                "x", Svg.px(x + 4), "y", Svg.px(y + 12), "transform",
                "rotate(-45 " + Svg.px(x + 4) + " " + Svg.px(y + 12) + ")");
            else svg.text("text", cols[j], "class", "col-label", "data-col", Integer.toString(j), "x", Svg.px(x),
                "y", Svg.px(y + 18));
        }
        svg.close("g");
    }

    /** Label every k-th row and column so labels at least 15 px apart do not overlap. */
    private static int every(double cell) {
        return (int) Math.ceil(15 / cell);
    }

    private double[] range() {
        if (fixed != null && fixed[1] > fixed[0]) return fixed;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] r : values) for (double v : r) if (Double.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        if (lo > hi) return new double[] {0, 1};
        if (lo == hi) return new double[] {lo - 0.5, hi + 0.5};
        return new double[] {lo, hi};
    }

    private static String color(double v, double lo, double hi) {
        return Palette.sequential((v - lo) / (hi - lo));
    }
}
