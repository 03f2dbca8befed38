package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    @TempDir Path dir;

    @Test
    void printsTheNormalisedSpec() throws Exception {
        Path spec = Files.writeString(dir.resolve("ok.yaml"), "study: ok\ntrain: {members: 3, epochs: 2}\n");
        Cli.Output out = Cli.run("validate", spec.toString());
        assertEquals(0, out.code(), out.err());
        assertTrue(out.out().contains("members: 3"), out.out());
        assertTrue(out.out().contains("batchSize: 128"), "defaults are filled in: " + out.out());
    }

    @Test
    void printsTheAnalysisKeysNormalised() throws Exception {
        Path spec = Files.writeString(dir.resolve("landscape.yaml"), """
                study: landscape
                train: {members: 3, epochs: 4}
                trajectory: {every: 2}
                swa: {}
                plane: [{anchors: [final:0, 'checkpoint:1@2', swa:2]}]
                shift: {corruptions: [blur]}
                """);
        Cli.Output out = Cli.run("validate", spec.toString());
        assertEquals(0, out.code(), out.err());
        assertTrue(out.out().endsWith("""
                trajectory:
                  every: 2
                swa:
                  start: 3
                  rank: 2
                plane:
                  - anchors: [final:0, checkpoint:1@2, swa:2]
                    grid: 11
                    margin: 0.2
                    trainSubset: 5000
                shift:
                  corruptions: [blur]
                  severities: [1, 2, 3, 4, 5]
                """), out.out());
    }

    @Test
    void badSpecExitsWithTwoListingEveryProblemAndWritesNothing() throws Exception {
        Path spec = Files.writeString(dir.resolve("bad.yaml"), "study: Bad/Name\ntrain: {members: 0, epochs: 2, lr: -1}\n");
        Path state = dir.resolve("state");
        Cli.Output out = Cli.run("run", spec.toString(), "--data-dir", state.toString());
        assertEquals(2, out.code());
        assertTrue(out.err().contains("study:"), out.err());
        assertTrue(out.err().contains("train.members:"), out.err());
        assertTrue(out.err().contains("train.lr:"), out.err());
        assertFalse(Files.exists(state), "nothing may be started or written for an invalid study");
    }

    @Test
    void missingFileIsBadInput() {
        Cli.Output out = Cli.run("validate", dir.resolve("nope.yaml").toString());
        assertEquals(2, out.code());
        assertTrue(out.err().contains("no such study file"), out.err());
    }

    @Test
    void halfGivenExternalEndpointsAreRefused() throws Exception {
        Path spec = Files.writeString(dir.resolve("ok.yaml"), "study: ok\ntrain: {members: 1, epochs: 1}\n");
        Cli.Output out = Cli.run("submit", spec.toString(), "--temporal", "127.0.0.1:1");
        assertEquals(2, out.code());
        assertTrue(out.err().contains("external mode needs all of --temporal, --db-url and --bucket"), out.err());
    }
}
