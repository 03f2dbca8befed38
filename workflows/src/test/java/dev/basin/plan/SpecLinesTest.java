package dev.basin.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.spec.SpecParser;
import dev.basin.spec.SpecPrinter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dotted paths for the lines of the printer's normalised YAML, and what changed between two fragments. */
class SpecLinesTest {
    @Test
    void aChangedLeafIsNamedByItsPath() {
        assertEquals(List.of("tsne.perplexity: 10.0 -> 20.0"),
                SpecLines.changes("tsne:\n  perplexity: 10.0\n  seed: 0\n", "tsne:\n  perplexity: 20.0\n  seed: 0\n"));
        assertEquals(List.of(), SpecLines.changes("a: 1\n", "a: 1\n"));
        assertEquals(List.of("swa: (none) -> null"), SpecLines.changes("", "swa: null\n"));
    }

    @Test
    void nestedMapsAndListItemsGetTheirOwnPaths() {
        String before = SpecPrinter.print(SpecParser.parse(spec("[0.5, 1.0]", 11)));
        String after = SpecPrinter.print(SpecParser.parse(spec("[0.5, 2.0]", 9)));
        Map<String, String> flat = SpecLines.flatten(after);
        assertEquals("9", flat.get("plane[0].grid"), flat.toString());
        assertEquals(List.of("subspace.random.radii: [0.5, 1.0] -> [0.5, 2.0]", "plane[0].grid: 11 -> 9"),
                SpecLines.changes(before, after));
    }

    private static String spec(String radii, int grid) {
        return """
                study: s
                data: {dataset: fashion-mnist}
                model: small-cnn
                train: {members: 3, epochs: 2}
                subspace: {around: 0, random: {radii: %s}}
                plane:
                  - {anchors: [final:0, final:1, final:2], grid: %d}
                """.formatted(radii, grid);
    }
}
