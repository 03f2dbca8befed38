package dev.basin.activities.landscape;

import dev.basin.engine.analysis.SubspaceConfig;
import java.util.ArrayList;
import java.util.List;

/** The subspace methods a spec asks for, in the one order the workflow and the activities index them by. */
public final class SubspaceMethods {
    public static final String RANDOM = "random";
    public static final String DROPOUT = "dropout";
    public static final String DIAG_GAUSSIAN = "diag-gaussian";
    public static final String LOW_RANK_GAUSSIAN = "low-rank-gaussian";

    private SubspaceMethods() {}

    public static List<String> asked(SubspaceConfig c) {
        List<String> methods = new ArrayList<>();
        if (c == null) {
            return methods;
        }
        if (c.random() != null) {
            methods.add(RANDOM);
        }
        if (c.dropout() != null) {
            methods.add(DROPOUT);
        }
        if (c.diagGaussian() != null) {
            methods.add(DIAG_GAUSSIAN);
        }
        if (c.lowRankGaussian() != null) {
            methods.add(LOW_RANK_GAUSSIAN);
        }
        return methods;
    }

    /** The radii, rates or scales of a method, each of which gets {@code samples} samples. */
    public static List<Double> levels(SubspaceConfig c, String method) {
        return switch (method) {
            case RANDOM -> c.random().radii();
            case DROPOUT -> c.dropout().rates();
            case DIAG_GAUSSIAN -> c.diagGaussian().scales();
            case LOW_RANK_GAUSSIAN -> c.lowRankGaussian().scales();
            default -> throw new IllegalArgumentException("unknown subspace method '" + method + "'");
        };
    }
}
