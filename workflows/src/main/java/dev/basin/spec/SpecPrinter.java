package dev.basin.spec;

import dev.basin.engine.DataConfig;
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
 * </pre>
 */
public final class SpecPrinter {

    private SpecPrinter() {}

    /** Strings written without quotes: they read back as the same string, never as null, a number or a marker. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_/][A-Za-z0-9_./-]*");

    /** The normalised YAML text of {@code spec}. */
    public static String print(StudySpec spec) {
        Objects.requireNonNull(spec, "spec");
        DataConfig data = Objects.requireNonNull(spec.data(), "spec.data");
        TrainConfig train = Objects.requireNonNull(spec.train(), "spec.train");
        OptimizerConfig opt = Objects.requireNonNull(train.optimizer(), "spec.train.optimizer");
        Objects.requireNonNull(spec.model(), "spec.model");
        StringBuilder sb = new StringBuilder(512);
        line(sb, "", "study", string(spec.study()));
        line(sb, "", "seed", Long.toString(spec.seed()));
        sb.append("data:\n");
        line(sb, "  ", "dataset", string(data.dataset()));
        line(sb, "  ", "path", string(data.path()));
        line(sb, "  ", "trainSubset", Integer.toString(data.trainSubset()));
        line(sb, "  ", "testSubset", Integer.toString(data.testSubset()));
        sb.append("model:\n");
        line(sb, "  ", "name", string(spec.model().name()));
        sb.append("train:\n");
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
        return sb.toString();
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
