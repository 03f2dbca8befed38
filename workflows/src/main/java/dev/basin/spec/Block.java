package dev.basin.spec;

import static dev.basin.spec.YamlFields.describe;
import static dev.basin.spec.Text.join;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A map of the spec ({@code train}, {@code swa}, {@code subspace.random}, one plane, the top level): its keys and
 * the rules between them, in the order they are checked, and how its record is built from the values read. One
 * generic reader, checker and printer serve every block, so that a key's declaration is all there is of it.
 *
 * @param <R> the block's record, e.g. {@code TrainConfig}
 */
final class Block<R> {

    final String name;
    final String doc;
    final Class<R> record;
    /** {@link Key}s and block-level {@link Key.Rule}s, in the order the validator runs them. */
    private final List<Object> entries = new ArrayList<>();
    private Function<Values, R> build;
    /** An analysis block: absent means not asked for, and {@code {}} asks for every default. */
    boolean optional;
    /** For a block that must be given, what it must hold ({@code train}); null when it may be left out. */
    String requiredWhat;
    private Consumer<R> printGuard = r -> {};
    private List<String> printOrder;

    Block(String name, Class<R> record, String doc) {
        this.name = name;
        this.record = record;
        this.doc = doc;
    }

    Block<R> key(Key<R> key) {
        entries.add(key);
        return this;
    }

    /** A rule between keys, run at this point of the block's checks, reporting at the block's path. */
    Block<R> rule(Key.Rule<R> rule) {
        entries.add(rule);
        return this;
    }

    Block<R> build(Function<Values, R> build) {
        this.build = build;
        return this;
    }

    /** The record of {@code values}, one for each key. */
    R make(Values values) {
        return build.apply(values);
    }

    Block<R> optional() {
        this.optional = true;
        return this;
    }

    Block<R> required(String what) {
        this.requiredWhat = what;
        return this;
    }

    /** Run before printing: the message a record that cannot be printed fails with. */
    Block<R> printGuard(Consumer<R> guard) {
        this.printGuard = guard;
        return this;
    }

    /** The printer's key order, when it is not the declaration's. */
    Block<R> printOrder(String... names) {
        this.printOrder = List.of(names);
        return this;
    }

    @SuppressWarnings("unchecked")
    List<Key<R>> keys() {
        return entries.stream().filter(e -> e instanceof Key<?>).map(e -> (Key<R>) e).toList();
    }

    List<String> names() {
        return keys().stream().map(k -> k.name).toList();
    }

    Key<R> key(String name) {
        return keys().stream().filter(k -> k.name.equals(name)).findFirst().orElseThrow();
    }

    // ---- reading ---------------------------------------------------------------------------------------

    /**
     * The record of the map at {@code path}: its keys read, defaults filled in. When {@code node} is absent
     * (null) or not a map: null for an optional block, else the defaults ({@code train}'s keys marked as reported,
     * so that the validator says nothing more of them).
     */
    R read(YamlFields yaml, Values parent, String path, Node node) {
        if (node instanceof MappingNode map) {
            Map<String, Node> f = yaml.fields(map, path, names());
            Values v = new Values(parent, f.keySet());
            for (Key<R> k : keys()) {
                v.put(k.name, readKey(yaml, v, path, node, k, f.get(k.name)));
            }
            return build.apply(v);
        }
        if (node != null) {
            yaml.bad(path, "must be a map with keys " + String.join(", ", names())
                    + (optional ? " ({} for the defaults)" : "") + ", got " + describe(node), node);
        } else if (requiredWhat != null && !yaml.bad.contains(path)) {
            yaml.problem(path, "required: " + requiredWhat, 0);
        }
        if (optional) {
            return null;
        }
        if (requiredWhat != null) {
            names().forEach(k -> yaml.bad.add(join(path, k)));
        }
        return defaults(parent);
    }

    private Object readKey(YamlFields yaml, Values v, String path, Node node, Key<R> k, Node value) {
        String p = join(path, k.name);
        if (value == null) {
            if (k.required == null) {
                return k.dflt.apply(v);
            }
            if (!yaml.bad.contains(p)) {
                yaml.bad.add(p);
                yaml.problem(p, "required: " + k.required + k.type.requiredSuffix(),
                        yaml.keyLines.getOrDefault(path, YamlFields.line(node)));
            }
            return k.fallback(v);
        }
        String refused = k.refuse.apply(v);
        if (refused != null) {
            yaml.bad(p, refused, value);
            return k.dflt.apply(v);
        }
        return k.type.read(yaml, v, p, value, k.fallback(v));
    }

