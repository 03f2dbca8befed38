package dev.basin.report.plot;

import java.util.List;

/** Writes contour bands and lines as SVG paths in pixel coordinates, tagged with their data levels. */
final class ContourDraw {
    private ContourDraw() {}

    static void bands(Svg svg, List<List<double[]>> polys, double[] bounds, String[] colors, Scale sx, Scale sy,
                      String clip) {
        svg.open("g", "class", "bands", "clip-path", "url(#" + clip + ")").raw("\n");
        for (int k = 0; k < polys.size(); k++) {
            if (polys.get(k).isEmpty()) continue;
            StringBuilder d = new StringBuilder();
            for (double[] p : polys.get(k)) {
                for (int i = 0; i < p.length; i += 2)
                    d.append(i == 0 ? 'M' : 'L').append(Svg.px(sx.px(p[i]))).append(' ').append(Svg.px(sy.px(p[i + 1])));
                d.append('Z');
            }
            // A hairline stroke in the band's own colour hides anti-aliasing seams between neighbouring polygons.
            svg.empty("path", "class", "band", "data-lo", Svg.num(bounds[k]), "data-hi", Svg.num(bounds[k + 1]),
                "d", d.toString(), "fill", colors[k], "stroke", colors[k], "stroke-width", "0.6",
                "stroke-linejoin", "round");
        }
        svg.close("g");
    }

    static void lines(Svg svg, double[] xs, double[] ys, double[][] z, double[] levels, double[] bounds, Scale sx,
                      Scale sy, String clip) {
        svg.open("g", "class", "contours", "clip-path", "url(#" + clip + ")", "fill", "none", "stroke", "#1a1a1a",
            "stroke-width", "0.8", "stroke-opacity", "0.65").raw("\n");
        for (double level : levels) {
            List<double[]> polylines = Polylines.join(MarchingSquares.lines(xs, ys, z, level, bounds));
            if (polylines.isEmpty()) continue;
            StringBuilder d = new StringBuilder();
            for (double[] p : polylines)
                for (int i = 0; i < p.length; i += 2)
                    d.append(i == 0 ? 'M' : 'L').append(Svg.px(sx.px(p[i]))).append(' ').append(Svg.px(sy.px(p[i + 1])));
            svg.empty("path", "class", "contour", "data-level", Svg.num(level), "d", d.toString());
        }
        svg.close("g");
    }
}
