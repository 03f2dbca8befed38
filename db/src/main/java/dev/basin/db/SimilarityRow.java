package dev.basin.db;

import java.util.Objects;
import java.util.Set;

/**
 * Weight cosine similarity and prediction disagreement of two models. A pair is one row whatever the order it is
 * given in: the smaller model id becomes {@code modelA}.
 *
 * @param scope         {@code trajectory} (two checkpoints of one member), {@code members} (two members' finals) or
 *                      {@code all} (any two kept checkpoints)
 * @param cosine        over all trainable parameters (no batch-norm running statistics)
 * @param cosineKernels over conv/dense kernels alone; null when not computed (pairs stored before V12)
 * @param inputKey      the similarity stage's input key (null if unknown)
 */
public record SimilarityRow(String study, String scope, long modelA, long modelB, double cosine, Double cosineKernels,
                            double disagreement, String inputKey) {

    public static final Set<String> SCOPES = Set.of("trajectory", "members", "all");

    public SimilarityRow {
        Objects.requireNonNull(study, "study");
        if (!SCOPES.contains(scope)) {
            throw new IllegalArgumentException("unknown similarity scope '" + scope + "', expected " + SCOPES);
        }
        if (modelA == modelB) {
            throw new IllegalArgumentException("a pair needs two models, got model " + modelA + " twice");
        }
        if (modelA > modelB) {
            long t = modelA;
            modelA = modelB;
            modelB = t;
        }
    }

    /** A pair without the kernels' cosine. */
    public SimilarityRow(String study, String scope, long modelA, long modelB, double cosine, double disagreement,
                         String inputKey) {
        this(study, scope, modelA, modelB, cosine, null, disagreement, inputKey);
    }
}
