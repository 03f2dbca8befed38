package dev.basin.engine.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ways the spec's {@code subspace} key draws weights around one member (Fort et al. §4). The declaration order
 * is the one order the spec lists them in, the workflow starts their stages in and the activities index them by
 * ({@link #asked}); append new methods at the end, so that existing stage indices keep their meaning.
 */
public enum SamplingMethod {
    /** Random Gaussian directions scaled to each radius. */
    RANDOM("random"),
    /** Weight dropout at each rate (Fort et al.'s notebook: weights zeroed, not activations). */
    DROPOUT("dropout"),
    /** SWAG's diagonal Gaussian around the member's SWA solution. */
    DIAG_GAUSSIAN("diag-gaussian"),
    /** A Gaussian in the PCA subspace of the member's kept checkpoints. */
    LOW_RANK_GAUSSIAN("low-rank-gaussian"),
    /** MC dropout: the member's weights, its own dropout layers sampling (one level, the model's rate). */
    MC_DROPOUT("mc-dropout");

    /**
     * The one level of {@link #MC_DROPOUT}: its rate is the model's own, so the level only names the samples'
     * distribution (1 = as built).
     */
    public static final double MC_DROPOUT_LEVEL = 1.0;

    private final String specName;

    SamplingMethod(String specName) {
        this.specName = specName;
    }

    /** The key that asks for this method under {@code subspace} in a spec; also its name in stages and rows. */
    public String specName() {
        return specName;
    }

    /** The method whose {@link #specName()} is {@code name}. */
    public static SamplingMethod fromSpec(String name) {
        for (SamplingMethod m : values()) {
            if (m.specName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown subspace method '" + name + "'");
    }

    /** Every method's spec name, in declaration order. */
    public static List<String> specNames() {
        return Arrays.stream(values()).map(SamplingMethod::specName).toList();
    }

    /** The methods a spec asks for ({@code null} asks for none), in declaration order. */
    public static List<SamplingMethod> asked(SubspaceConfig c) {
        List<SamplingMethod> methods = new ArrayList<>();
        if (c == null) {
            return methods;
        }
        for (SamplingMethod m : values()) {
            if (m.isAsked(c)) {
                methods.add(m);
            }
        }
        return methods;
    }

    private boolean isAsked(SubspaceConfig c) {
        return switch (this) {
            case RANDOM -> c.random() != null;
            case DROPOUT -> c.dropout() != null;
            case DIAG_GAUSSIAN -> c.diagGaussian() != null;
            case LOW_RANK_GAUSSIAN -> c.lowRankGaussian() != null;
            case MC_DROPOUT -> c.mcDropout() != null;
        };
    }

    /**
     * The radii, rates or scales this method is asked at, in spec order, repeats included; each gets
     * {@link SubspaceConfig#samples()} samples. Only for a method {@link #asked} by {@code c}.
     */
    public List<Double> levels(SubspaceConfig c) {
        return switch (this) {
            case RANDOM -> c.random().radii();
            case DROPOUT -> c.dropout().rates();
            case DIAG_GAUSSIAN -> c.diagGaussian().scales();
            case LOW_RANK_GAUSSIAN -> c.lowRankGaussian().scales();
            case MC_DROPOUT -> List.of(MC_DROPOUT_LEVEL);
        };
    }
}
