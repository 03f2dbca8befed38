package dev.basin.spec;

import static dev.basin.spec.SpecRules.*;
import static dev.basin.spec.YamlFields.describe;
import static dev.basin.spec.YamlFields.isNull;
import static dev.basin.spec.YamlFields.line;

import dev.basin.engine.DataConfig;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.TrainConfig;
import dev.basin.engine.analysis.AnalysesConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Parses a study spec (YAML text) into a validated {@link StudySpec} with every default filled in.
 *
 * <p>Pure and deterministic, so that Temporal workflow code can re-validate a spec: no I/O (the caller reads the
 * file), no clocks, no randomness, no mutable static state, no threads. It reads only SnakeYAML's node tree
 * ({@code compose}), so no object is ever constructed from the document; aliases to lists and maps are capped
 * ({@value SpecRules#MAX_COLLECTION_ALIASES}), nesting is capped, explicit tags other than the standard scalar,
 * list and map tags are refused, and input over {@value SpecRules#MAX_SPEC_BYTES} UTF-8 bytes is refused unread.
 *
 * <p>Every problem is reported, not just the first: malformed YAML (one problem, with the YAML reader's line and
 * column), wrong types, unknown or duplicate keys (with the closest allowed key suggested), out-of-range values,
 * unknown names, and the cross-field rules of {@link SpecValidator}.
 */
public final class SpecParser {

    private SpecParser() {}

    /**
     * Parses and validates {@code yaml}.
     *
     * @throws SpecException listing every problem found, each with its key path and line
     */
    public static StudySpec parse(String yaml) {
        Run run = new Run();
        StudySpec spec = run.parse(yaml);
        List<SpecProblem> problems = run.sorted();
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return spec;
    }

    /** Every problem with {@code yaml}, in document order; empty when {@link #parse} would succeed. */
    public static List<SpecProblem> problems(String yaml) {
        Run run = new Run();
        run.parse(yaml);
        return run.sorted();
    }

    /** One parse: all its state lives here, in its {@link YamlFields}. */
    private static final class Run {
        final YamlFields yaml = new YamlFields();

        List<SpecProblem> sorted() {
            return yaml.sorted();
        }

        StudySpec parse(String source) {
            Objects.requireNonNull(source, "yaml");
            long bytes = Text.utf8Length(source);
            if (bytes > MAX_SPEC_BYTES) {
                yaml.problem("", "spec is too large: " + bytes + " bytes; the limit is " + MAX_SPEC_BYTES
                        + " bytes (256 KiB)", 0);
                return null;
            }
            Node root = yaml.compose(source);
            if (!yaml.problems.isEmpty()) {
                return null;
            }
            if (root == null || isNull(root)) {
                yaml.problem("", "spec is empty; it needs at least study, train.members and train.epochs", 0);
                return null;
            }
            if (!(root instanceof MappingNode rootMap)) {
                yaml.problem("", "the spec must be a map with keys " + String.join(", ", TOP_KEYS) + ", got "
                        + describe(root), line(root));
                return null;
            }
            if (!yaml.tagOk("", root)) {
                return null;
            }
            Map<String, Node> top = yaml.fields(rootMap, "", TOP_KEYS);

            String study = top.containsKey("study")
                    ? yaml.text("study", top.get("study"), "a study name matching " + STUDY_REGEX) : null;
            long seed = top.containsKey("seed") ? yaml.longValue("seed", top.get("seed"), DEFAULT_SEED) : DEFAULT_SEED;
            DataConfig data = data(top.get("data"));
            ModelConfig model = model(top.get("model"));
            TrainConfig train = train(top.get("train"));
            AnalysesConfig analyses = new AnalysisParser(yaml).parse(top, seed, data, train);

            StudySpec spec = new StudySpec(study, seed, data, model, train, analyses);
            yaml.problems.addAll(SpecValidator.check(spec, p -> yaml.valueLines.getOrDefault(p, 0), yaml.bad));
            return spec;
        }

        // ---- blocks -------------------------------------------------------------------------------------

        DataConfig data(Node node) {
            String dataset = DEFAULT_DATASET;
            String path = DEFAULT_PATH;
            int trainSubset = DEFAULT_TRAIN_SUBSET;
            int testSubset = DEFAULT_TEST_SUBSET;
            if (node != null) {
                if (node instanceof MappingNode map) {
                    Map<String, Node> f = yaml.fields(map, "data", DATA_KEYS);
                    if (f.containsKey("dataset")) {
                        dataset = yaml.text("data.dataset", f.get("dataset"), "one of " + String.join(", ", DATASETS));
                    }
                    if (f.containsKey("path")) {
                        path = yaml.nullableText("data.path", f.get("path"), "a folder path (or null)");
                    }
                    if (f.containsKey("trainSubset")) {
                        trainSubset = yaml.intValue("data.trainSubset", f.get("trainSubset"), DEFAULT_TRAIN_SUBSET);
                    }
                    if (f.containsKey("testSubset")) {
                        testSubset = yaml.intValue("data.testSubset", f.get("testSubset"), DEFAULT_TEST_SUBSET);
                    }
                } else {
                    yaml.bad("data", "must be a map with keys " + String.join(", ", DATA_KEYS) + ", got "
                            + describe(node), node);
                }
            }
            return new DataConfig(dataset, path, trainSubset, testSubset);
        }

        ModelConfig model(Node node) {
            if (node == null) {
                return new ModelConfig(DEFAULT_MODEL, DEFAULT_WIDTH);
            }
            String allowed = "one of " + String.join(", ", MODELS);
            if (node instanceof MappingNode map) {
                Map<String, Node> f = yaml.fields(map, "model", MODEL_KEYS);
                double width = f.containsKey("width")
                        ? yaml.number("model.width", f.get("width"), DEFAULT_WIDTH) : DEFAULT_WIDTH;
                Node name = f.get("name");
                if (name == null) {
                    yaml.bad.add("model");
                    if (!yaml.bad.contains("model.name")) {
                        yaml.problem("model.name", "required when model is a map: " + allowed,
                                yaml.keyLines.getOrDefault("model", line(node)));
                    }
                    return new ModelConfig(null, width);
                }
                yaml.valueLines.put("model", line(name));
                String value = yaml.text("model.name", name, allowed);
                if (value == null) {
                    yaml.bad.add("model");
                }
                return new ModelConfig(value, width);
            }
            if (node instanceof ScalarNode) {
                return new ModelConfig(yaml.text("model", node, allowed), DEFAULT_WIDTH);
            }
            yaml.bad("model", "must be a model name (" + allowed + ") or a map {name: ..., width: ...}, got "
                    + describe(node), node);
            return new ModelConfig(null, DEFAULT_WIDTH);
        }

        TrainConfig train(Node node) {
            Map<String, Node> f;
            if (node == null) {
                if (!yaml.bad.contains("train")) {
                    yaml.problem("train", "required: a map with at least members and epochs, e.g. "
                            + "train: {members: 5, epochs: 4}", 0);
                }
                f = null;
            } else if (node instanceof MappingNode map) {
                f = yaml.fields(map, "train", TRAIN_KEYS);
            } else {
                yaml.bad("train", "must be a map with keys " + String.join(", ", TRAIN_KEYS) + ", got "
                        + describe(node), node);
                f = null;
            }
            if (f == null) {
                for (String k : TRAIN_KEYS) {
                    yaml.bad.add("train." + k);
                }
                return new TrainConfig(1, 1, DEFAULT_BATCH_SIZE, new OptimizerConfig(DEFAULT_OPTIMIZER,
                        DEFAULT_LR, DEFAULT_MOMENTUM, DEFAULT_WEIGHT_DECAY), DEFAULT_SCHEDULE, 1, DEFAULT_CHECKPOINT_EVERY_STEPS);
            }
            int members = required(f, "members", "the number of ensemble members");
            int epochs = required(f, "epochs", "the number of epochs per member");
            int batchSize = f.containsKey("batchSize")
                    ? yaml.intValue("train.batchSize", f.get("batchSize"), DEFAULT_BATCH_SIZE) : DEFAULT_BATCH_SIZE;
            String optimizer = f.containsKey("optimizer")
                    ? yaml.text("train.optimizer", f.get("optimizer"), "one of " + String.join(", ", OPTIMIZERS))
                    : DEFAULT_OPTIMIZER;
            double lr = f.containsKey("lr")
                    ? yaml.number("train.lr", f.get("lr"), defaultLr(optimizer)) : defaultLr(optimizer);
            double momentum = defaultMomentum(optimizer);
            Node mom = f.get("momentum");
            if (mom != null) {
                if (optimizer != null && OPTIMIZERS.contains(optimizer) && !NESTEROV.equals(optimizer)) {
                    yaml.bad("train.momentum", SpecValidator.momentumMessage(optimizer), mom);
                } else {
                    momentum = yaml.number("train.momentum", mom, DEFAULT_MOMENTUM);
                }
            }
            double weightDecay = f.containsKey("weightDecay")
                    ? yaml.number("train.weightDecay", f.get("weightDecay"), DEFAULT_WEIGHT_DECAY)
                    : DEFAULT_WEIGHT_DECAY;
            String schedule = f.containsKey("schedule")
                    ? yaml.text("train.schedule", f.get("schedule"), "one of " + String.join(", ", SCHEDULES))
                    : DEFAULT_SCHEDULE;
            int every = f.containsKey("checkpointEvery")
                    ? yaml.intValue("train.checkpointEvery", f.get("checkpointEvery"), DEFAULT_CHECKPOINT_EVERY)
                    : DEFAULT_CHECKPOINT_EVERY;
            int everySteps = f.containsKey("checkpointEverySteps")
                    ? yaml.intValue("train.checkpointEverySteps", f.get("checkpointEverySteps"),
                            DEFAULT_CHECKPOINT_EVERY_STEPS)
                    : DEFAULT_CHECKPOINT_EVERY_STEPS;
            return new TrainConfig(members, epochs, batchSize,
                    new OptimizerConfig(optimizer, lr, momentum, weightDecay), schedule, every, everySteps);
        }

        int required(Map<String, Node> f, String key, String what) {
            String path = "train." + key;
            Node node = f.get(key);
            if (node == null) {
                if (!yaml.bad.contains(path)) {
                    yaml.bad.add(path);
                    yaml.problem(path, "required: " + what + ", " + SpecValidator.intBounds(path),
                            yaml.keyLines.getOrDefault("train", 0));
                }
                return 1;
            }
            return yaml.intValue(path, node, 1);
        }
    }
}
