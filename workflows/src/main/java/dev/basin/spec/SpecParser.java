package dev.basin.spec;

import static dev.basin.spec.SpecRules.*;

import dev.basin.engine.DataConfig;
import dev.basin.engine.ModelConfig;
import dev.basin.engine.OptimizerConfig;
import dev.basin.engine.TrainConfig;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.representer.Representer;

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

    private static final Set<Tag> PLAIN_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.MAP, Tag.SEQ);
    private static final Pattern DECIMAL_INT = Pattern.compile("[-+]?(?:0|[1-9][0-9]*)");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");
    private static final Pattern NON_FINITE = Pattern.compile("[-+]?\\.(?:inf|Inf|INF|nan|NaN|NAN)");

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

    /** One parse: all its state lives here. */
    private static final class Run {
        final List<SpecProblem> problems = new ArrayList<>();
        final Map<String, Integer> valueLines = new HashMap<>();
        final Map<String, Integer> keyLines = new HashMap<>();
        final Set<String> bad = new HashSet<>();

        List<SpecProblem> sorted() {
            List<SpecProblem> out = new ArrayList<>(problems);
            out.sort(Comparator.comparingInt(p -> p.line() == 0 ? Integer.MAX_VALUE : p.line()));
            return List.copyOf(out);
        }

        StudySpec parse(String yaml) {
            Objects.requireNonNull(yaml, "yaml");
            long bytes = Text.utf8Length(yaml);
            if (bytes > MAX_SPEC_BYTES) {
                problem("", "spec is too large: " + bytes + " bytes; the limit is " + MAX_SPEC_BYTES
                        + " bytes (256 KiB)", 0);
                return null;
            }
            Node root = compose(yaml);
            if (!problems.isEmpty()) {
                return null;
            }
            if (root == null || isNull(root)) {
                problem("", "spec is empty; it needs at least study, train.members and train.epochs", 0);
                return null;
            }
            if (!(root instanceof MappingNode rootMap)) {
                problem("", "the spec must be a map with keys " + String.join(", ", TOP_KEYS) + ", got "
                        + describe(root), line(root));
                return null;
            }
            if (!tagOk("", root)) {
                return null;
            }
            Map<String, Node> top = fields(rootMap, "", TOP_KEYS);

            String study = top.containsKey("study")
                    ? text("study", top.get("study"), "a study name matching " + STUDY_REGEX) : null;
            long seed = top.containsKey("seed") ? seed(top.get("seed")) : DEFAULT_SEED;
            DataConfig data = data(top.get("data"));
            ModelConfig model = model(top.get("model"));
            TrainConfig train = train(top.get("train"));

            StudySpec spec = new StudySpec(study, seed, data, model, train);
            problems.addAll(SpecValidator.check(spec, p -> valueLines.getOrDefault(p, 0), bad));
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
                    Map<String, Node> f = fields(map, "data", DATA_KEYS);
                    if (f.containsKey("dataset")) {
                        dataset = text("data.dataset", f.get("dataset"), "one of " + String.join(", ", DATASETS));
                    }
                    if (f.containsKey("path")) {
                        path = nullableText("data.path", f.get("path"), "a folder path (or null)");
                    }
                    if (f.containsKey("trainSubset")) {
                        trainSubset = intValue("data.trainSubset", f.get("trainSubset"), DEFAULT_TRAIN_SUBSET);
                    }
                    if (f.containsKey("testSubset")) {
                        testSubset = intValue("data.testSubset", f.get("testSubset"), DEFAULT_TEST_SUBSET);
                    }
                } else {
                    bad("data", "must be a map with keys " + String.join(", ", DATA_KEYS) + ", got "
                            + describe(node), node);
                }
            }
            return new DataConfig(dataset, path, trainSubset, testSubset);
        }

        ModelConfig model(Node node) {
            if (node == null) {
                return new ModelConfig(DEFAULT_MODEL);
            }
            String allowed = "one of " + String.join(", ", MODELS);
            if (node instanceof MappingNode map) {
                Map<String, Node> f = fields(map, "model", MODEL_KEYS);
                Node name = f.get("name");
                if (name == null) {
                    bad.add("model");
                    if (!bad.contains("model.name")) {
                        problem("model.name", "required when model is a map: " + allowed,
                                keyLines.getOrDefault("model", line(node)));
                    }
                    return new ModelConfig(null);
                }
                valueLines.put("model", line(name));
                String value = text("model.name", name, allowed);
                if (value == null) {
                    bad.add("model");
                }
                return new ModelConfig(value);
            }
            if (node instanceof ScalarNode) {
                return new ModelConfig(text("model", node, allowed));
            }
            bad("model", "must be a model name (" + allowed + ") or a map {name: ...}, got " + describe(node), node);
            return new ModelConfig(null);
        }

        TrainConfig train(Node node) {
            Map<String, Node> f;
            if (node == null) {
                if (!bad.contains("train")) {
                    problem("train", "required: a map with at least members and epochs, e.g. "
                            + "train: {members: 5, epochs: 4}", 0);
                }
                f = null;
            } else if (node instanceof MappingNode map) {
                f = fields(map, "train", TRAIN_KEYS);
            } else {
                bad("train", "must be a map with keys " + String.join(", ", TRAIN_KEYS) + ", got "
                        + describe(node), node);
                f = null;
            }
            if (f == null) {
                for (String k : TRAIN_KEYS) {
                    bad.add("train." + k);
                }
                return new TrainConfig(1, 1, DEFAULT_BATCH_SIZE, new OptimizerConfig(DEFAULT_OPTIMIZER,
                        DEFAULT_LR, DEFAULT_MOMENTUM, DEFAULT_WEIGHT_DECAY), DEFAULT_SCHEDULE, 1);
            }
            int members = required(f, "members", "the number of ensemble members");
            int epochs = required(f, "epochs", "the number of epochs per member");
            int batchSize = f.containsKey("batchSize")
                    ? intValue("train.batchSize", f.get("batchSize"), DEFAULT_BATCH_SIZE) : DEFAULT_BATCH_SIZE;
            String optimizer = f.containsKey("optimizer")
                    ? text("train.optimizer", f.get("optimizer"), "one of " + String.join(", ", OPTIMIZERS))
                    : DEFAULT_OPTIMIZER;
            double lr = f.containsKey("lr")
                    ? number("train.lr", f.get("lr"), defaultLr(optimizer)) : defaultLr(optimizer);
            double momentum = defaultMomentum(optimizer);
            Node mom = f.get("momentum");
            if (mom != null) {
                if (optimizer != null && OPTIMIZERS.contains(optimizer) && !NESTEROV.equals(optimizer)) {
                    bad("train.momentum", SpecValidator.momentumMessage(optimizer), mom);
                } else {
                    momentum = number("train.momentum", mom, DEFAULT_MOMENTUM);
                }
            }
            double weightDecay = f.containsKey("weightDecay")
                    ? number("train.weightDecay", f.get("weightDecay"), DEFAULT_WEIGHT_DECAY) : DEFAULT_WEIGHT_DECAY;
            String schedule = f.containsKey("schedule")
                    ? text("train.schedule", f.get("schedule"), "one of " + String.join(", ", SCHEDULES))
                    : DEFAULT_SCHEDULE;
            int every = f.containsKey("checkpointEvery")
                    ? intValue("train.checkpointEvery", f.get("checkpointEvery"), DEFAULT_CHECKPOINT_EVERY)
                    : DEFAULT_CHECKPOINT_EVERY;
            return new TrainConfig(members, epochs, batchSize,
                    new OptimizerConfig(optimizer, lr, momentum, weightDecay), schedule, every);
        }

        int required(Map<String, Node> f, String key, String what) {
            String path = "train." + key;
            Node node = f.get(key);
            if (node == null) {
                if (!bad.contains(path)) {
                    bad.add(path);
                    problem(path, "required: " + what + ", " + SpecValidator.intBounds(path),
                            keyLines.getOrDefault("train", 0));
                }
                return 1;
            }
            return intValue(path, node, 1);
        }

        // ---- maps and keys ------------------------------------------------------------------------------

        /** The known keys of {@code map}; reports unknown, duplicate and non-scalar keys and bad tags. */
        Map<String, Node> fields(MappingNode map, String prefix, List<String> allowed) {
            Map<String, Node> out = new LinkedHashMap<>();
            Map<String, Integer> firstLine = new HashMap<>();
            for (NodeTuple t : map.getValue()) {
                Node k = t.getKeyNode();
                Node v = t.getValueNode();
                if (Tag.MERGE.equals(k.getTag())) {
                    problem(join(prefix, "<<"), "merge keys (<<) are not supported; write the keys out", line(k));
                    continue;
                }
                if (!(k instanceof ScalarNode ks) || !PLAIN_TAGS.contains(k.getTag()) || Tag.NULL.equals(k.getTag())) {
                    problem(prefix, "keys must be plain names, got " + describe(k) + "; allowed: "
                            + String.join(", ", allowed), line(k));
                    continue;
                }
                String key = ks.getValue();
                String path = join(prefix, shorten(key));
                Integer first = firstLine.putIfAbsent(key, line(k));
                if (first != null) {
                    problem(path, "duplicate key (first given on line " + first + ")", line(k));
                    continue;
                }
                if (!allowed.contains(key)) {
                    problem(path, unknownKey(prefix, key, allowed), line(k));
                    continue;
                }
                keyLines.put(path, line(k));
                valueLines.put(path, line(v));
                if (tagOk(path, v)) {
                    out.put(key, v);
                }
            }
            return out;
        }

        static String unknownKey(String prefix, String key, List<String> allowed) {
            String msg = "unknown key; allowed: " + String.join(", ", allowed);
            String hint = Text.closest(key, allowed);
            if (hint != null) {
                return msg + "; did you mean '" + hint + "'?";
            }
            if (!prefix.isEmpty() && TOP_KEYS.contains(key)) {
                return msg + "; '" + key + "' belongs at the top level";
            }
            if (!prefix.equals("data") && DATA_KEYS.contains(key)) {
                return msg + "; did you mean 'data." + key + "'?";
            }
            if (!prefix.equals("train") && TRAIN_KEYS.contains(key)) {
                return msg + "; did you mean 'train." + key + "'?";
            }
            return msg;
        }

        boolean tagOk(String path, Node node) {
            if (PLAIN_TAGS.contains(node.getTag())) {
                return true;
            }
            bad(path, "YAML tag " + shortTag(node.getTag().getValue())
                    + " is not allowed; a spec holds only plain values and maps", node);
            return false;
        }

        static String shortTag(String tag) {
            return shorten(tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag);
        }

        // ---- scalars ------------------------------------------------------------------------------------

        String text(String path, Node node, String what) {
            if (node instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
                return s.getValue();
            }
            bad(path, "must be " + what + ", got " + describe(node), node);
            return null;
        }

        String nullableText(String path, Node node, String what) {
            if (isNull(node)) {
                return null;
            }
            return text(path, node, what);
        }

        long seed(Node node) {
            BigInteger v = integer("seed", node);
            if (v == null) {
                return DEFAULT_SEED;
            }
            if (v.bitLength() > 63) {
                bad("seed", "must be an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE + ", got " + v,
                        node);
                return DEFAULT_SEED;
            }
            return v.longValue();
        }

        int intValue(String path, Node node, int fallback) {
            BigInteger v = integer(path, node);
            if (v == null) {
                return fallback;
            }
            if (v.bitLength() > 31) {
                bad(path, "must be " + SpecValidator.intBounds(path) + ", got " + v, node);
                return fallback;
            }
            return v.intValue();
        }

        BigInteger integer(String path, Node node) {
            if (node instanceof ScalarNode s) {
                Tag tag = s.getTag();
                String v = s.getValue();
                if (Tag.INT.equals(tag)) {
                    String digits = v.replace("_", "");
                    if (DECIMAL_INT.matcher(digits).matches()) {
                        return new BigInteger(digits);
                    }
                    bad(path, "must be a plain decimal integer (no leading zeros, hex, octal, binary or"
                            + " sexagesimal forms), got " + shorten(v), node);
                    return null;
                }
                if (Tag.FLOAT.equals(tag)) {
                    bad(path, "must be an integer, got " + shorten(v), node);
                    return null;
                }
                if (Tag.STR.equals(tag) && s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN
                        && DECIMAL_INT.matcher(v.trim()).matches()) {
                    bad(path, "must be an integer, got the string " + Text.quote(v) + " (remove the quotes)", node);
                    return null;
                }
            }
            bad(path, "must be an integer, got " + describe(node), node);
            return null;
        }

        double number(String path, Node node, double fallback) {
            if (node instanceof ScalarNode s) {
                Tag tag = s.getTag();
                String v = s.getValue();
                if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
                    String d = v.replace("_", "");
                    if (DECIMAL.matcher(d).matches()) {
                        double x = Double.parseDouble(d);
                        if (Double.isInfinite(x)) {
                            bad(path, "must be a finite number, got " + shorten(v), node);
                            return fallback;
                        }
                        return x;
                    }
                    if (NON_FINITE.matcher(d).matches()) {
                        bad(path, "must be a finite number, got " + v, node);
                    } else {
                        bad(path, "must be a plain decimal number, got " + shorten(v), node);
                    }
                    return fallback;
                }
                if (Tag.STR.equals(tag) && s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN
                        && DECIMAL.matcher(v.trim()).matches()) {
                    bad(path, "must be a number, got the string " + Text.quote(v) + " (remove the quotes)", node);
                    return fallback;
                }
            }
            bad(path, "must be a number, got " + describe(node), node);
            return fallback;
        }

        // ---- YAML ---------------------------------------------------------------------------------------

        Node compose(String yaml) {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
            options.setAllowRecursiveKeys(false);
            options.setNestingDepthLimit(MAX_NESTING_DEPTH);
            options.setCodePointLimit(MAX_SPEC_BYTES);
            options.setAllowDuplicateKeys(false);
            options.setProcessComments(false);
            options.setMergeOnCompose(false);
            options.setTagInspector(tag -> false);
            DumperOptions dumper = new DumperOptions();
            Yaml reader = new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options);
            try {
                return reader.compose(new StringReader(yaml));
            } catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                String reason = e.getProblem() != null ? e.getProblem() : firstLine(e.getMessage());
                if (reason.startsWith("but ") && e.getContext() != null) {
                    reason = e.getContext() + " " + reason;
                }
                if (reason.contains("\t") || reason.contains("TAB")) {
                    reason = "tab characters cannot start a token; indent with spaces, not tabs";
                }
                reason = firstLine(reason).strip();
                int line = mark == null ? 0 : mark.getLine() + 1;
                if (reason.startsWith("Global tag is not allowed: ")) {
                    problem("", "YAML tag " + shortTag(reason.substring("Global tag is not allowed: ".length()))
                            + " is not allowed; a spec holds only plain values and maps", line);
                    return null;
                }
                problem("", "malformed YAML" + (mark == null ? "" : " at column " + (mark.getColumn() + 1))
                        + ": " + reason, line);
            } catch (ReaderException e) {
                problem("", "malformed YAML: special character U+" + String.format(java.util.Locale.ROOT, "%04X", e.getCodePoint())
                        + " is not allowed", lineAt(yaml, e.getPosition()));
            } catch (YAMLException e) {
                String msg = firstLine(e.getMessage());
                if (msg.startsWith("Number of aliases")) {
                    msg = "too many aliases to lists or maps (more than " + MAX_COLLECTION_ALIASES
                            + "); a spec needs none";
                } else if (msg.toLowerCase(java.util.Locale.ROOT).contains("nesting depth")) {
                    msg = "nested too deeply (more than " + MAX_NESTING_DEPTH + " levels); a spec nests two deep";
                }
                problem("", "malformed YAML: " + msg, 0);
            }
            return null;
        }

        // ---- helpers ------------------------------------------------------------------------------------

        void problem(String path, String message, int line) {
            problems.add(new SpecProblem(path, message, line));
        }

        void bad(String path, String message, Node node) {
            bad.add(path);
            problem(path, message, line(node));
        }

        static int line(Node node) {
            return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
        }

        static boolean isNull(Node node) {
            return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
        }

        static String describe(Node node) {
            if (node instanceof SequenceNode) {
                return "a list";
            }
            if (node instanceof MappingNode) {
                return "a map";
            }
            ScalarNode s = (ScalarNode) node;
            Tag tag = s.getTag();
            if (Tag.NULL.equals(tag)) {
                return "null";
            }
            if (Tag.BOOL.equals(tag)) {
                return "boolean " + s.getValue();
            }
            if (Tag.STR.equals(tag)) {
                return Text.quote(s.getValue());
            }
            return shorten(s.getValue());
        }

        static String join(String prefix, String key) {
            return prefix.isEmpty() ? key : prefix + "." + key;
        }

        static String shorten(String s) {
            return s.length() > 60 ? s.substring(0, 60) + "..." : s;
        }

        static String firstLine(String s) {
            if (s == null) {
                return "unreadable input";
            }
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }

        static int lineAt(String text, int codePointIndex) {
            int line = 1;
            int i = 0;
            int cp = 0;
            while (i < text.length() && cp < codePointIndex) {
                int c = text.codePointAt(i);
                if (c == '\n') {
                    line++;
                }
                i += Character.charCount(c);
                cp++;
            }
            return line;
        }
    }
}
