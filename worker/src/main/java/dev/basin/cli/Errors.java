package dev.basin.cli;

import dev.basin.engine.data.DataException;
import dev.basin.spec.SpecException;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;

/** Turns what went wrong into one readable line and an exit code. */
final class Errors {
    private Errors() {}

    static String describe(Throwable e) {
        Throwable root = e;
        if (root instanceof WorkflowFailedException w && w.getCause() != null) {
            root = w.getCause();
        }
        // A failure from a workflow or activity nests: report the innermost application failure.
        while (root instanceof TemporalFailure t && !(root instanceof ApplicationFailure) && t.getCause() != null) {
            root = t.getCause();
        }
        if (root instanceof ApplicationFailure a) {
            return a.getOriginalMessage();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    static int exitCode(Throwable e) {
        if (e instanceof SpecException || e instanceof DataException || e instanceof BadInputException) {
            return Basin.BAD_INPUT;
        }
        return 1;
    }
}
