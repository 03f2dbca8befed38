package dev.basin.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README.md's spec reference is the one generated from the key declarations. */
class SpecReferenceTest {

    /** The repository's README: tests run in the module's folder. */
    private static final Path README = Path.of("..", "README.md");

    @Test
    void readmeHoldsTheGeneratedReference() throws Exception {
        String text = Files.readString(README, StandardCharsets.UTF_8);
        String expected = SpecReference.withReference(text);
        if (Boolean.getBoolean("basin.updateReadme")) {
            Files.writeString(README, expected, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(expected, text, "README.md's spec reference (between " + SpecReference.BEGIN + " and "
                + SpecReference.END + ") differs from the key declarations; regenerate it with\n  "
                + SpecReference.REGENERATE + "\n");
    }

    @Test
    void everyKeyIsDocumented() {
        String md = SpecReference.markdown();
        for (String key : SpecKeys.TOP_KEYS) {
            assertTrue(md.contains("`" + key + "`") || md.contains("`" + key + "."), key);
        }
        for (String path : new String[] {"train.momentum", "subspace.low-rank-gaussian.scales", "plane[].anchors",
                "interpolation.pairs", "shift.severities", "trajectory.everySteps", "curves[].between", "curves[].points",
                "fge.from", "fge.cycles", "sse.snapshots", "budget.max", "spawn.at", "spawn.children",
                "align.reference", "distill[].teacher", "distill[].penalty", "barriers.points",
                "barriers.ensembles"}) {
            assertTrue(md.contains("| `" + path + "` |"), path);
        }
        assertTrue(md.lines().filter(l -> l.startsWith("| `")).noneMatch(l -> l.contains("|  |")),
                "every row has a type, default, allowed values and meaning:\n" + md);
    }
}
