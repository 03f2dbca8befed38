/**
 * Basin's own small plotting library: {@link dev.basin.report.plot.Plot} (x-y charts),
 * {@link dev.basin.report.plot.HeatMap} and {@link dev.basin.report.plot.ContourPlot} (filled contours by
 * marching squares), each writing one standalone, deterministic SVG 1.1 document.
 *
 * <p>The SVG carries its data for readers (tests, browser checks): root {@code data-kind} and the ranges drawn
 * ({@code data-x-min ...}, {@code data-value-min ...}); {@code g.series[data-series]}; {@code .point[data-x][data-y]};
 * {@code path.line[data-xs][data-ys]}, one per unbroken run; {@code path.area[data-xs][data-los][data-his]};
 * {@code rect.cell[data-row][data-col][data-value]}; {@code path.band[data-lo][data-hi]};
 * {@code path.contour[data-level]}. Numbers are written with up to 6 significant digits, '.' as decimal point and
 * no exponent, so compare them with SQL at a relative tolerance of about 1e-5.
 */
package dev.basin.report.plot;
