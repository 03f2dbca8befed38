package dev.basin.spec;

import static dev.basin.spec.SpecRules.MAX_SPEC_BYTES;
import static dev.basin.spec.YamlFields.describe;
import static dev.basin.spec.YamlFields.isNull;
import static dev.basin.spec.YamlFields.line;

import dev.basin.engine.ModelConfig;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.SimilarityConfig;
import dev.basin.engine.model.Models;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

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
                yaml.problem("", "the spec must be a map with keys " + String.join(", ", SpecKeys.TOP_KEYS)
                        + ", got " + describe(root), line(root));
                return null;
            }
            if (!yaml.tagOk("", root)) {
                return null;
            }
            Map<String, Node> top = yaml.fields(rootMap, "", SpecKeys.TOP_KEYS);
            // The top level's values, read in this order; the analyses' defaults derive from seed, data and train.
            Values v = new Values(null, top.keySet());
            for (String key : List.of("study", "seed")) {
                Key<StudySpec> k = SpecKeys.SPEC.key(key);
                Object dflt = k.dflt.apply(v);
                v.put(key, top.containsKey(key) ? k.type.read(yaml, v, key, top.get(key), dflt) : dflt);
            }
            v.put("data", SpecKeys.DATA.read(yaml, v, "data", top.get("data")));
            v.put("model", model(top.get("model"), v));
            v.put("train", SpecKeys.TRAIN.read(yaml, v, "train", top.get("train")));
            for (Key<AnalysesConfig> k : AnalysisKeys.ANALYSES.keys()) {
                Node node = top.get(k.name);
                v.put(k.name, k.name.equals("similarity") ? similarity(node, v)
                        : node == null ? null : k.type.read(yaml, v, k.name, node, null));
            }
            StudySpec spec = new StudySpec(v.get("study"), v.<Long>get("seed"), v.get("data"), v.get("model"),
                    v.get("train"), AnalysisKeys.ANALYSES.make(v));
            yaml.problems.addAll(SpecValidator.check(spec, p -> yaml.valueLines.getOrDefault(p, 0), yaml.bad));
            return spec;
        }

        /** {@code model: resnet20} is short for {@code model: {name: resnet20}}; the path is then {@code model}. */
        ModelConfig model(Node node, Values root) {
            ModelConfig dflt = SpecKeys.MODEL.defaults(root);
            if (node == null) {
                return dflt;
            }
            String allowed = "one of " + SpecKeys.MODEL.key("name").type.allowed;
            if (node instanceof MappingNode map) {
                Map<String, Node> f = yaml.fields(map, "model", SpecKeys.MODEL.names());
                double width = f.containsKey("width") ? (Double) SpecKeys.MODEL.key("width").type
                        .read(yaml, root, "model.width", f.get("width"), dflt.width()) : dflt.width();
                String init = f.containsKey("init") ? (String) SpecKeys.MODEL.key("init").type
                        .read(yaml, root, "model.init", f.get("init"), dflt.init()) : dflt.init();
                Node name = f.get("name");
                if (name == null) {
                    yaml.bad.add("model");
                    if (!yaml.bad.contains("model.name")) {
                        yaml.problem("model.name", "required when model is a map: " + allowed,
                                yaml.keyLines.getOrDefault("model", line(node)));
                    }
                    return new ModelConfig(null, width, init, depth(f, root, null));
                }
                yaml.valueLines.put("model", line(name));
                String value = yaml.text("model.name", name, allowed);
                if (value == null) {
                    yaml.bad.add("model");
                }
                return new ModelConfig(value, width, init, depth(f, root, value));
            }
            if (node instanceof ScalarNode) {
                String value = yaml.text("model", node, allowed);
                return new ModelConfig(value, dflt.width(), dflt.init(), depth(Map.of(), root, value));
            }
            yaml.bad("model", "must be a model name (" + allowed + ") or a map {name: ..., width: ...}, got "
                    + describe(node), node);
            return new ModelConfig(null, dflt.width());
        }

        /** model.depth as given, else preresnet's default depth (null for the other models). */
        private Integer depth(Map<String, Node> f, Values root, String name) {
            Integer dflt = Models.PRERESNET.equals(name) ? Models.defaultDepth() : null;
            return f.containsKey("depth") ? (Integer) SpecKeys.MODEL.key("depth").type
                    .read(yaml, root, "model.depth", f.get("depth"), dflt == null ? Models.defaultDepth() : dflt) : dflt;
        }

        /** {@code similarity: true} asks for every scope, {@code false} for none; else a map. */
        SimilarityConfig similarity(Node node, Values root) {
            Block<SimilarityConfig> block = AnalysisKeys.SIMILARITY;
            if (node instanceof ScalarNode s && Tag.BOOL.equals(s.getTag())) {
                return yaml.bool("similarity", node, false) ? block.defaults(root) : null;
            }
            if (node != null && !(node instanceof MappingNode)) {
                yaml.bad("similarity", "must be true, false or a map with keys " + String.join(", ", block.names())
                        + " ({} or true for all scopes), got " + describe(node), node);
                return null;
            }
            return block.read(yaml, root, "similarity", node);
        }
    }
}
