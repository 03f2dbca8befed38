package dev.basin.engine.align;

import dev.basin.engine.align.PermutationSpec.Axis;
import dev.basin.engine.align.PermutationSpec.Group;
import dev.basin.engine.align.PermutationSpec.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Derives a {@link PermutationSpec} by walking a graph in topological order and tracking, for each
 * vertex, which permutation orders the channels of its output. A conv or dense layer starts a new
 * permutation (unless it is a network output, whose units are the classes); batch norm, activation,
 * pooling and other parameter-free layers keep their input's; an element-wise addition merges the
 * permutations of its inputs (union-find), which is how a ResNet stage ends up with one
 * permutation for its whole residual stream. Layers of other kinds are refused rather than guessed.
 */
public final class PermutationSpecs {

    private static final int NONE = -1;

    private PermutationSpecs() {}

    public static PermutationSpec of(ComputationGraph net) {
        return new Walk(net).run();
    }

    private static final class Walk {
        private final ComputationGraph net;
        private final ComputationGraphConfiguration conf;
        private final long rootOffset;
        private final Map<String, Integer> groupOf = new HashMap<>();
        private final List<Integer> parent = new ArrayList<>();
        private final List<Integer> sizes = new ArrayList<>();
        private final List<String> creators = new ArrayList<>();
        private final List<List<Axis>> axes = new ArrayList<>();

        Walk(ComputationGraph net) {
            this.net = net;
            this.conf = net.getConfiguration();
            this.rootOffset = net.params().offset();
        }

        PermutationSpec run() {
            for (int index : net.topologicalSortOrder()) {
                GraphVertex v = net.getVertices()[index];
                String name = v.getVertexName();
                if (v.isInputVertex()) {
                    groupOf.put(name, NONE);
                } else if (v instanceof LayerVertex lv) {
                    groupOf.put(name, layer(lv, single(name)));
                } else if (conf.getVertices().get(name) instanceof ElementWiseVertex ew
                        && ew.getOp() == ElementWiseVertex.Op.Add) {
                    groupOf.put(name, merge(name));
                } else {
                    throw unsupported(name, conf.getVertices().get(name).getClass().getSimpleName());
                }
            }
            return collect();
        }

        private int single(String name) {
            List<String> inputs = conf.getVertexInputs().get(name);
            if (inputs == null || inputs.size() != 1) {
                throw new IllegalArgumentException("layer " + name + " has inputs " + inputs);
            }
            return groupOf.get(inputs.get(0));
        }

        private int layer(LayerVertex v, int in) {
            String name = v.getVertexName();
            org.deeplearning4j.nn.api.Layer layer = v.getLayer();
            org.deeplearning4j.nn.conf.layers.Layer c = layer.conf().getLayer();
            boolean output = conf.getNetworkOutputs().contains(name);
            if (c instanceof BatchNormalization) {
                if (in == NONE) {
                    throw unsupported(name, "batch norm on the network input");
                }
                add(in, v, BatchNormalizationParamInitializer.GAMMA, Role.BN_GAMMA, 1);
                add(in, v, BatchNormalizationParamInitializer.BETA, Role.BN_BETA, 1);
                add(in, v, BatchNormalizationParamInitializer.GLOBAL_MEAN, Role.BN_MEAN, 1);
                String var = layer.paramTable().containsKey(BatchNormalizationParamInitializer.GLOBAL_LOG_STD)
                        ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD : BatchNormalizationParamInitializer.GLOBAL_VAR;
                add(in, v, var, Role.BN_VARIANCE, 1);
                return in;
            }
            if (layer.numParams() == 0) {
                return in;
            }
            if (c.getClass() == ConvolutionLayer.class) {
                ConvolutionLayer cl = (ConvolutionLayer) c;
                requireFormat(name, cl.getCnn2dDataFormat());
                int out = output ? NONE : newGroup(name, (int) cl.getNOut());
                addKernel(out, in, v, 0, 1, 1);
                return out;
            }
            if (c instanceof FeedForwardLayer ff && layer.paramTable().containsKey("W")) {
                int out = output ? NONE : newGroup(name, (int) ff.getNOut());
                InputPreProcessor pre = v.getLayerPreProcessor();
                if (pre != null && !(pre instanceof CnnToFeedForwardPreProcessor)) {
                    throw unsupported(name, "preprocessor " + pre.getClass().getSimpleName());
                }
                if (pre instanceof CnnToFeedForwardPreProcessor cnn) {
                    // Channel-major flattening is what makes a channel's H·W rows contiguous.
                    requireFormat(name, cnn.getFormat());
                }
                int block = 1;
                if (in != NONE) {
                    int units = sizes.get(find(in));
                    if (ff.getNIn() % units != 0) {
                        throw unsupported(name, ff.getNIn() + " inputs from " + units + " channels");
                    }
                    block = (int) (ff.getNIn() / units);
                }
                addKernel(out, in, v, 1, 0, block);
                return out;
            }
            throw unsupported(name, c.getClass().getSimpleName());
        }

