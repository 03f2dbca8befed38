package dev.basin.spec;

import java.io.Serializable;

/**
 * One thing wrong with a study spec.
 *
 * @param path    dotted key path such as {@code train.lr}; empty when the problem concerns the whole document
 *                (malformed YAML, empty input, input too large)
 * @param message what is wrong, usually ending in {@code got <value>}
 * @param line    1-based line in the YAML text; 0 when unknown (for example a spec built in code)
 */
public record SpecProblem(String path, String message, int line) implements Serializable {

    public SpecProblem {
        path = path == null ? "" : path;
        message = message == null ? "" : message;
        line = Math.max(0, line);
    }

    /** {@code train.lr: must be > 0, got -1 (line 9)}; the path part is left out when empty, the line part when 0. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (!path.isEmpty()) {
            sb.append(path).append(": ");
        }
        sb.append(message);
        if (line > 0) {
            sb.append(" (line ").append(line).append(')');
        }
        return sb.toString();
    }
}
