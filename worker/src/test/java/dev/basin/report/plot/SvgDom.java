package dev.basin.report.plot;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Parses SVG text as XML (so it must be well formed) and finds elements by class, as the browser tests do. */
final class SvgDom {
    final Document doc;

    SvgDom(String svg) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    Element root() { return doc.getDocumentElement(); }

    double rootNum(String attr) { return Double.parseDouble(root().getAttribute(attr)); }

    /** Elements whose class list contains {@code cls}, under {@code scope} (the root when null), in order. */
    List<Element> byClass(Element scope, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList all = (scope == null ? root() : scope).getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (Arrays.asList(e.getAttribute("class").split(" ")).contains(cls)) out.add(e);
        }
        return out;
    }

    List<Element> byClass(String cls) { return byClass(null, cls); }

    Element series(String name) {
        for (Element g : byClass("series")) if (g.getAttribute("data-series").equals(name)) return g;
        throw new AssertionError("no series " + name);
    }

    static double num(Element e, String attr) { return Double.parseDouble(e.getAttribute(attr)); }

    static double[] nums(Element e, String attr) {
        String s = e.getAttribute(attr).trim();
        return s.isEmpty() ? new double[0] : Arrays.stream(s.split(" ")).mapToDouble(Double::parseDouble).toArray();
    }
}
