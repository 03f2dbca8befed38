package dev.basin.spec;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One key of the spec, declared once: its name, type, default, one line of documentation, where its value sits
 * in the block's record, and the rules that involve it. The parser, the validator, the printer and the README's
 * reference all read it from here. Built with the chained setters below, then never changed.
 *
 * @param <R> the record of the block the key belongs to
 */
final class Key<R> {

    /** A rule: checks {@code record} (the block's record), reporting at {@code path}; true when it is fine. */
    @FunctionalInterface
    interface Rule<R> {
        boolean check(Checks c, String path, R record);
    }

    final String name;
    final Type type;
    final String doc;
    final Function<R, Object> get;
    Function<Values, Object> dflt = v -> null;
    String dfltDoc = "";
    private Function<Values, Object> fallback;
    /** What the key holds, for its "required: ..." message; null when the key may be left out. */
    String required;
    /** Why the value may not be given here (or null): reported instead of reading it, the default used. */
    Function<Values, String> refuse = v -> null;
    Predicate<R> printIf = r -> true;
    /** When the key's own check runs; {@link #otherwise} runs instead when it does not. */
    Predicate<R> checkIf = r -> true;
    Rule<R> otherwise = (c, p, r) -> true;
    /** Replaces the type's check, for a key whose range depends on other keys. */
    Rule<R> check;
    /** Runs after the key's own check has passed: the cross-field rules that read this key. */
    Rule<R> then = (c, p, r) -> true;
    /** The README's "allowed" words, when the type's own do not say it (a custom check). */
    String allowed;
    /** The path the validator reports at, when it is not the key's own ({@code model} for {@code model.name}). */
    String reportAs;

    private Key(String name, Type type, Function<R, Object> get, String doc) {
        this.name = name;
        this.type = type;
        this.get = get;
        this.doc = doc;
    }

    static <R> Key<R> key(String name, Type type, Function<R, Object> get, String doc) {
        return new Key<>(name, type, get, doc);
    }

    /** A fixed default, documented as the printer writes it. */
    Key<R> dflt(Object value) {
        this.dflt = v -> value;
        this.dfltDoc = type.print(value);
        return this;
    }

    /** A default derived from other values; {@code doc} says how, for the README. */
    Key<R> dflt(String doc, Function<Values, Object> value) {
        this.dflt = value;
        this.dfltDoc = doc;
        return this;
    }

    /** The value used when the given one cannot be read (it is reported); the default unless set. */
    Key<R> fallback(Object value) {
        this.fallback = v -> value;
        return this;
    }

    Object fallback(Values v) {
        return (fallback != null ? fallback : dflt).apply(v);
    }

    Key<R> required(String what, Object fallback) {
        this.required = what;
        this.dfltDoc = "required";
        return fallback(fallback);
    }

    Key<R> refuse(Function<Values, String> why) {
        this.refuse = why;
        return this;
    }

    Key<R> printIf(Predicate<R> when) {
        this.printIf = when;
        return this;
    }

    Key<R> checkIf(Predicate<R> when, Rule<R> otherwise) {
        this.checkIf = when;
        this.otherwise = otherwise;
        return this;
    }

    Key<R> check(Rule<R> rule, String allowed) {
        this.check = rule;
        this.allowed = allowed;
        return this;
    }

    Key<R> then(Rule<R> rule) {
        this.then = rule;
        return this;
    }

    Key<R> reportAs(String path) {
        this.reportAs = path;
        return this;
    }

    String allowedDoc() {
        return allowed != null ? allowed : type.allowed;
    }
}
