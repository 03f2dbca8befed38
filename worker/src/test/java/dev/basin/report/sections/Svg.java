package dev.basin.report.sections;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A figure's SVG read back as the browser tests read it: the root's ranges, and each series' data attributes. */
final class Svg {
    private final Element root;

    private Svg(Element root) {
        this.root = root;
    }

    static Svg parse(String svg) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            return new Svg(d.getDocumentElement());
        } catch (Exception e) {
            throw new AssertionError("not well-formed SVG: " + e.getMessage(), e);
        }
    }

    String attr(String name) {
        return root.getAttribute(name);
    }

    double number(String name) {
        return Double.parseDouble(root.getAttribute(name));
    }

    /** Names of the {@code g.series} groups, in document order. */
    List<String> series() {
        List<String> out = new ArrayList<>();
        for (Element g : elements(root, "g")) {
            if (hasClass(g, "series")) {
                out.add(g.getAttribute("data-series"));
            }
        }
        return out;
    }

    /** The (data-x, data-y) of every {@code .point} of series {@code name}. */
    List<double[]> points(String name) {
        List<double[]> out = new ArrayList<>();
        for (Element e : elements(group(name), "*")) {
            if (hasClass(e, "point")) {
                out.add(new double[] {Double.parseDouble(e.getAttribute("data-x")),
                        Double.parseDouble(e.getAttribute("data-y"))});
            }
        }
        return out;
    }

    /** The xs and ys of the series' {@code path.line}s, one {xs, ys} per line. */
    List<double[][]> lines(String name) {
        List<double[][]> out = new ArrayList<>();
        for (Element e : elements(group(name), "path")) {
            if (hasClass(e, "line")) {
                out.add(new double[][] {numbers(e.getAttribute("data-xs")), numbers(e.getAttribute("data-ys"))});
            }
        }
        return out;
    }

    /** Every element of class {@code cls} in the document. */
    List<Element> withClass(String cls) {
        List<Element> out = new ArrayList<>();
        for (Element e : elements(root, "*")) {
            if (hasClass(e, cls)) {
                out.add(e);
            }
        }
        return out;
    }

    String title() {
        List<Element> t = elements(root, "title");
        return t.isEmpty() ? null : t.get(0).getTextContent();
    }

    private Element group(String name) {
        for (Element g : elements(root, "g")) {
            if (hasClass(g, "series") && g.getAttribute("data-series").equals(name)) {
                return g;
            }
        }
        throw new AssertionError("no series " + name + " in " + series());
    }

    private static List<Element> elements(Element in, String tag) {
        NodeList list = in.getElementsByTagNameNS("*", tag);
        List<Element> out = new ArrayList<>();
        for (int k = 0; k < list.getLength(); k++) {
            out.add((Element) list.item(k));
        }
        return out;
    }

    private static boolean hasClass(Element e, String cls) {
        for (String c : e.getAttribute("class").trim().split("\\s+")) {
            if (c.equals(cls)) {
                return true;
            }
        }
        return false;
    }

    static double[] numbers(String list) {
        String s = list.trim();
        if (s.isEmpty()) {
            return new double[0];
        }
        String[] parts = s.split("[\\s,]+");
        double[] out = new double[parts.length];
        for (int k = 0; k < parts.length; k++) {
            out[k] = Double.parseDouble(parts[k]);
        }
        return out;
    }
}
