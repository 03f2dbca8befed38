package dev.basin.spec;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values read so far from one map of the spec, by key, while it is parsed: what a block's record is built
 * from, and what a default that depends on another value reads ({@code lr} on {@code optimizer}, {@code tsne.seed}
 * on the top-level {@code seed}).
 */
final class Values {

    private final Values parent;
    private final Map<String, Object> values = new HashMap<>();
    private final Set<String> given;

    Values(Values parent, Set<String> given) {
        this.parent = parent;
        this.given = given;
    }

    /** The top level's values: study, seed, data, model, train. */
    Values root() {
        return parent == null ? this : parent.root();
    }

    /** Whether the map itself names {@code key}, however its value reads. */
    boolean given(String key) {
        return given.contains(key);
    }

    void put(String key, Object value) {
        values.put(key, value);
    }

    @SuppressWarnings("unchecked")
    <T> T get(String key) {
        return (T) values.get(key);
    }

    int i(String key) {
        return (Integer) values.get(key);
    }

    double d(String key) {
        return (Double) values.get(key);
    }

    boolean b(String key) {
        return (Boolean) values.get(key);
    }
}
