package dev.basin.spec;

import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Checks the values of a {@link StudySpec}: ranges, allowed names, cross-field rules, each as its key's
 * declaration says ({@link SpecKeys}, {@link AnalysisKeys}). {@link SpecParser} runs it on every parsed spec (with
 * line numbers); call it directly on a spec built in code (problems then carry line 0). Pure and deterministic:
 * safe in Temporal workflow code.
 */
public final class SpecValidator {

    private SpecValidator() {}

    /** Every problem with {@code spec}; empty when it is valid. */
    public static List<SpecProblem> problems(StudySpec spec) {
        return check(spec, p -> 0, Set.of());
    }

    /** Returns {@code spec} when valid, else throws a {@link SpecException} listing every problem. */
    public static StudySpec validate(StudySpec spec) {
        List<SpecProblem> found = problems(spec);
        if (!found.isEmpty()) {
            throw new SpecException(found);
        }
        return spec;
    }

    /**
     * @param lineOf line of the value at a path (0 when unknown)
     * @param skip   paths already reported by the parser; no further checks on them, nor cross-field checks
     *               involving them
     */
    static List<SpecProblem> check(StudySpec spec, ToIntFunction<String> lineOf, Set<String> skip) {
        Checks c = new Checks(lineOf, skip, spec);
        if (spec == null) {
            c.add("", "spec is null");
            return c.problems;
        }
        SpecKeys.SPEC.check(c, "", spec);
        // The analyses' rules compare with train's values, so without train they are not checked at all.
        if (spec.train() != null && spec.analyses() != null) {
            AnalysisKeys.ANALYSES.check(c, "", spec.analyses());
        }
        return c.problems;
    }

    /** Why momentum may not be given with {@code optimizer}. */
    static String momentumMessage(String optimizer) {
        return SpecKeys.momentumMessage(optimizer);
    }
}
