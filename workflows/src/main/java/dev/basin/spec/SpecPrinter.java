package dev.basin.spec;

import dev.basin.engine.DataConfig;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.TrainConfig;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the normalised text of a {@link StudySpec}: every key with its value (defaults filled in), in the order
 * the keys are declared ({@link SpecKeys}, {@link AnalysisKeys}), two-space indentation, '\n' line ends, numbers
 * in a stable form. {@code train.momentum} is written only for {@code nesterov} (it is an error with other
 * optimizers). For every valid spec, {@code SpecParser.parse(SpecPrinter.print(s)).equals(s)}.
 *
 * <pre>
 * study: quickstart
 * seed: 42
 * data:
 *   dataset: fashion-mnist
 *   path: null
 *   trainSubset: 0
 *   testSubset: 0
 * model:
 *   name: small-cnn
 *   width: 1.0
 * train:
 *   members: 5
 *   epochs: 4
 *   batchSize: 128
 *   optimizer: nesterov
 *   lr: 0.05
 *   momentum: 0.9
 *   weightDecay: 0.0005
 *   schedule: cosine
 *   checkpointEvery: 1
 *   checkpointEverySteps: 0
 * trajectory:
 *   every: 1
 * swa:
 *   start: 3
 *   rank: 2
 * plane:
 *   - anchors: [final:0, final:1, swa:0]
 *     grid: 11
 *     margin: 0.2
 *     trainSubset: 5000
 * </pre>
 *
 * <p>The analysis keys (trajectory ... shift) are written only when asked for, so the text of a study without
 * them is what it was before they existed, but for {@code model.width}. Short lists are written in flow style
 * ({@code [0.5, 1.0]}), weight references in their canonical text ({@code checkpoint:0@2}). This text is what
 * {@link SpecHash} hashes: changing how a key prints changes every study's hash.
 */
public final class SpecPrinter {

    private SpecPrinter() {}

    /** Strings written without quotes: they read back as the same string, never as null, a number or a marker. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_/][A-Za-z0-9_./-]*");

    /** The normalised YAML text of {@code spec}. */
    public static String print(StudySpec spec) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(spec.data(), "spec.data");
        Objects.requireNonNull(spec.model(), "spec.model");
        Objects.requireNonNull(spec.analyses(), "spec.analyses");
        Objects.requireNonNull(spec.train(), "spec.train");
        StringBuilder sb = new StringBuilder(512);
        SpecKeys.SPEC.print(sb, "", "", spec);
        AnalysisKeys.ANALYSES.print(sb, "", "", spec.analyses());
        return sb.toString();
    }

    /**
     * The normalised text of one key, as {@link #print} writes it: {@code key:} and the value's lines below it
     * ({@code key: null} for null). {@code config} is one of the spec's values: {@link DataConfig},
     * {@link ModelConfig}, {@link TrainConfig}, or an analysis value of {@code dev.basin.engine.analysis} (the
     * list of planes or curves, or one plane or curve, included). {@link SpecHash#fragment} hashes it.
     *
     * @throws IllegalArgumentException for any other type
     */
    public static String block(String key, Object config) {
        Objects.requireNonNull(key, "key");
        StringBuilder sb = new StringBuilder(128);
        if (config == null) {
            sb.append(key).append(": null\n");
            return sb.toString();
        }
        Type type = ValueTypes.ALL.stream().filter(t -> holds(t, config)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("not a spec value: " + config.getClass().getName()));
        type.write(sb, "", "", key, config);
        return sb.toString();
    }

    /**
     * The types of the map-valued keys, and one plane's, one curve's and one distillation's (a stage per plane,
     * curve or distillation hashes it alone). A holder class, since the declarations print their defaults with
     * {@link #string} while they are initialised.
     */
    private static final class ValueTypes {
        static final List<Block.Nested<?>> ALL = Stream.concat(
                        Stream.concat(SpecKeys.SPEC.keys().stream().map(k -> k.type),
                                AnalysisKeys.ANALYSES.keys().stream().map(k -> k.type)),
                        Stream.of(PlaneKeys.PLANE.type(), ConnectivityKeys.CURVE.type(),
                                SingleBasinKeys.DISTILL.type()))
                .filter(t -> t instanceof Block.Nested<?>).<Block.Nested<?>>map(t -> (Block.Nested<?>) t).toList();
    }

    /** Whether a map-valued key's type prints {@code config}: its record, or for a list of maps, the list. */
    private static boolean holds(Block.Nested<?> type, Object config) {
        return type instanceof Block.Listed<?> l ? l.holds(config) : type.block.record.isInstance(config);
    }

    /** A string as a YAML scalar: plain when safe, else double-quoted; {@code null} for null. */
    static String string(String s) {
        if (s == null) {
            return "null";
        }
        if (PLAIN.matcher(s).matches() && !s.equals("null") && !s.equals("Null") && !s.equals("NULL")) {
            return s;
        }
        return Text.yamlQuoted(s);
    }

    /** A double as YAML text that reads back to the same double ({@code 0.05}, {@code 1.0}, {@code 1.0E-7}). */
    static String number(double d) {
        return Text.yamlNumber(d);
    }
}
