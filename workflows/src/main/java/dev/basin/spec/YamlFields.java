package dev.basin.spec;

import static dev.basin.spec.SpecRules.MAX_COLLECTION_ALIASES;
import static dev.basin.spec.SpecRules.MAX_NESTING_DEPTH;
import static dev.basin.spec.SpecRules.MAX_SPEC_BYTES;
import static dev.basin.spec.Text.firstLine;
import static dev.basin.spec.Text.join;
import static dev.basin.spec.Text.lineAt;
import static dev.basin.spec.Text.shorten;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The YAML side of one {@link SpecParser} run: composes the document into SnakeYAML's node tree under the spec's
 * limits, reads a map's known keys, and reads typed scalars, recording a {@link SpecProblem} for everything wrong
 * instead of stopping at the first.
 *
 * <p>One instance per parse, never shared: it holds that parse's problems and line tables. Like the parser it is
 * pure (no I/O, no clocks, no static mutable state), because it runs inside Temporal workflow code.
 */
final class YamlFields {

    private static final Set<Tag> PLAIN_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.MAP, Tag.SEQ);
    private static final Pattern DECIMAL_INT = Pattern.compile("[-+]?(?:0|[1-9][0-9]*)");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[-+]?\\.(?:inf|Inf|INF|nan|NaN|NAN)");

    /** Every problem so far, in the order found; {@link #sorted} puts them in document order. */
    final List<SpecProblem> problems = new ArrayList<>();
    /** Line of each known key's value, by key path; the validator's problems point there. */
    final Map<String, Integer> valueLines = new HashMap<>();
    /** Line of each known key, by key path; "required" problems for a block point at the block's key. */
    final Map<String, Integer> keyLines = new HashMap<>();
    /** Key paths already reported, so that the validator and the block readers do not report them twice. */
    final Set<String> bad = new HashSet<>();

    /** The problems in document order; those with no line (0) last. */
    List<SpecProblem> sorted() {
        List<SpecProblem> out = new ArrayList<>(problems);
        out.sort(Comparator.comparingInt(p -> p.line() == 0 ? Integer.MAX_VALUE : p.line()));
        return List.copyOf(out);
    }

    // ---- YAML ---------------------------------------------------------------------------------------

    /**
     * The document's node tree, or null (with one problem recorded) when the YAML is malformed or breaks a limit.
     * Only {@code compose} is called, so no object is ever constructed from the document.
     */
    Node compose(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(MAX_SPEC_BYTES);
        options.setAllowDuplicateKeys(false);
        options.setProcessComments(false);
        options.setMergeOnCompose(false);
        options.setTagInspector(tag -> false);
        DumperOptions dumper = new DumperOptions();
        Yaml reader = new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options);
        try {
            return reader.compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String reason = e.getProblem() != null ? e.getProblem() : firstLine(e.getMessage());
            if (reason.startsWith("but ") && e.getContext() != null) {
                reason = e.getContext() + " " + reason;
            }
            if (reason.contains("\t") || reason.contains("TAB")) {
                reason = "tab characters cannot start a token; indent with spaces, not tabs";
            }
            reason = firstLine(reason).strip();
            int line = mark == null ? 0 : mark.getLine() + 1;
            if (reason.startsWith("Global tag is not allowed: ")) {
                problem("", "YAML tag " + shortTag(reason.substring("Global tag is not allowed: ".length()))
                        + " is not allowed; a spec holds only plain values and maps", line);
                return null;
            }
            problem("", "malformed YAML" + (mark == null ? "" : " at column " + (mark.getColumn() + 1))
                    + ": " + reason, line);
        } catch (ReaderException e) {
            problem("", "malformed YAML: special character U+" + String.format(Locale.ROOT, "%04X", e.getCodePoint())
                    + " is not allowed", lineAt(yaml, e.getPosition()));
        } catch (YAMLException e) {
            String msg = firstLine(e.getMessage());
            if (msg.startsWith("Number of aliases")) {
                msg = "too many aliases to lists or maps (more than " + MAX_COLLECTION_ALIASES
                        + "); a spec needs none";
            } else if (msg.toLowerCase(Locale.ROOT).contains("nesting depth")) {
                msg = "nested too deeply (more than " + MAX_NESTING_DEPTH + " levels); a spec nests four deep";
            }
            problem("", "malformed YAML: " + msg, 0);
        }
        return null;
    }

    // ---- maps and keys ------------------------------------------------------------------------------

    /** The known keys of {@code map}; reports unknown, duplicate and non-scalar keys and bad tags. */
    Map<String, Node> fields(MappingNode map, String prefix, List<String> allowed) {
        Map<String, Node> out = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (NodeTuple t : map.getValue()) {
            Node k = t.getKeyNode();
            Node v = t.getValueNode();
            if (Tag.MERGE.equals(k.getTag())) {
                problem(join(prefix, "<<"), "merge keys (<<) are not supported; write the keys out", line(k));
                continue;
            }
            if (!(k instanceof ScalarNode ks) || !PLAIN_TAGS.contains(k.getTag()) || Tag.NULL.equals(k.getTag())) {
                problem(prefix, "keys must be plain names, got " + describe(k) + "; allowed: "
                        + String.join(", ", allowed), line(k));
                continue;
            }
            String key = ks.getValue();
            String path = join(prefix, shorten(key));
            Integer first = firstLine.putIfAbsent(key, line(k));
            if (first != null) {
                problem(path, "duplicate key (first given on line " + first + ")", line(k));
                continue;
            }
            if (!allowed.contains(key)) {
                bad.add(path);
                problem(path, SpecKeys.unknownKey(prefix, key, allowed), line(k));
                continue;
            }
            keyLines.put(path, line(k));
            valueLines.put(path, line(v));
            if (tagOk(path, v)) {
                out.put(key, v);
            }
        }
        return out;
    }

    /** Whether {@code node} carries a standard scalar, list or map tag; reports it when not. */
    boolean tagOk(String path, Node node) {
        if (PLAIN_TAGS.contains(node.getTag())) {
            return true;
        }
        bad(path, "YAML tag " + shortTag(node.getTag().getValue())
                + " is not allowed; a spec holds only plain values and maps", node);
        return false;
    }

    static String shortTag(String tag) {
        return shorten(tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag);
    }

    // ---- scalars ------------------------------------------------------------------------------------

    String text(String path, Node node, String what) {
        if (node instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
            return s.getValue();
        }
        bad(path, "must be " + what + ", got " + describe(node), node);
        return null;
    }

    String nullableText(String path, Node node, String what) {
        if (isNull(node)) {
            return null;
        }
        return text(path, node, what);
    }

    long longValue(String path, Node node, long fallback) {
        BigInteger v = integer(path, node);
        if (v == null) {
            return fallback;
        }
        if (v.bitLength() > 63) {
            bad(path, "must be an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE + ", got " + v,
                    node);
            return fallback;
        }
        return v.longValue();
    }

    /** An int; one too large for an int is reported with the key's {@code bounds}, as the validator words them. */
    int intValue(String path, Node node, int fallback, String bounds) {
        BigInteger v = integer(path, node);
        if (v == null) {
            return fallback;
        }
        if (v.bitLength() > 31) {
            bad(path, "must be " + bounds + ", got " + v, node);
            return fallback;
        }
        return v.intValue();
    }

    /** The elements of a list read by {@code read} (null where unreadable), or null when not a list (reported). */
    <T> List<T> each(String path, Node node, String what, BiFunction<String, Node, T> read) {
        List<Node> items = list(path, node, what);
        if (items == null) {
            return null;
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(items.get(i) == null ? null : read.apply(path + "[" + i + "]", items.get(i)));
        }
        return out;
    }

    /**
     * A plain decimal integer of any size, or null when reported. YAML 1.1's other integer forms (hex, octal,
     * sexagesimal) are refused: {@code 010} meaning 8 would surprise anyone writing a spec.
     */
    BigInteger integer(String path, Node node) {
        if (node instanceof ScalarNode s) {
            Tag tag = s.getTag();
            String v = s.getValue();
            if (Tag.INT.equals(tag)) {
                String digits = v.replace("_", "");
                if (DECIMAL_INT.matcher(digits).matches()) {
                    return new BigInteger(digits);
                }
                bad(path, "must be a plain decimal integer (no leading zeros, hex, octal, binary or"
                        + " sexagesimal forms), got " + shorten(v), node);
                return null;
            }
            if (Tag.FLOAT.equals(tag)) {
                bad(path, "must be an integer, got " + shorten(v), node);
                return null;
            }
            if (Tag.STR.equals(tag) && s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN
                    && DECIMAL_INT.matcher(v.trim()).matches()) {
                bad(path, "must be an integer, got the string " + Text.quote(v) + " (remove the quotes)", node);
                return null;
            }
        }
        bad(path, "must be an integer, got " + describe(node), node);
        return null;
    }

    /** {@code true} or {@code false} (YAML 1.1's yes/no/on/off too, as the YAML reader resolves them). */
    boolean bool(String path, Node node, boolean fallback) {
        if (node instanceof ScalarNode s) {
            if (Tag.BOOL.equals(s.getTag())) {
                String v = s.getValue().toLowerCase(Locale.ROOT);
                return v.equals("true") || v.equals("yes") || v.equals("on");
            }
            if (Tag.STR.equals(s.getTag()) && s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN
                    && (s.getValue().equals("true") || s.getValue().equals("false"))) {
                bad(path, "must be true or false, got the string " + Text.quote(s.getValue())
                        + " (remove the quotes)", node);
                return fallback;
            }
        }
        bad(path, "must be true or false, got " + describe(node), node);
        return fallback;
    }

    /**
     * The elements of a list, each with its line recorded under {@code path[i]}; null (reported) when
     * {@code node} is not a list. Elements with a non-standard tag are reported and come back as null.
     */
    List<Node> list(String path, Node node, String what) {
        if (!(node instanceof SequenceNode seq)) {
            bad(path, "must be " + what + ", got " + describe(node), node);
            return null;
        }
        List<Node> out = new ArrayList<>();
        List<Node> items = seq.getValue();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String itemPath = path + "[" + i + "]";
            valueLines.put(itemPath, line(item));
            out.add(tagOk(itemPath, item) ? item : null);
        }
        return out;
    }

    /** A finite decimal number; infinities and NaN are refused, since no training setting means them. */
    double number(String path, Node node, double fallback) {
        if (node instanceof ScalarNode s) {
            Tag tag = s.getTag();
            String v = s.getValue();
            if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
                String d = v.replace("_", "");
                if (DECIMAL.matcher(d).matches()) {
                    double x = Double.parseDouble(d);
                    if (Double.isInfinite(x)) {
                        bad(path, "must be a finite number, got " + shorten(v), node);
                        return fallback;
                    }
                    return x;
                }
                if (NON_FINITE.matcher(d).matches()) {
                    bad(path, "must be a finite number, got " + v, node);
                } else {
                    bad(path, "must be a plain decimal number, got " + shorten(v), node);
                }
                return fallback;
            }
            if (Tag.STR.equals(tag) && s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN
                    && DECIMAL.matcher(v.trim()).matches()) {
                bad(path, "must be a number, got the string " + Text.quote(v) + " (remove the quotes)", node);
                return fallback;
            }
        }
        bad(path, "must be a number, got " + describe(node), node);
        return fallback;
    }

    // ---- problems -----------------------------------------------------------------------------------

    void problem(String path, String message, int line) {
        problems.add(new SpecProblem(path, message, line));
    }

    /** Reports {@code path} at {@code node}'s line and marks it bad, so that no later check repeats it. */
    void bad(String path, String message, Node node) {
        bad.add(path);
        problem(path, message, line(node));
    }

    // ---- helpers ------------------------------------------------------------------------------------

    static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** {@code node} as a problem message names it: "a list", "a map", "null", "boolean yes", a quoted string. */
    static String describe(Node node) {
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a map";
        }
        ScalarNode s = (ScalarNode) node;
        Tag tag = s.getTag();
        if (Tag.NULL.equals(tag)) {
            return "null";
        }
        if (Tag.BOOL.equals(tag)) {
            return "boolean " + s.getValue();
        }
        if (Tag.STR.equals(tag)) {
            return Text.quote(s.getValue());
        }
        return shorten(s.getValue());
    }
}
