package dev.basin.spec;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The type of a spec key's value: how it is read from YAML, checked, written by the printer and named in the
 * README's reference. The factories below are the spec's value types; a key with an odd grammar (weight
 * references, pairs of them) builds its own with {@link #of}.
 */
class Type {

    /** Most values in one list of radii, rates, scales, scopes, corruptions or severities. */
    static final int MAX_VALUES = 16;

    /** Reads one value at {@code path}; on a problem it reports it and returns {@code fallback}. */
    @FunctionalInterface
    interface Read {
        Object read(YamlFields yaml, Values in, String path, Node node, Object fallback);
    }

    /** Checks one value at {@code path}, reporting what is wrong; true when it is fine. */
    @FunctionalInterface
    interface Check {
        boolean check(Checks c, String path, Object value);
    }

    final String name;
    final String allowed;
    private final Read reader;
    private final Check checker;
    private final Function<Object, String> printer;

    Type(String name, String allowed, Read reader, Check checker, Function<Object, String> printer) {
        this.name = name;
        this.allowed = allowed;
        this.reader = reader;
        this.checker = checker;
        this.printer = printer;
    }

    Object read(YamlFields yaml, Values in, String path, Node node, Object fallback) {
        return reader.read(yaml, in, path, node, fallback);
    }

    boolean check(Checks c, String path, Object value) {
        return checker.check(c, path, value);
    }

    String print(Object value) {
        return printer.apply(value);
    }

    static Type of(String name, String allowed, Read read, Check check, Function<Object, String> print) {
        return new Type(name, allowed, read, check, print);
    }

    /** What a "required" message adds after the key's own words: an integer's bounds. */
    String requiredSuffix() {
        return "";
    }

    /** Writes {@code name: value} (a map: {@code name:} and its lines); {@code first} indents the first line. */
    void write(StringBuilder sb, String first, String rest, String name, Object value) {
        sb.append(first).append(name).append(": ").append(print(value)).append('\n');
    }

    /** Whether a null value means the key is absent, so that the printer leaves it out. */
    boolean absentWhenNull() {
        return false;
    }

    // ---- scalars --------------------------------------------------------------------------------------

    /** An int in {@code [lo, hi]}, "between lo and hi". */
    static Type integer(int lo, int hi) {
        return integer(lo, hi, "between " + lo + " and " + hi);
    }

    /** An int in {@code [lo, hi]}; {@code bounds} words the range for messages, also for one too large for an int. */
    static Type integer(int lo, int hi, String bounds) {
        return new Type("integer", bounds,
                (y, in, p, n, fallback) -> y.intValue(p, n, (Integer) fallback, bounds),
                (c, p, v) -> c.intIn(p, ((Number) v).longValue(), lo, hi, bounds),
                String::valueOf) {
            @Override
            String requiredSuffix() {
                return ", " + bounds;
            }
        };
    }

    /** Any 64-bit integer. */
    static Type longInteger() {
        return new Type("integer", "any", (y, in, p, n, fallback) -> y.longValue(p, n, (Long) fallback),
                (c, p, v) -> !c.skipped(p), String::valueOf);
    }

    /** A finite number between {@code lo} and {@code hi}; each end excluded when its {@code open} flag is set. */
    static Type number(double lo, boolean loOpen, double hi, boolean hiOpen) {
        return new Type("number", Checks.range(lo, loOpen, hi, hiOpen),
                (y, in, p, n, fallback) -> y.number(p, n, (Double) fallback),
                (c, p, v) -> c.numberIn(p, (Double) v, lo, loOpen, hi, hiOpen),
                v -> Text.yamlNumber((Double) v));
    }

    /** A finite number {@code > 0} and at most {@code max}, each bound named on its own ("must be > 0"). */
    static Type positive(double max) {
        return new Type("number", "> 0 and <= " + Text.number(max),
                (y, in, p, n, fallback) -> y.number(p, n, (Double) fallback),
                (c, p, v) -> c.positive(p, (Double) v, max),
                v -> Text.yamlNumber((Double) v));
    }

    /** One of {@code allowed}; a near miss gets the closest name suggested. */
    static Type name(List<String> allowed) {
        String one = "one of " + String.join(", ", allowed);
        return new Type("name", String.join(", ", allowed), (y, in, p, n, fallback) -> y.text(p, n, one),
                (c, p, v) -> c.oneOf(p, (String) v, allowed), v -> SpecPrinter.string((String) v));
    }

    /** Free text; {@code nullable} lets {@code null} stand for "not given". Checked by its key's own rule. */
    static Type text(String what, boolean nullable) {
        return new Type("text", what, (y, in, p, n, fallback) -> nullable ? y.nullableText(p, n, what)
                : y.text(p, n, what), (c, p, v) -> !c.skipped(p), v -> SpecPrinter.string((String) v));
    }

    static Type bool() {
        return new Type("boolean", "true, false", (y, in, p, n, fallback) -> y.bool(p, n, (Boolean) fallback),
                (c, p, v) -> !c.skipped(p), String::valueOf);
    }

    // ---- lists ----------------------------------------------------------------------------------------

    /** 1 to {@value #MAX_VALUES} distinct finite numbers, each as {@link #number} says. */
    @SuppressWarnings("unchecked")
    static Type numbers(double lo, boolean loOpen, double hi, boolean hiOpen) {
        return new Type("list of numbers", "1 to " + MAX_VALUES + " numbers, each " + Checks.range(lo, loOpen, hi,
                hiOpen),
                (y, in, p, n, fallback) -> y.each(p, n, "a list of numbers, e.g. ["
                        + Text.number(((List<Double>) fallback).get(0)) + "]", (at, x) -> numberOrNull(y, at, x)),
                (c, p, v) -> c.listSize(p, (List<?>) v, MAX_VALUES, "value", "values")
                        && c.entries(p, (List<Double>) v, (at, x) -> c.numberIn(at, x, lo, loOpen, hi, hiOpen)),
                v -> flow((List<Double>) v, Text::yamlNumber));
    }

    /** 1 to {@value #MAX_VALUES} distinct names of {@code allowed}, in the order given. */
    @SuppressWarnings("unchecked")
    static Type names(List<String> allowed, String one, String many) {
        String all = String.join(", ", allowed);
        return new Type("list of names", "some of " + all,
                (y, in, p, n, fallback) -> y.each(p, n, "a list of names, some of " + all,
                        (at, x) -> y.text(at, x, "one of " + all)),
                (c, p, v) -> c.listSize(p, (List<?>) v, MAX_VALUES, one, many)
                        && c.entries(p, (List<String>) v, (at, x) -> c.oneOf(at, x, allowed)),
                v -> flow((List<String>) v, SpecPrinter::string));
    }

    /** 1 to {@value #MAX_VALUES} distinct integers in {@code [lo, hi]}. */
    @SuppressWarnings("unchecked")
    static Type integers(int lo, int hi, String one, String many) {
        String bounds = "between " + lo + " and " + hi;
        return new Type("list of integers", "some of " + lo + " to " + hi,
                (y, in, p, n, fallback) -> y.each(p, n, "a list of " + many + " (" + lo + " to " + hi + ")",
                        (at, x) -> intOrNull(y, at, x, bounds)),
                (c, p, v) -> c.listSize(p, (List<?>) v, MAX_VALUES, one, many)
                        && c.entries(p, (List<Integer>) v, (at, x) -> c.intIn(at, x, lo, hi, bounds)),
                v -> flow((List<Integer>) v, String::valueOf));
    }

    /** A list element's int, or null when reported (so that the validator skips it). */
    static Integer intOrNull(YamlFields yaml, String path, Node node, String bounds) {
        int before = yaml.problems.size();
        int v = yaml.intValue(path, node, 0, bounds);
        return yaml.problems.size() == before ? v : null;
    }

    private static Double numberOrNull(YamlFields yaml, String path, Node node) {
        int before = yaml.problems.size();
        double v = yaml.number(path, node, 0);
        return yaml.problems.size() == before ? v : null;
    }

    /** {@code [a, b, c]}; null elements as {@code null}, a null list as {@code null}. */
    static <T> String flow(List<T> values, Function<T, String> text) {
        if (values == null) {
            return "null";
        }
        return values.stream().map(v -> v == null ? "null" : text.apply(v)).collect(Collectors.joining(", ", "[", "]"));
    }
}
