package dev.basin.spec;

import static dev.basin.spec.SpecRules.MAX_PATH_LENGTH;
import static dev.basin.spec.SpecRules.MAX_LR;
import static dev.basin.spec.SpecRules.MAX_STUDY_LENGTH;
import static dev.basin.spec.SpecRules.STUDY_PATTERN;
import static dev.basin.spec.SpecRules.STUDY_REGEX;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The problems found by one validation, and the checks that find them. A path in {@code skip} was already
 * reported by the parser: it is not checked again, nor used in a cross-field check.
 */
final class Checks {
    final List<SpecProblem> problems = new ArrayList<>();
    final ToIntFunction<String> lineOf;
    final Set<String> skip;

    Checks(ToIntFunction<String> lineOf, Set<String> skip) {
        this.lineOf = lineOf;
        this.skip = skip;
    }

    void add(String path, String message) {
        problems.add(new SpecProblem(path, message, lineOf.applyAsInt(path)));
    }

    void study(String name) {
        if (skip.contains("study")) {
            return;
        }
        if (name == null) {
            add("study", "required: a name matching " + STUDY_REGEX + ", e.g. study: quickstart");
        } else if (name.isEmpty()) {
            add("study", "must not be empty: a name matching " + STUDY_REGEX);
        } else if (name.length() > MAX_STUDY_LENGTH) {
            add("study", "must be at most " + MAX_STUDY_LENGTH + " characters, got " + name.length()
                    + " (" + Text.quote(name) + ")");
        } else if (!STUDY_PATTERN.matcher(name).matches()) {
            add("study", "must be lower-case letters, digits and '-', not starting with '-' (" + STUDY_REGEX
                    + "; it becomes part of storage keys and SQL values), got " + Text.quote(name));
        }
    }

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

    void path(String path, String value) {
        if (skip.contains(path) || value == null) {
            return;
        }
        if (value.isEmpty()) {
            add(path, "must not be empty; leave it out (or null) for the dataset's default folder");
        } else if (value.length() > MAX_PATH_LENGTH) {
            add(path, "must be at most " + MAX_PATH_LENGTH + " characters, got " + value.length());
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            add(path, "must not contain control characters, got " + Text.quote(value));
        }
    }

    boolean intRange(String path, long value) {
        if (skip.contains(path)) {
            return false;
        }
        long[] r = SpecValidator.intRangeOf(path);
        if (value < r[0] || value > r[1]) {
            add(path, "must be " + SpecValidator.intBounds(path) + ", got " + value);
            return false;
        }
        return true;
    }

    void lr(double lr) {
        String path = "train.lr";
        if (skip.contains(path)) {
            return;
        }
        if (Double.isNaN(lr) || Double.isInfinite(lr)) {
            add(path, "must be a finite number, got " + Text.number(lr));
        } else if (!(lr > 0)) {
            add(path, "must be > 0, got " + Text.number(lr));
        } else if (lr > MAX_LR) {
            add(path, "must be <= " + Text.number(MAX_LR) + ", got " + Text.number(lr));
        }
    }

    void unitInterval(String path, double v) {
        if (skip.contains(path)) {
            return;
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            add(path, "must be a finite number, got " + Text.number(v));
        } else if (!(v >= 0 && v < 1)) {
            add(path, "must be >= 0 and < 1, got " + Text.number(v));
        }
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
            String range = !loOpen && !hiOpen ? "between " + Text.number(lo) + " and " + Text.number(hi)
                    : (loOpen ? "> " : ">= ") + Text.number(lo) + " and " + (hiOpen ? "< " : "<= ") + Text.number(hi);
            add(path, "must be " + range + ", got " + Text.number(v));
        }
        return ok;
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
    <T> void entries(String path, List<T> list, Entry<T> check) {
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
