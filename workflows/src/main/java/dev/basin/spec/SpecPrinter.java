package dev.basin.spec;

import dev.basin.engine.DataConfig;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.TrainConfig;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes the normalised text of a {@link StudySpec}: every key with its value (defaults filled in), in a fixed
 * order, two-space indentation, '\n' line ends, numbers in a stable form. {@code train.momentum} is written only
 * for {@code nesterov} (it is an error with other optimizers). For every valid spec,
 * {@code SpecParser.parse(SpecPrinter.print(s)).equals(s)}.
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
 * them is what it was before they existed, but for {@code model.width}.
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
        StringBuilder sb = new StringBuilder(512);
        line(sb, "", "study", string(spec.study()));
        line(sb, "", "seed", Long.toString(spec.seed()));
        block(sb, "data", spec.data());
        block(sb, "model", spec.model());
        block(sb, "train", Objects.requireNonNull(spec.train(), "spec.train"));
        AnalysisPrinter.print(sb, spec.analyses());
        return sb.toString();
    }

    /**
     * The normalised text of one key, as {@link #print} writes it: {@code key:} and the value's lines below it
     * ({@code key: null} for null). {@code config} is one of the spec's values: {@link DataConfig},
     * {@link ModelConfig}, {@link TrainConfig}, or an analysis value of {@code dev.basin.engine.analysis} (the
     * list of planes, or one plane, included). {@link SpecHash#fragment} hashes it.
     *
     * @throws IllegalArgumentException for any other type
     */
    public static String block(String key, Object config) {
        Objects.requireNonNull(key, "key");
        StringBuilder sb = new StringBuilder(128);
        if (config == null) {
            line(sb, "", key, "null");
        } else {
            block(sb, key, config);
        }
        return sb.toString();
    }

    private static void block(StringBuilder sb, String key, Object config) {
        if (config instanceof DataConfig data) {
            sb.append(key).append(":\n");
            line(sb, "  ", "dataset", string(data.dataset()));
            line(sb, "  ", "path", string(data.path()));
            line(sb, "  ", "trainSubset", Integer.toString(data.trainSubset()));
            line(sb, "  ", "testSubset", Integer.toString(data.testSubset()));
        } else if (config instanceof ModelConfig model) {
            sb.append(key).append(":\n");
            line(sb, "  ", "name", string(model.name()));
            line(sb, "  ", "width", number(model.width()));
        } else if (config instanceof TrainConfig train) {
            OptimizerConfig opt = Objects.requireNonNull(train.optimizer(), "spec.train.optimizer");
            sb.append(key).append(":\n");
            line(sb, "  ", "members", Integer.toString(train.members()));
            line(sb, "  ", "epochs", Integer.toString(train.epochs()));
            line(sb, "  ", "batchSize", Integer.toString(train.batchSize()));
            line(sb, "  ", "optimizer", string(opt.name()));
            line(sb, "  ", "lr", number(opt.lr()));
            if (SpecRules.NESTEROV.equals(opt.name())) {
                line(sb, "  ", "momentum", number(opt.momentum()));
            }
            line(sb, "  ", "weightDecay", number(opt.weightDecay()));
            line(sb, "  ", "schedule", string(train.schedule()));
            line(sb, "  ", "checkpointEvery", Integer.toString(train.checkpointEvery()));
            line(sb, "  ", "checkpointEverySteps", Integer.toString(train.checkpointEverySteps()));
        } else if (!AnalysisPrinter.block(sb, key, config)) {
            throw new IllegalArgumentException("not a spec value: " + config.getClass().getName());
        }
    }

    private static void line(StringBuilder sb, String indent, String key, String value) {
        sb.append(indent).append(key).append(": ").append(value).append('\n');
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
