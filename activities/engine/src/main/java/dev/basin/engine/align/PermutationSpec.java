package dev.basin.engine.align;

import java.util.List;

/**
 * Which coordinates of a network's flat weight vector (DL4J's {@code params()} order, see
 * {@link dev.basin.engine.weights.WeightVectors}) move together when hidden units are permuted.
 *
 * <p>Permuting the units of a hidden width, and every parameter axis indexed by those units, in the
 * same way leaves the network's function unchanged. Each {@link Group} is one such width: a
 * convolution's output channels (or a dense layer's units), together with every width tied to it by
 * a residual addition, since tensors that are added must share one channel order. Built from a
 * graph by {@link PermutationSpecs#of}.
 *
 * @param numParams length of the flat weight vector the spec indexes
 * @param groups one per independent permutation, in the order the graph first creates them
 */
public record PermutationSpec(long numParams, List<Group> groups) {

    public PermutationSpec {
        groups = List.copyOf(groups);
    }

    /** What a permuted axis is, so that callers can leave some out of an objective. */
    public enum Role {
        KERNEL_OUT, KERNEL_IN, BIAS, BN_GAMMA, BN_BETA, BN_MEAN, BN_VARIANCE;

        /** Batch-norm running statistics: not trained by gradient, and possibly stored as log10 σ. */
        public boolean isRunningStatistic() {
            return this == BN_MEAN || this == BN_VARIANCE;
        }
    }

    /**
     * One parameter axis indexed by a group's units. The parameter's coordinates, listed in the
     * row-major order of a {@code [outer, size, inner]} view with the permuted axis in the middle,
     * are {@code positions}: coordinate {@code (o, u, k)} of unit {@code u} lies at flat index
     * {@code positions[(o·size + u)·inner + k]}. A dense layer fed by flattened NCHW activations
     * sees each channel as a block of H·W consecutive input rows; those rows are the {@code inner}
     * part of the axis, so the block moves as a whole.
     *
     * @param vertex graph vertex owning the parameter
     * @param param DL4J's parameter key ("W", "b", "gamma", "mean", "var", "log10stdev", …)
     */
    public record Axis(String vertex, String param, Role role, int[] positions, int outer, int size, int inner) {

        public Axis {
            if ((long) outer * size * inner != positions.length) {
                throw new IllegalArgumentException(vertex + "/" + param + ": " + outer + "·" + size + "·" + inner
                        + " != " + positions.length + " positions");
            }
        }

        /** Flat index of coordinate {@code (o, unit, k)}. */
        public int position(int o, int unit, int k) {
            return positions[(o * size + unit) * inner + k];
        }
    }

    /**
     * @param name the vertices whose outputs this permutation orders, comma-separated
     * @param size number of units (channels)
     * @param axes every parameter axis the permutation touches
     */
    public record Group(String name, int size, List<Axis> axes) {

        public Group {
            axes = List.copyOf(axes);
            for (Axis a : axes) {
                if (a.size() != size) {
                    throw new IllegalArgumentException("group " + name + " of " + size + " units has an axis of "
                            + a.size() + " (" + a.vertex() + "/" + a.param() + ")");
                }
            }
        }
    }
}
