package dev.basin.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * One validation: the spec checked, the problems found, and the checks the key declarations use. A path in
 * {@code skip} was already reported by the parser: it is not checked again, nor used in a cross-field check.
 */
final class Checks {
    final List<SpecProblem> problems = new ArrayList<>();
    final ToIntFunction<String> lineOf;
    final Set<String> skip;
    final StudySpec spec;
    /** The paths whose own checks passed: cross-field rules compare only with these. */
    final Set<String> passed = new HashSet<>();
    /** The epochs whose checkpoints the trajectory keeps; null when unknown (no trajectory, or it is wrong). */
    List<Integer> kept;

    Checks(ToIntFunction<String> lineOf, Set<String> skip, StudySpec spec) {
        this.lineOf = lineOf;
        this.skip = skip;
        this.spec = spec;
    }

    /** {@code train.members}, or -1 when it is itself wrong (then no rule compares with it). */
    int members() {
        return passed("train.members") ? spec.train().members() : -1;
    }

    /** {@code train.epochs}, or -1 when it is itself wrong. */
    int epochs() {
        return passed("train.epochs") ? spec.train().epochs() : -1;
    }

    boolean passed(String path) {
        return passed.contains(path);
    }

    /** Reports that {@code path} needs the {@code key} key, unless the key is there or was itself reported. */
    boolean needs(String path, Object value, String key, String why) {
        if (value == null && !skip.contains(key)) {
            add(path, "needs the " + key + " key: " + why);
            return false;
        }
        return true;
    }

    void add(String path, String message) {
        problems.add(new SpecProblem(path, message, lineOf.applyAsInt(path)));
    }

    /**
     * Reports at {@code path} with the line of the nearest enclosing value that has one: a default has no line of
     * its own, so its problem points at the map that left it out.
     */
    void addNear(String path, String message) {
        String p = path;
        int line = lineOf.applyAsInt(p);
        while (line == 0 && !p.isEmpty()) {
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
            line = p.isEmpty() ? 0 : lineOf.applyAsInt(p);
        }
        problems.add(new SpecProblem(path, message, line));
    }

    /** One of {@code allowed}; a near miss gets the closest name suggested. */
    boolean oneOf(String path, String value, List<String> allowed) {
        if (skip.contains(path)) {
            return false;
        }
        if (value != null && allowed.contains(value)) {
            return true;
        }
        String msg = "must be one of " + String.join(", ", allowed) + "; got " + Text.quote(value);
        String hint = value == null ? null : Text.closest(value, allowed);
        add(path, hint == null ? msg : msg + "; did you mean '" + hint + "'?");
        return false;
    }

    /** Whether {@code path} was already reported (by the parser); checks that involve it are skipped. */
    boolean skipped(String path) {
        return skip.contains(path);
    }

    /** Whether anything under {@code prefix} was already reported, an unknown key included. */
    boolean skippedUnder(String prefix) {
        return skip.stream().anyMatch(p -> p.startsWith(prefix));
    }

    /** An integer in {@code [lo, hi]}; {@code bounds} words the range for the message ("between 3 and 101"). */
    boolean intIn(String path, long value, long lo, long hi, String bounds) {
        if (skip.contains(path)) {
            return false;
        }
        if (value < lo || value > hi) {
            add(path, "must be " + bounds + ", got " + value);
            return false;
        }
        return true;
    }

    /** An integer in {@code [lo, hi]}, the message saying "between lo and hi". */
    boolean intIn(String path, long value, long lo, long hi) {
        return intIn(path, value, lo, hi, "between " + lo + " and " + hi);
    }

    /**
     * A finite number between {@code lo} and {@code hi}; each end excluded when its {@code open} flag is set.
     * Messages read "must be between 0 and 2", "must be > 0 and < 1", "must be > 0 and <= 1000".
     */
    boolean numberIn(String path, Double value, double lo, boolean loOpen, double hi, boolean hiOpen) {
        if (skip.contains(path)) {
            return false;
        }
        if (value == null) {
            add(path, "must not be null");
            return false;
        }
        double v = value;
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            add(path, "must be a finite number, got " + Text.number(v));
            return false;
        }
        boolean ok = (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi);
        if (!ok) {
            add(path, "must be " + range(lo, loOpen, hi, hiOpen) + ", got " + Text.number(v));
        }
        return ok;
    }

    /** "between 0 and 2", "> 0 and < 1", "> 0 and <= 1000". */
    static String range(double lo, boolean loOpen, double hi, boolean hiOpen) {
        return !loOpen && !hiOpen ? "between " + Text.number(lo) + " and " + Text.number(hi)
                : (loOpen ? "> " : ">= ") + Text.number(lo) + " and " + (hiOpen ? "< " : "<= ") + Text.number(hi);
    }

    /** A finite number {@code > 0} and at most {@code max}, the failed bound named alone ("must be > 0"). */
    boolean positive(String path, double v, double max) {
        if (skip.contains(path)) {
            return false;
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            add(path, "must be a finite number, got " + Text.number(v));
        } else if (!(v > 0)) {
            add(path, "must be > 0, got " + Text.number(v));
        } else if (v > max) {
            add(path, "must be <= " + Text.number(max) + ", got " + Text.number(v));
        } else {
            return true;
        }
        return false;
    }

    /** A non-null list of 1 to {@code max} entries; false (reported unless skipped) otherwise. */
    boolean listSize(String path, List<?> list, int max, String one, String many) {
        if (skip.contains(path)) {
            return false;
        }
        if (list == null) {
            add(path, "must not be null");
            return false;
        }
        if (list.isEmpty()) {
            add(path, "must list at least one " + one);
            return false;
        }
        if (list.size() > max) {
            add(path, "must list at most " + max + " " + many + ", got " + list.size());
            return false;
        }
        return true;
    }

    /**
     * Entries that are each present, and none given twice ({@code "blur" is given twice}); {@code check} checks
     * one entry's value. Entries whose path was already reported are left out of both checks.
     */
    <T> boolean entries(String path, List<T> list, Entry<T> check) {
        int before = problems.size();
        Map<T, Integer> first = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            T v = list.get(i);
            if (skip.contains(at)) {
                continue;
            }
            if (v == null) {
                add(at, "must not be null");
                continue;
            }
            if (!check.ok(at, v)) {
                continue;
            }
            Integer earlier = first.putIfAbsent(v, i);
            if (earlier != null) {
                add(at, show(v) + " is given twice (also as " + path + "[" + earlier + "]); each may appear once");
            }
        }
        return problems.size() == before;
    }

    @FunctionalInterface
    interface Entry<T> {
        /** Checks one entry at {@code path}, reporting what is wrong; true when it is fine. */
        boolean ok(String path, T value);
    }

    private static String show(Object v) {
        if (v instanceof Double d) {
            return Text.number(d);
        }
        return v instanceof String s ? Text.quote(s) : String.valueOf(v);
    }
}