        /** Kernel axes for the output and input units; bias (if any) follows the output units. */
        private void addKernel(int out, int in, LayerVertex v, int outAxis, int inAxis, int inBlock) {
            INDArray w = v.getLayer().getParam("W");
            axis(out, v, "W", Role.KERNEL_OUT, w, outAxis, 1);
            axis(in, v, "W", Role.KERNEL_IN, w, inAxis, inBlock);
            if (v.getLayer().paramTable().containsKey("b")) {
                add(out, v, "b", Role.BIAS, 1);
            }
        }

        /** A per-unit vector parameter (stored [1, n]). */
        private void add(int group, LayerVertex v, String param, Role role, int block) {
            INDArray p = v.getLayer().getParam(param);
            axis(group, v, param, role, p, p.rank() == 2 && p.size(0) == 1 ? 1 : 0, block);
        }

        private void axis(int group, LayerVertex v, String param, Role role, INDArray p, int axis, int block) {
            if (group == NONE) {
                return;
            }
            long[] shape = p.shape();
            long outer = 1;
            long inner = 1;
            for (int d = 0; d < shape.length; d++) {
                if (d < axis) {
                    outer *= shape[d];
                } else if (d > axis) {
                    inner *= shape[d];
                }
            }
            int size = (int) (shape[axis] / block);
            axes.get(group).add(new Axis(v.getVertexName(), param, role, positions(p), (int) outer, size,
                    (int) (inner * block)));
        }

        /** Flat indices of the view's elements in row-major order of its logical shape. */
        private int[] positions(INDArray p) {
            long[] shape = p.shape();
            long[] stride = p.stride();
            int n = (int) p.length();
            int[] out = new int[n];
            long[] idx = new long[shape.length];
            long base = p.offset() - rootOffset;
            for (int e = 0; e < n; e++) {
                long pos = base;
                for (int d = 0; d < shape.length; d++) {
                    pos += idx[d] * stride[d];
                }
                out[e] = Math.toIntExact(pos);
                for (int d = shape.length - 1; d >= 0; d--) {
                    if (++idx[d] < shape[d]) {
                        break;
                    }
                    idx[d] = 0;
                }
            }
            return out;
        }

        private int merge(String name) {
            int merged = NONE;
            for (String in : conf.getVertexInputs().get(name)) {
                int g = groupOf.get(in);
                if (g == NONE) {
                    throw unsupported(name, "adding the network input or output units");
                }
                merged = merged == NONE ? find(g) : union(merged, g);
            }
            return merged;
        }

        private int newGroup(String creator, int size) {
            parent.add(parent.size());
            sizes.add(size);
            creators.add(creator);
            axes.add(new ArrayList<>());
            return parent.size() - 1;
        }

        private int find(int g) {
            while (parent.get(g) != g) {
                g = parent.get(g);
            }
            return g;
        }

        private int union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return ra;
            }
            if (!sizes.get(ra).equals(sizes.get(rb))) {
                throw new IllegalArgumentException("adding " + sizes.get(ra) + " to " + sizes.get(rb) + " channels");
            }
            // The earlier-created group is the root so group order follows the graph.
            int root = Math.min(ra, rb);
            parent.set(Math.max(ra, rb), root);
            return root;
        }

        private PermutationSpec collect() {
            Map<Integer, List<Integer>> members = new LinkedHashMap<>();
            for (int g = 0; g < parent.size(); g++) {
                members.computeIfAbsent(find(g), k -> new ArrayList<>()).add(g);
            }
            List<Group> groups = new ArrayList<>();
            for (List<Integer> ms : members.values()) {
                List<String> names = new ArrayList<>();
                List<Axis> all = new ArrayList<>();
                for (int g : ms) {
                    names.add(creators.get(g));
                    all.addAll(axes.get(g));
                }
                groups.add(new Group(String.join(",", names), sizes.get(ms.get(0)), all));
            }
            checkInRange(Math.toIntExact(net.numParams()));
            return new PermutationSpec(net.numParams(), groups);
        }

        /** Guards the view-offset arithmetic: every parameter must lie inside the flat vector, once. */
        private void checkInRange(int n) {
            int[] seen = new int[n];
            for (GraphVertex v : net.getVertices()) {
                if (v instanceof LayerVertex lv && lv.getLayer().numParams() > 0) {
                    for (INDArray p : lv.getLayer().paramTable().values()) {
                        for (int pos : positions(p)) {
                            if (pos < 0 || pos >= n || seen[pos]++ != 0) {
                                throw new IllegalStateException("parameter views do not tile the flat vector at "
                                        + pos + " (" + v.getVertexName() + ")");
                            }
                        }
                    }
                }
            }
        }

        private static void requireFormat(String name, CNN2DFormat format) {
            if (format != null && format != CNN2DFormat.NCHW) {
                throw unsupported(name, format + " layout");
            }
        }

        private static IllegalArgumentException unsupported(String name, String what) {
            return new IllegalArgumentException("cannot derive permutations at " + name + ": " + what);
        }
    }
}
