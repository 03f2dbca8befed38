package dev.basin.report.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class PlotTest {
    /** Six significant digits are written; compare relative to the value. */
    static void close(double expected, double actual) {
        assertEquals(expected, actual, Math.abs(expected) * 1e-5 + 1e-300, "value");
    }

    @Test
    void pointsCarryTheirDataAndRangesContainThem() {
        Random r = new Random(7);
        double[] x = new double[50], y = new double[50];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian() * 30 - 4;
            y[i] = r.nextDouble() * 0.004 + 0.9;
        }
        SvgDom d = new SvgDom(Plot.of("t-SNE", "t-SNE 1", "t-SNE 2").points("member 0", x, y, Style.of(0)).svg());
        assertEquals("plot", d.root().getAttribute("data-kind"));
        List<Element> pts = d.byClass(d.series("member 0"), "point");
        assertEquals(50, pts.size());
        for (int i = 0; i < x.length; i++) {
            close(x[i], SvgDom.num(pts.get(i), "data-x"));
            close(y[i], SvgDom.num(pts.get(i), "data-y"));
            assertTrue(d.rootNum("data-x-min") <= x[i] && x[i] <= d.rootNum("data-x-max"));
            assertTrue(d.rootNum("data-y-min") <= y[i] && y[i] <= d.rootNum("data-y-max"));
        }
    }

    @Test
    void markersSitWherePixelsSay() {
        // the circle's pixel position maps back to its data value through the root ranges and the axes box
        SvgDom d = new SvgDom(Plot.of("p", "x", "y").points("a", new double[] {0, 2.5, 10}, new double[] {0, 1, 4},
            Style.of(0)).svg());
        Element box = d.byClass("axes").get(0);
        double left = SvgDom.num(box, "x"), w = SvgDom.num(box, "width");
        double top = SvgDom.num(box, "y"), h = SvgDom.num(box, "height");
        for (Element p : d.byClass("point")) {
            double px = left + (SvgDom.num(p, "data-x") - d.rootNum("data-x-min"))
                / (d.rootNum("data-x-max") - d.rootNum("data-x-min")) * w;
            double py = top + h - (SvgDom.num(p, "data-y") - d.rootNum("data-y-min"))
                / (d.rootNum("data-y-max") - d.rootNum("data-y-min")) * h;
            assertEquals(px, SvgDom.num(p, "cx"), 0.01);
            assertEquals(py, SvgDom.num(p, "cy"), 0.01);
        }
    }

    @Test
    void nanBreaksALine() {
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] y = {0.5, 0.4, Double.NaN, 0.3, 0.25, Double.POSITIVE_INFINITY};
        SvgDom d = new SvgDom(Plot.of("loss", "epoch", "NLL (nats)").line("m", x, y, Style.of(0)).svg());
        List<Element> runs = d.byClass(d.series("m"), "line");
        assertEquals(2, runs.size());
        assertArrayEquals(new double[] {1, 2}, SvgDom.nums(runs.get(0), "data-xs"), 0);
        assertArrayEquals(new double[] {0.5, 0.4}, SvgDom.nums(runs.get(0), "data-ys"), 0);
        assertArrayEquals(new double[] {4, 5}, SvgDom.nums(runs.get(1), "data-xs"), 0);
        assertEquals(4, d.byClass(d.series("m"), "point").size());
        assertTrue(runs.get(1).getAttribute("d").startsWith("M"));
    }

    @Test
    void bandCarriesBothEdges() {
        SvgDom d = new SvgDom(Plot.of("acc", "ensemble size", "accuracy")
            .band("sd", new double[] {1, 2, 3}, new double[] {0.8, 0.85, 0.86}, new double[] {0.9, 0.91, 0.93},
                Style.of(1)).svg());
        Element area = d.byClass(d.series("sd"), "area").get(0);
        assertArrayEquals(new double[] {0.8, 0.85, 0.86}, SvgDom.nums(area, "data-los"), 0);
        assertArrayEquals(new double[] {0.9, 0.91, 0.93}, SvgDom.nums(area, "data-his"), 0);
        assertTrue(d.rootNum("data-y-max") >= 0.93 && d.rootNum("data-y-min") <= 0.8);
    }

    @Test
    void emptyPlotRendersAxesAndNote() {
        SvgDom d = new SvgDom(Plot.of("nothing yet", "epoch", "accuracy")
            .line("m", new double[0], new double[0], Style.of(0))
            .points("n", new double[] {Double.NaN}, new double[] {1}, Style.of(1)).svg());
        assertEquals("no data", d.byClass("note").get(0).getTextContent());
        assertEquals(1, d.byClass("axes").size());
        assertTrue(d.byClass("point").isEmpty());
    }

    @Test
    void fixedRangesOverrideAndHideOutsidePoints() {
        SvgDom d = new SvgDom(Plot.of("p", "x", "y").xRange(0, 10).yRange(0.5, 1)
            .points("a", new double[] {1, 5, 20}, new double[] {0.6, 0.7, 0.8}, Style.of(0)).svg());
        assertEquals(0, d.rootNum("data-x-min"));
        assertEquals(10, d.rootNum("data-x-max"));
        assertEquals(0.5, d.rootNum("data-y-min"));
        assertEquals(1, d.rootNum("data-y-max"));
        assertEquals(2, d.byClass("point").size());
    }

    @Test
    void logAxesSkipNonPositive() {
        SvgDom d = new SvgDom(Plot.of("nll", "ensemble size", "NLL (nats)").xLog().yLog()
            .line("deep", new double[] {0, 1, 2, 4, 8}, new double[] {0.9, 0.5, -1, 0.3, 0.2}, Style.of(0)).svg());
        assertEquals("log", d.root().getAttribute("data-x-scale"));
        List<Element> pts = d.byClass("point");
        assertEquals(3, pts.size());
        assertEquals(1, d.rootNum("data-x-min"));
        assertTrue(d.rootNum("data-x-max") >= 8);
        assertTrue(d.rootNum("data-y-min") > 0 && d.rootNum("data-y-min") <= 0.2);
        // decades are evenly spaced: tick 1 -> 10 spans as many pixels as 0.1 -> 1 would
        for (Element t : d.byClass(d.byClass("x-axis").get(0), "tick")) assertTrue(SvgDom.num(t, "data-value") > 0);
    }

    @Test
    void equalAspectGivesSameUnitsPerPixel() {
        SvgDom d = new SvgDom(Plot.of("plane", "u", "v").equalAspect()
            .points("a", new double[] {0, 10}, new double[] {0, 1}, Style.of(0)).svg());
        Element box = d.byClass("axes").get(0);
        double ux = (d.rootNum("data-x-max") - d.rootNum("data-x-min")) / SvgDom.num(box, "width");
        double uy = (d.rootNum("data-y-max") - d.rootNum("data-y-min")) / SvgDom.num(box, "height");
        assertEquals(ux, uy, ux * 1e-3);
        assertTrue(d.rootNum("data-x-min") <= 0 && d.rootNum("data-x-max") >= 10);
    }

    @Test
    void legendListsNamedSeriesOnlyWhenMoreThanOne() {
        double[] x = {1, 2}, y = {1, 2};
        SvgDom one = new SvgDom(Plot.of("p", "x", "y").line("a", x, y, Style.of(0))
            .points("_samples", x, y, Style.of(1).faint()).svg());
        assertTrue(one.byClass("legend").isEmpty());
        SvgDom two = new SvgDom(Plot.of("p", "x", "y").line("a", x, y, Style.of(0)).line("b", x, y, Style.of(1))
            .points("_samples", x, y, Style.of(2).faint()).svg());
        List<Element> entries = two.byClass("legend-entry");
        assertEquals(2, entries.size());
        assertEquals("a", entries.get(0).getAttribute("data-series"));
        assertEquals("b", entries.get(1).getAttribute("data-series"));
        // legend markers are not data points
        assertEquals(6, two.byClass("point").size());
    }

    @Test
    void hlineSpansThePlot() {
        SvgDom d = new SvgDom(Plot.of("p", "x", "y").line("a", new double[] {0, 1}, new double[] {0, 1}, Style.of(0))
            .hline("chance", 1.5, Style.of(6).withDashes()).svg());
        Element h = d.byClass(d.series("chance"), "hline").get(0);
        assertArrayEquals(new double[] {1.5, 1.5}, SvgDom.nums(h, "data-ys"), 0);
        assertTrue(d.rootNum("data-y-max") >= 1.5);
    }

    @Test
    void labelsAreEscapedAndPlaced() {
        String title = "a <b> & \"c\"";
        String svg = Plot.of(title, "x <1>", "y & z").points("s&t", new double[] {1}, new double[] {2}, Style.of(0))
            .labels(new double[] {1}, new double[] {2}, new String[] {"<anchor>"}).svg();
        SvgDom d = new SvgDom(svg);
        assertEquals(title, d.doc.getElementsByTagName("title").item(0).getTextContent());
        assertEquals("<anchor>", d.byClass("label").get(0).getTextContent());
        assertEquals("s&t", d.byClass("series").get(0).getAttribute("data-series"));
        assertTrue(!svg.contains("<b>") && !svg.contains("<anchor>"));
    }

    @Test
    void labelsHaveAWhiteHaloAndLegendNamesCanBeShort() {
        String full = "subspace/low-rank-gaussian/s=0.5 and a name far too long for the legend";
        String svg = Plot.of("p", "x", "y").line(full, new double[] {1, 2}, new double[] {1, 2}, Style.of(0))
            .line("deep", new double[] {1, 2}, new double[] {2, 3}, Style.of(1)).legendName(full, "low-rank s=0.5")
            .labels(new double[] {1}, new double[] {2}, new String[] {"a"}).svg();
        SvgDom d = new SvgDom(svg);
        Element labels = (Element) d.byClass("label").get(0).getParentNode();
        assertEquals("#ffffff", labels.getAttribute("stroke"));
        assertEquals("stroke", labels.getAttribute("paint-order"));
        assertEquals(full, d.byClass("series").get(0).getAttribute("data-series"));
        assertEquals(full, d.byClass("legend-entry").get(0).getAttribute("data-series"));
        assertTrue(svg.contains(">low-rank s=0.5<") && !svg.contains("…"));
    }

    @Test
    void deterministic() {
        Random r = new Random(3);
        double[] x = r.doubles(30).toArray(), y = r.doubles(30).toArray();
        String a = Plot.of("p", "x", "y").line("a", x, y, Style.of(0)).line("b", y, x, Style.of(1)).svg();
        String b = Plot.of("p", "x", "y").line("a", x, y, Style.of(0)).line("b", y, x, Style.of(1)).svg();
        assertEquals(a, b);
    }

    @Test
    void selfContainedAndLegibleAtPrintSize() {
        String svg = Plot.of("p", "epoch", "accuracy").line("a", new double[] {1, 2}, new double[] {0.5, 0.6},
            Style.of(0)).svg();
        assertTrue(!svg.contains("href") && !svg.contains("<script") && !svg.contains("url(http"));
        for (String size : svg.split("font-size=\"").length > 1 ? svg.split("font-size=\"") : new String[0]) {
            if (!Character.isDigit(size.charAt(0))) continue;
            assertTrue(Double.parseDouble(size.substring(0, size.indexOf('"'))) >= 11, "font too small");
        }
        SvgDom d = new SvgDom(svg);
        assertEquals("640", d.root().getAttribute("width"));
        assertEquals("0 0 640 420", d.root().getAttribute("viewBox"));
    }

    @Test
    void numbersAreLocaleFree() {
        assertEquals("0.123457", Svg.num(0.1234567));
        assertEquals("1234570", Svg.num(1234567));
        assertEquals("-0.0005", Svg.num(-0.0005));
        assertEquals("0", Svg.num(-0.0));
        assertEquals("2", Svg.num(2.0));
        assertEquals("999.5", Svg.num(999.5));
        assertEquals("1000000", Svg.num(999999.7));
        assertEquals("0.00001", Svg.num(1e-5));
        assertEquals("-123.457", Svg.num(-123.4567));
        assertEquals("0.000000000012345", Svg.num(1.2345e-11));
        assertEquals("12345600000", Svg.num(1.23456e10));
        assertEquals("-3.5", Svg.px(-3.499999));
        assertEquals("0", Svg.px(0.001));
        assertEquals("0.05", Svg.px(0.049));
        java.util.Random r = new java.util.Random(11);
        for (int i = 0; i < 10_000; i++) {
            double v = Math.pow(10, r.nextDouble() * 24 - 12) * (r.nextBoolean() ? 1 : -1);
            String s = Svg.num(v);
            assertTrue(!s.contains("E") && !s.contains("e"), s);
            close(v, Double.parseDouble(s));
            assertEquals(new java.math.BigDecimal(v).round(new java.math.MathContext(6)).doubleValue(),
                Double.parseDouble(s), Math.abs(v) * 1e-12, "six significant digits of " + v);
        }
    }
}
