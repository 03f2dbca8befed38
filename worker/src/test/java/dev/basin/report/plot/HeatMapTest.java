package dev.basin.report.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class HeatMapTest {
    private static final String[] L3 = {"m0", "m1", "m2"};

    @Test
    void oneCellPerFiniteValueCarryingIt() {
        double[][] v = {{1, 0.5, 0.25}, {0.5, 1, Double.NaN}, {0.25, 0.125, 1}};
        SvgDom d = new SvgDom(HeatMap.of("cosine", L3, L3, v, "cosine similarity").svg());
        assertEquals("heatmap", d.root().getAttribute("data-kind"));
        List<Element> cells = d.byClass("cell");
        assertEquals(8, cells.size());
        for (Element c : cells) {
            int i = Integer.parseInt(c.getAttribute("data-row")), j = Integer.parseInt(c.getAttribute("data-col"));
            assertEquals(v[i][j], SvgDom.num(c, "data-value"), 0);
            assertFalse(i == 1 && j == 2, "NaN cell drawn");
        }
        assertEquals(0.125, d.rootNum("data-value-min"));
        assertEquals(1, d.rootNum("data-value-max"));
        assertEquals("3", d.root().getAttribute("data-rows"));
    }

    @Test
    void rowZeroOnTopAndColumnsLeftToRight() {
        double[][] v = {{1, 2}, {3, 4}};
        SvgDom d = new SvgDom(HeatMap.of("h", new String[] {"a", "b"}, new String[] {"c", "d"}, v, "v").svg());
        Element c00 = d.byClass("cell").get(0), c11 = d.byClass("cell").get(3);
        assertTrue(SvgDom.num(c00, "y") < SvgDom.num(c11, "y"));
        assertTrue(SvgDom.num(c00, "x") < SvgDom.num(c11, "x"));
        assertEquals("#440154", c00.getAttribute("fill"));
        assertEquals("#fde725", c11.getAttribute("fill"));
    }

    @Test
    void fixedRangeAndAnnotations() {
        double[][] v = {{0.123, 0.9}, {0.5, 0.0}};
        SvgDom d = new SvgDom(HeatMap.of("h", new String[] {"a", "b"}, new String[] {"c", "d"}, v, "v")
            .range(0, 1).annotate().svg());
        assertEquals(0, d.rootNum("data-value-min"));
        assertEquals(1, d.rootNum("data-value-max"));
        List<Element> texts = d.byClass("cell-value");
        assertEquals(4, texts.size());
        assertEquals("0.12", texts.get(0).getTextContent());
        assertEquals("0.90", texts.get(1).getTextContent());
        // dark text on the bright (high) cell, light text on the dark (low) cell
        assertEquals("#000000", texts.get(1).getAttribute("fill"));
        assertEquals("#ffffff", texts.get(3).getAttribute("fill"));
    }

    @Test
    void annotationsShowAsManyDecimalsAsANarrowRangeNeeds() {
        double[][] v = {{Double.NaN, 0.99397}, {0.994958, 0.999353}, {0.998857, Double.NaN}};
        SvgDom d = new SvgDom(HeatMap.of("h", new String[] {"a", "b", "c"}, new String[] {"c", "d"}, v, "v")
            .annotate().svg());
        List<String> texts = d.byClass("cell-value").stream().map(Element::getTextContent).toList();
        assertEquals(List.of("0.9940", "0.9950", "0.9994", "0.9989"), texts);
        assertEquals(2, HeatMap.decimals(new double[][] {{0.12, 0.5}, {0.9, 0}}));
        assertEquals(3, HeatMap.decimals(new double[][] {{0.991, 0.995}, {0.999, 0.9962}}));
        assertEquals(3, HeatMap.decimals(new double[][] {{0.0107, -0.0008}, {0.0046, 0.0107}}), "a narrow spread near 0");
        double[][] nearZero = {{Double.NaN, -0.0004}, {0.2, Double.NaN}};
        List<String> shown = new SvgDom(HeatMap.of("h", new String[] {"a", "b"}, new String[] {"c", "d"}, nearZero, "v")
            .annotate().svg()).byClass("cell-value").stream().map(Element::getTextContent).toList();
        assertEquals(List.of("0.00", "0.20"), shown, "no negative zero");
        assertEquals(HeatMap.MAX_DECIMALS, HeatMap.decimals(new double[][] {{0.99991, 0.999912, 0.999913}}));
    }

    @Test
    void labelsEscapedAndThinnedWhenDense() {
        int n = 100;
        double[][] v = new double[n][n];
        String[] l = new String[n];
        for (int i = 0; i < n; i++) {
            l[i] = "epoch <" + i + ">";
            for (int j = 0; j < n; j++) v[i][j] = Math.abs(i - j);
        }
        String svg = HeatMap.of("trajectory & co", l, l, v, "disagreement").svg();
        SvgDom d = new SvgDom(svg);
        assertEquals(n * n, d.byClass("cell").size());
        int rowLabels = d.byClass("row-label").size();
        assertTrue(rowLabels > 5 && rowLabels < n, "row labels: " + rowLabels);
        assertEquals("epoch <0>", d.byClass("row-label").get(0).getTextContent());
        assertTrue(d.rootNum("width") <= 640.5);
    }

    @Test
    void emptyAndConstantMatricesRender() {
        SvgDom empty = new SvgDom(HeatMap.of("h", new String[0], new String[0], new double[0][0], "v").svg());
        assertEquals("no data", empty.byClass("note").get(0).getTextContent());
        SvgDom flat = new SvgDom(HeatMap.of("h", L3, L3, new double[][] {{2, 2, 2}, {2, 2, 2}, {2, 2, 2}}, "v").svg());
        assertTrue(flat.rootNum("data-value-min") < 2 && flat.rootNum("data-value-max") > 2);
    }

    @Test
    void deterministic() {
        double[][] v = {{1, 0.3}, {0.3, 1}};
        String[] l = {"a", "b"};
        assertEquals(HeatMap.of("h", l, l, v, "v").annotate().svg(), HeatMap.of("h", l, l, v, "v").annotate().svg());
    }
}
