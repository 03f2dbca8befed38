package dev.basin.cli;

import dev.basin.engine.data.DataException;
import dev.basin.report.NoSuchStudyException;
import dev.basin.spec.SpecException;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import java.util.Set;

/** Turns what went wrong into one readable line and an exit code. */
final class Errors {
    /**
     * Failure types that mean bad input when a workflow or activity reports them: the workflow's
     * spec check and the dataset reader. Temporal names an activity's exception by its class.
     */
    private static final Set<String> BAD_INPUT_TYPES = Set.of("InvalidSpec", DataException.class.getName());

    private Errors() {}

    static String describe(Throwable e) {
        Throwable root = innermost(e);
        if (root instanceof ApplicationFailure a) {
            return a.getOriginalMessage();
        }
        // The client's own message names only the workflow; why Temporal refused is in the gRPC status.
        if (root instanceof WorkflowServiceException w && w.getCause() instanceof StatusRuntimeException s) {
            return "Temporal refused the call (" + w.getMessage() + "): " + s.getMessage();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    static int exitCode(Throwable e) {
        if (e instanceof SpecException || e instanceof DataException || e instanceof BadInputException
                || e instanceof NoSuchStudyException) {
            return Basin.BAD_INPUT;
        }
        if (innermost(e) instanceof ApplicationFailure a && BAD_INPUT_TYPES.contains(a.getType())) {
            return Basin.BAD_INPUT;
        }
        return 1;
    }

    /** A failure from a workflow or activity nests: the innermost application failure says what happened. */
    private static Throwable innermost(Throwable e) {
        Throwable root = e;
        if (root instanceof WorkflowFailedException w && w.getCause() != null) {
            root = w.getCause();
        }
        while (root instanceof TemporalFailure t && !(root instanceof ApplicationFailure) && t.getCause() != null) {
            root = t.getCause();
        }
        return root;
    }
}
