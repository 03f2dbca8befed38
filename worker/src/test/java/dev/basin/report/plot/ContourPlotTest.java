package dev.basin.report.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class ContourPlotTest {
    private static final double[] XS = {-1, -0.5, 0, 0.5, 1, 1.5}, YS = {0, 0.5, 1, 1.5};

    /** A bowl with its minimum at (0.4, 0.7): every value positive. */
    private static double[][] bowl() {
        double[][] z = new double[YS.length][XS.length];
        for (int j = 0; j < YS.length; j++)
            for (int i = 0; i < XS.length; i++) z[j][i] = 0.05 + Math.pow(XS[i] - 0.4, 2) + Math.pow(YS[j] - 0.7, 2);
        return z;
    }

    @Test
    void rootDescribesGridRangesAndScale() {
        double[][] z = bowl();
        SvgDom d = new SvgDom(ContourPlot.of("loss plane", "u", "v", XS, YS, z, "train loss (nats)").svg());
        assertEquals("contour", d.root().getAttribute("data-kind"));
        assertEquals("6", d.root().getAttribute("data-grid-nx"));
        assertEquals("4", d.root().getAttribute("data-grid-ny"));
        assertEquals(-1, d.rootNum("data-x-min"));
        assertEquals(1.5, d.rootNum("data-x-max"));
        assertEquals(0, d.rootNum("data-y-min"));
        assertEquals(1.5, d.rootNum("data-y-max"));
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (double[] r : z) for (double v : r) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        PlotTest.close(lo, d.rootNum("data-value-min"));
        PlotTest.close(hi, d.rootNum("data-value-max"));
    }

    @Test
    void bandsBetweenConsecutiveLevelsAndLinesAtEach() {
        double[] levels = {0.2, 0.5, 1.0, 2.0};
        SvgDom d = new SvgDom(ContourPlot.of("p", "u", "v", XS, YS, bowl(), "z").levels(levels).svg());
        assertArrayEquals(levels, SvgDom.nums(d.root(), "data-levels"), 0);
        List<Element> bands = d.byClass("band");
        assertEquals(5, bands.size());
        for (int k = 1; k < bands.size(); k++)
            assertEquals(SvgDom.num(bands.get(k - 1), "data-hi"), SvgDom.num(bands.get(k), "data-lo"), 0);
        assertEquals(0.2, SvgDom.num(bands.get(1), "data-lo"));
        List<Element> lines = d.byClass("contour");
        assertEquals(4, lines.size());
        for (int k = 0; k < 4; k++) assertEquals(levels[k], SvgDom.num(lines.get(k), "data-level"));
        // bands go from dark (low) to bright (high)
        assertEquals(Palette.sequential(0.1).length(), bands.get(0).getAttribute("fill").length());
        assertTrue(!bands.get(0).getAttribute("fill").equals(bands.get(4).getAttribute("fill")));
    }

    @Test
    void logLevelsEvenInLog() {
        SvgDom d = new SvgDom(ContourPlot.of("p", "u", "v", XS, YS, bowl(), "z").logLevels().svg());
        assertEquals("log", d.root().getAttribute("data-value-scale"));
        double[] lv = SvgDom.nums(d.root(), "data-levels");
        assertTrue(lv.length >= 5, "levels " + lv.length);
        for (int k = 2; k < lv.length; k++) {
            double r1 = Math.log(lv[k - 1] / lv[k - 2]), r2 = Math.log(lv[k] / lv[k - 1]);
            assertEquals(r1, r2, 0.25 * r1, "log spacing");
        }
    }

    @Test
    void logLevelsFallBackToLinearWhenTheFieldIsNotPositive() {
        double[][] z = bowl();
        z[0][0] = -0.5;
        SvgDom d = new SvgDom(ContourPlot.of("p", "u", "v", XS, YS, z, "z").logLevels().svg());
        assertEquals("linear", d.root().getAttribute("data-value-scale"));
        assertEquals(-0.5, d.rootNum("data-value-min"));
        assertTrue(d.byClass("contour").size() > 3);
    }

    @Test
    void overlaysAndLabels() {
        SvgDom d = new SvgDom(ContourPlot.of("p", "u", "v", XS, YS, bowl(), "z")
            .points("anchors", new double[] {0, 1, 0.4}, new double[] {0, 0, 1}, Style.of(1))
            .points("_samples", new double[] {0.2}, new double[] {0.3}, Style.of(2).faint())
            .labels(new double[] {0, 1, 0.4}, new double[] {0, 0, 1}, new String[] {"θ1", "θ2", "θ<3>"}).svg());
        List<Element> anchors = d.byClass(d.series("anchors"), "point");
        assertEquals(3, anchors.size());
        assertEquals(0.4, SvgDom.num(anchors.get(2), "data-x"));
        assertEquals(1, d.byClass(d.series("_samples"), "point").size());
        assertEquals("θ<3>", d.byClass("label").get(2).getTextContent());
        // a white halo under the glyphs keeps labels legible on dark bands
        Element labels = (Element) d.byClass("label").get(0).getParentNode();
        assertEquals("#ffffff", labels.getAttribute("stroke"));
        assertEquals("stroke", labels.getAttribute("paint-order"));
    }

    @Test
    void fixedAxesClipTheGridAndKeepTheirRange() {
        SvgDom d = new SvgDom(ContourPlot.of("p", "u", "v", XS, YS, bowl(), "z").xRange(-0.5, 3).yRange(0.5, -2)
            .points("far", new double[] {5}, new double[] {0.2}, Style.of(0)).svg());
        assertEquals(-0.5, d.rootNum("data-x-min"));
        assertEquals(3, d.rootNum("data-x-max"));
        assertEquals(-2, d.rootNum("data-y-min"));
        assertEquals(0.5, d.rootNum("data-y-max"));
        assertEquals(0, d.byClass("point").size(), "a point outside the fixed axes is not drawn");
        assertTrue(d.byClass("band").size() > 0);
    }

    @Test
    void overlaysOutsideTheGridWidenTheAxes() {
        SvgDom d = new SvgDom(ContourPlot.of("p", "u", "v", XS, YS, bowl(), "z")
            .points("far", new double[] {3}, new double[] {-1}, Style.of(0)).svg());
        assertTrue(d.rootNum("data-x-max") >= 3 && d.rootNum("data-y-min") <= -1);
        assertEquals(1, d.byClass("point").size());
    }

    @Test
    void nanAndEmptyGridsRender() {
        double[][] z = bowl();
        z[1][2] = Double.NaN;
        SvgDom d = new SvgDom(ContourPlot.of("p", "u", "v", XS, YS, z, "z").svg());
        assertTrue(d.byClass("band").size() > 1);
        SvgDom empty = new SvgDom(ContourPlot.of("p", "u", "v", new double[0], new double[0], new double[0][0], "z").svg());
        assertEquals("no data", empty.byClass("note").get(0).getTextContent());
        double[][] allNan = {{Double.NaN, Double.NaN}, {Double.NaN, Double.NaN}};
        SvgDom nan = new SvgDom(ContourPlot.of("p", "u", "v", new double[] {0, 1}, new double[] {0, 1}, allNan, "z")
            .logLevels().svg());
        assertEquals("no data", nan.byClass("note").get(0).getTextContent());
    }

    @Test
    void fixedColourScaleIsShared() {
        SvgDom d = new SvgDom(ContourPlot.of("p", "u", "v", XS, YS, bowl(), "z").range(0, 5).svg());
        assertEquals(0, d.rootNum("data-value-min"));
        assertEquals(5, d.rootNum("data-value-max"));
    }

    @Test
    void explicitLevelsBeyondTheDataWidenTheColourScale() {
        double[] shared = {0.5, 1, 2, 5, 10};
        SvgDom d = new SvgDom(ContourPlot.of("p", "u", "v", XS, YS, bowl(), "z").levels(shared).svg());
        assertEquals(10, d.rootNum("data-value-max"));
        assertTrue(d.rootNum("data-value-min") < 0.5);
        // the band holding values from 2 to 5 has the same colour whatever the field's own maximum
        String fill = null;
        for (Element b : d.byClass("colorbar-band")) if (SvgDom.num(b, "data-lo") == 2) fill = b.getAttribute("fill");
        double[][] higher = bowl();
        higher[0][0] = 8;
        SvgDom e = new SvgDom(ContourPlot.of("p", "u", "v", XS, YS, higher, "z").levels(shared).range(
            d.rootNum("data-value-min"), 10).svg());
        for (Element b : e.byClass("colorbar-band")) if (SvgDom.num(b, "data-lo") == 2) assertEquals(fill, b.getAttribute("fill"));
    }

    @Test
    void deterministicAndEscaped() {
        String a = ContourPlot.of("a <b> & \"c\"", "u", "v", XS, YS, bowl(), "z").logLevels().svg();
        String b = ContourPlot.of("a <b> & \"c\"", "u", "v", XS, YS, bowl(), "z").logLevels().svg();
        assertEquals(a, b);
        assertEquals("a <b> & \"c\"", new SvgDom(a).doc.getElementsByTagName("title").item(0).getTextContent());
    }
}
