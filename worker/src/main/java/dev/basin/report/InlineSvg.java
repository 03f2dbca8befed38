package dev.basin.report;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A figure's standalone SVG document made fit to sit inside an HTML page: the XML declaration and any doctype go,
 * and every {@code id} the drawing defines (clip paths, gradients) gets a prefix unique to the figure on the page,
 * with the references to it ({@code url(#id)}, {@code href="#id"}), since two figures drawn by the same code
 * would otherwise share ids and one would clip with the other's path.
 */
public final class InlineSvg {
    private static final Pattern PROLOG = Pattern.compile("\\A\\s*(<\\?xml[^>]*\\?>\\s*)?(<!DOCTYPE[^>]*>\\s*)?");
    private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]+)\"");

    private InlineSvg() {}

    /** {@code svg} without its prolog, each of its ids prefixed with {@code prefix} and a dash. */
    public static String of(String svg, String prefix) {
        String body = PROLOG.matcher(svg).replaceFirst("");
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = ID.matcher(body);
        while (m.find()) {
            ids.add(m.group(1));
        }
        for (String id : ids) {
            String to = prefix + "-" + id;
            body = body.replace("id=\"" + id + "\"", "id=\"" + to + "\"")
                    .replace("url(#" + id + ")", "url(#" + to + ")")
                    .replace("href=\"#" + id + "\"", "href=\"#" + to + "\"");
        }
        return body.strip();
    }
}
