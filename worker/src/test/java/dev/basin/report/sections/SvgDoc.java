package dev.basin.report.sections;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A figure's SVG parsed back (javax.xml DOM), read through the data attributes the report's markup promises. */
final class SvgDoc {
    final Document doc;

    private SvgDoc(Document doc) {
        this.doc = doc;
    }

    static SvgDoc parse(String svg) {
        assertNotNull(svg, "a drawn figure has its SVG");
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return new SvgDoc(f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new AssertionError("the SVG does not parse: " + e.getMessage() + "\n" + svg, e);
        }
    }

    Element root() {
        return doc.getDocumentElement();
    }

    /** Every element whose class list holds {@code cls}, in document order. */
    List<Element> byClass(String cls) {
        return byClass(root(), cls);
    }

    static List<Element> byClass(Element under, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList all = under.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (Arrays.asList(e.getAttribute("class").trim().split("\\s+")).contains(cls)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The {@code g.series} named {@code name}; fails when there is none. */
    Element series(String name) {
        return byClass("series").stream().filter(e -> e.getAttribute("data-series").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no series " + name + " in " + seriesNames()));
    }

    List<String> seriesNames() {
        return byClass("series").stream().map(e -> e.getAttribute("data-series")).toList();
    }

    /** A space-separated number list attribute ({@code data-xs}, ...). */
    static double[] numbers(Element e, String attribute) {
        String v = e.getAttribute(attribute).trim();
        return v.isEmpty() ? new double[0] : Arrays.stream(v.split("\\s+")).mapToDouble(Double::parseDouble).toArray();
    }

    static double number(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    /** The (x, y) of every {@code .point} under {@code under}, as "x y" strings of parsed doubles. */
    static List<String> points(Element under) {
        return byClass(under, "point").stream()
                .map(p -> number(p, "data-x") + " " + number(p, "data-y")).toList();
    }
}
