package dev.basin.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The README's spec reference, generated from the key declarations: one markdown table per top-level key (key,
 * type, default, allowed values, meaning). {@code SpecReferenceTest} fails when README.md's section between
 * {@link #BEGIN} and {@link #END} differs from {@link #markdown()}; {@link #main} (or that test with
 * {@code -Dbasin.updateReadme=true}) rewrites it.
 */
public final class SpecReference {

    private SpecReference() {}

    public static final String BEGIN = "<!-- spec-reference:begin -->";
    public static final String END = "<!-- spec-reference:end -->";
    /** How to regenerate the section, for the test's failure message and the section itself. */
    public static final String REGENERATE = "mvn -B -q -pl workflows -am test -Dtest=SpecReferenceTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dbasin.updateReadme=true";

    /** The reference: a table of the top level's plain keys, then one per map-valued top-level key. */
    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("<!-- Generated from dev.basin.spec.SpecKeys and AnalysisKeys; edit those, then run\n     ")
                .append(REGENERATE).append(" -->\n\n");
        sb.append("**Top level**\n\n");
        header(sb);
        for (Key<StudySpec> k : SpecKeys.SPEC.keys()) {
            if (!(k.type instanceof Block.Nested<?>)) {
                row(sb, k.name, k);
            }
        }
        tables(sb, SpecKeys.SPEC);
        tables(sb, AnalysisKeys.ANALYSES);
        return sb.toString();
    }

    private static <R> void tables(StringBuilder sb, Block<R> top) {
        for (Key<R> k : top.keys()) {
            if (k.type instanceof Block.Nested<?> n) {
                String what = n instanceof Block.Listed<?> ? " (a list of maps)" : "";
                String when = n.block.optional ? "optional: absent means not asked for"
                        : n.block.requiredWhat != null ? "required" : "optional: every key has a default";
                sb.append("\n**`").append(k.name).append("`**").append(what).append(": ").append(n.block.doc)
                        .append(" (").append(when).append(").\n\n");
                header(sb);
                rows(sb, k.name + (n instanceof Block.Listed<?> ? "[]" : ""), n.block);
            }
        }
    }

    private static <R> void rows(StringBuilder sb, String prefix, Block<R> block) {
        for (Key<R> k : block.keys()) {
            String path = prefix + "." + k.name;
            row(sb, path, k);
            if (k.type instanceof Block.Nested<?> n) {
                rows(sb, path, n.block);
            }
        }
    }

    private static void header(StringBuilder sb) {
        sb.append("| Key | Type | Default | Allowed | Meaning |\n|---|---|---|---|---|\n");
    }

    private static void row(StringBuilder sb, String path, Key<?> k) {
        String dflt = k.type instanceof Block.Nested<?> ? "absent" : k.dfltDoc;
        sb.append("| `").append(path).append("` | ").append(cell(k.type.name)).append(" | ").append(cell(dflt))
                .append(" | ").append(cell(k.allowedDoc())).append(" | ").append(cell(k.doc)).append(" |\n");
    }

    /** A table cell: '|' escaped, so that a regular expression or a list does not split the row. */
    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    /** {@code text} with the part between the markers replaced by {@link #markdown()}. */
    public static String withReference(String text) {
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("no " + BEGIN + " ... " + END + " section");
        }
        return text.substring(0, begin + BEGIN.length()) + "\n" + markdown() + text.substring(end);
    }

    /** Rewrites the reference section of the README at {@code args[0]} (default {@code README.md}). */
    public static void main(String[] args) throws IOException {
        Path readme = Path.of(args.length > 0 ? args[0] : "README.md");
        Files.writeString(readme, withReference(Files.readString(readme, StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }
}
