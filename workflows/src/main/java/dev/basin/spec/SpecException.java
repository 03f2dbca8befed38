package dev.basin.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A study spec is invalid. Holds every problem found, not only the first; the message lists them one per line. */
public class SpecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<SpecProblem> problems;

    public SpecException(List<SpecProblem> problems) {
        super(format(problems));
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("a SpecException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems, in document order (problems without a line come last). Unmodifiable. */
    public List<SpecProblem> problems() {
        return problems;
    }

    private static String format(List<SpecProblem> problems) {
        if (problems == null) {
            return "";
        }
        return problems.stream().map(SpecProblem::toString).collect(Collectors.joining("\n"));
    }
}
