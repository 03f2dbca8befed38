package dev.basin.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SpecDiffTest {

    private static String normalised(String yaml) {
        return SpecPrinter.print(SpecParser.parse(yaml));
    }

    @Test
    void theSameSpecHoweverWrittenHasNoDifference() {
        String written = SpecHashTest.BASE;
        String rewritten = written.replace("weightDecay: 5e-4", "weightDecay: 0.0005") + "# a comment\n";
        assertEquals(List.of(), SpecDiff.lines(normalised(written), normalised(rewritten)));
    }

    @Test
    void aChangedValueIsShownUnderItsKeys() {
        String before = normalised(SpecHashTest.BASE);
        String after = normalised(SpecHashTest.BASE.replace("members: 5", "members: 3").replace("seed: 42", "seed: 7"));
        assertEquals(List.of("- seed: 42", "+ seed: 7", "  train:", "-   members: 5", "+   members: 3"),
                SpecDiff.lines(before, after));
    }

    @Test
    void anAddedBlockIsShownWholeAndAListItemUnderItsParent() {
        String before = normalised(SpecHashTest.BASE + "plane:\n  - anchors: [final:0, final:1, final:2]\n    grid: 5\n");
        String after = normalised(SpecHashTest.BASE + "plane:\n  - anchors: [final:0, final:1, final:2]\n    grid: 7\n"
                + "swa: {start: 3}\n");
        List<String> diff = SpecDiff.lines(before, after);
        int plane = diff.indexOf("  plane:");
        assertEquals(List.of("  plane:", "    - anchors: [final:0, final:1, final:2]", "-     grid: 5", "+     grid: 7"),
                diff.subList(plane, plane + 4), diff.toString());
        assertTrue(diff.contains("+ swa:") && diff.contains("+   start: 3"), diff.toString());
        assertEquals(1, diff.stream().filter(l -> l.equals("  plane:")).count(), "a key is written once: " + diff);
    }

    @Test
    void aRemovedKeyIsShownRemoved() {
        String before = normalised(SpecHashTest.BASE + "swa: {start: 3}\n");
        String after = normalised(SpecHashTest.BASE);
        List<String> diff = SpecDiff.lines(before, after);
        assertTrue(diff.contains("- swa:") && diff.stream().allMatch(l -> l.startsWith("- ")), diff.toString());
    }

    @Test
    void aLongDiffIsCutWithACount() {
        String before = lines("a", 500);
        String after = lines("b", 500);
        List<String> diff = SpecDiff.lines(before, after);
        assertEquals(SpecDiff.MAX_LINES, diff.size());
        assertEquals("  ... and " + (1000 - SpecDiff.MAX_LINES + 1) + " more lines", diff.get(diff.size() - 1));
    }

    @Test
    void textsBeyondTheMatchedLimitAreShownReplacedWithoutMatching() {
        // Interleaved common lines a full match would pair; past the limit the middle is replaced as a whole.
        int n = SpecDiff.MAX_MATCHED + 3;
        String before = IntStream.range(0, n).mapToObj(i -> "k" + i + ": " + (i % 2 == 0 ? "same" : "x"))
                .collect(Collectors.joining("\n"));
        String after = IntStream.range(0, n).mapToObj(i -> "k" + i + ": " + (i % 2 == 0 ? "same" : "y"))
                .collect(Collectors.joining("\n"));
        List<String> diff = SpecDiff.lines(before, after);
        assertEquals(List.of("- k1: x", "- k2: same"), diff.subList(0, 2), "no line matched in the middle");
    }

    private static String lines(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i + ": 1").collect(Collectors.joining("\n"));
    }
}
