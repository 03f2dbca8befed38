package dev.basin.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two spec fragments in the printer's normalised YAML, as dotted paths:
 * {@code tsne.perplexity: 10.0 -> 20.0}. Pure.
 *
 * <p>It reads only what {@code SpecPrinter} writes (block maps indented by two spaces, {@code - } for the
 * items of a block list, flow values on one line), which is why a full YAML parser is not needed; a line it
 * cannot place keeps its text as its path, so an unexpected shape still shows up as a change, never as none.
 */
public final class SpecLines {
    private SpecLines() {}

    /** The leaves of {@code yaml} by dotted path, in the order written: {@code plane[0].grid -> 11}. */
    public static Map<String, String> flatten(String yaml) {
        Map<String, String> out = new LinkedHashMap<>();
        // segments.get(d): what is open at indentation level d (a key, or "[n]" for the n-th item of a list)
        List<String> segments = new ArrayList<>();
        Map<String, Integer> items = new LinkedHashMap<>();
        for (String raw : yaml.split("\n")) {
            if (raw.isBlank()) {
                continue;
            }
            int level = (raw.length() - raw.stripLeading().length()) / 2;
            String line = raw.strip();
            truncate(segments, level);
            while (segments.size() < level) {
                segments.add(""); // deeper than any open key: the line's own text still names it
            }
            if (line.startsWith("- ")) {
                // "  - grid: 11": item n of the list under the key one level up; its keys sit one level deeper
                String list = path(segments);
                int n = items.merge(list, 1, Integer::sum) - 1;
                segments.add("[" + n + "]");
                line = line.substring(2).strip();
                level++;
            }
            String prefix = path(segments);
            int colon = line.indexOf(": ");
            if (line.endsWith(":")) {
                segments.add(line.substring(0, line.length() - 1));
            } else if (colon > 0) {
                out.put(join(prefix, line.substring(0, colon)), line.substring(colon + 2));
            } else {
                out.put(join(prefix, line), "");
            }
        }
        return out;
    }

    private static void truncate(List<String> segments, int size) {
        while (segments.size() > size) {
            segments.remove(segments.size() - 1);
        }
    }

    private static String path(List<String> segments) {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            if (s.isEmpty()) {
                continue;
            }
            if (sb.length() > 0 && !s.startsWith("[")) {
                sb.append('.');
            }
            sb.append(s);
        }
        return sb.toString();
    }

    private static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    /**
     * The changes from {@code before} to {@code after}, one per path: {@code a.b: x -> y}, {@code a.b: (none) -> y}
     * for an added leaf, {@code a.b: x -> (none)} for a removed one; empty when they are equal.
     */
    public static List<String> changes(String before, String after) {
        Map<String, String> a = flatten(before == null ? "" : before);
        Map<String, String> b = flatten(after == null ? "" : after);
        Set<String> paths = new LinkedHashSet<>(a.keySet());
        paths.addAll(b.keySet());
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            String x = a.get(p);
            String y = b.get(p);
            if (x == null || !x.equals(y)) {
                out.add(p + ": " + (x == null ? "(none)" : x) + " -> " + (y == null ? "(none)" : y));
            }
        }
        return out;
    }
}