    /** The record of every default; a required key holds its fallback. */
    R defaults(Values parent) {
        Values v = new Values(parent, Set.of());
        for (Key<R> k : keys()) {
            v.put(k.name, k.required == null ? k.dflt.apply(v) : k.fallback(v));
        }
        return build.apply(v);
    }

    // ---- checking --------------------------------------------------------------------------------------

    /** Runs every key's check and every rule, in declaration order. */
    @SuppressWarnings("unchecked")
    boolean check(Checks c, String path, R r) {
        int before = c.problems.size();
        for (Object e : entries) {
            if (e instanceof Key<?> key) {
                Key<R> k = (Key<R>) key;
                String p = k.reportAs != null ? k.reportAs : join(path, k.name);
                if (!k.checkIf.test(r)) {
                    k.otherwise.check(c, p, r);
                } else if (k.check != null ? k.check.check(c, p, r) : k.type.check(c, p, k.get.apply(r))) {
                    c.passed.add(p);
                    k.then.check(c, p, r);
                }
            } else {
                ((Key.Rule<R>) e).check(c, path, r);
            }
        }
        return c.problems.size() == before;
    }

    // ---- printing --------------------------------------------------------------------------------------

    /** Writes the record's keys, the first line after {@code first}, the others after {@code rest}. */
    void print(StringBuilder sb, String first, String rest, R r) {
        printGuard.accept(r);
        String indent = first;
        List<Key<R>> order = printOrder == null ? keys() : printOrder.stream().map(this::key).toList();
        for (Key<R> k : order) {
            Object v = k.get.apply(r);
            if (!k.printIf.test(r) || (v == null && k.type.absentWhenNull())) {
                continue;
            }
            k.type.write(sb, indent, rest, k.name, v);
            indent = rest;
        }
    }

    // ---- as a key's type -------------------------------------------------------------------------------

    /** This block as the value of a key: a map below it. */
    Type type() {
        return new Nested<>(this);
    }

    /** A list of this block, 1 to {@code max} of them ({@code plane}); {@code what} describes it for messages. */
    Type listType(String what, int max, String one, String many) {
        return new Listed<>(this, what, max, one, many);
    }

    /** A map-valued key: null when absent for an optional block, "must not be null" otherwise. */
    static class Nested<R> extends Type {
        final Block<R> block;

        Nested(Block<R> block) {
            super("map", "{} (every default) or the keys below", null, null, null);
            this.block = block;
        }

        @Override
        Object read(YamlFields yaml, Values in, String path, Node node, Object fallback) {
            return block.read(yaml, in, path, node);
        }

        @Override
        boolean check(Checks c, String path, Object value) {
            if (value == null) {
                if (block.optional) {
                    return true;
                }
                c.add(path, "must not be null");
                return false;
            }
            return block.check(c, path, block.record.cast(value));
        }

        @Override
        void write(StringBuilder sb, String first, String rest, String name, Object value) {
            sb.append(first).append(name).append(":\n");
            block.print(sb, rest + "  ", rest + "  ", block.record.cast(value));
        }

        @Override
        boolean absentWhenNull() {
            return block.optional;
        }
    }

    /** A list of maps, each written as a YAML block list item ({@code - anchors: ...}). */
    static final class Listed<R> extends Nested<R> {
        private final String what;
        private final int max;
        private final String one;
        private final String many;

        Listed(Block<R> block, String what, int max, String one, String many) {
            super(block);
            this.what = what;
            this.max = max;
            this.one = one;
            this.many = many;
        }

        @Override
        Object read(YamlFields yaml, Values in, String path, Node node, Object fallback) {
            return yaml.each(path, node, what, (p, n) -> block.read(yaml, in, p, n));
        }

        @Override
        boolean check(Checks c, String path, Object value) {
            if (value == null) {
                return true;
            }
            if (!c.listSize(path, (List<?>) value, max, one, many)) {
                return false;
            }
            List<?> list = (List<?>) value;
            for (int i = 0; i < list.size(); i++) {
                String p = path + "[" + i + "]";
                if (list.get(i) == null) {
                    if (!c.skipped(p)) {
                        c.add(p, "must not be null");
                    }
                } else {
                    block.check(c, p, block.record.cast(list.get(i)));
                }
            }
            return true;
        }

        @Override
        void write(StringBuilder sb, String first, String rest, String name, Object value) {
            sb.append(first).append(name).append(":\n");
            for (Object item : (List<?>) value) {
                if (item == null) {
                    sb.append(rest).append("  - null\n");
                } else {
                    block.print(sb, rest + "  - ", rest + "    ", block.record.cast(item));
                }
            }
        }

        /** Whether {@code value} is a list this type prints: every element null or of the block's record. */
        boolean holds(Object value) {
            return value instanceof List<?> l && l.stream().allMatch(x -> x == null || block.record.isInstance(x));
        }
    }
}
