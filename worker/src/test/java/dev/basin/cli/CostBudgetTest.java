package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.engine.Engine;
import dev.basin.spec.SpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --max-cost-hours} and the hard bounds of t-SNE and similarity (see {@link CostBudget}): a spec over
 * either is refused with exit 2 by {@code validate}, {@code run}, {@code submit} and {@code plan}, naming the
 * estimate, its dominant terms and what to change, before anything starts or is written; {@code plan} shows the
 * estimate first. 13 hostile cases: 4 over the budget, 3 over a hard bound (similarity's pairs and memory,
 * {@code tsne.maxPoints}), 5 bad budgets, 1 over the budget by a saved calibration.
 */
class CostBudgetTest {
    @TempDir static Path dir;

    /** 64 members keeping a checkpoint every 2 of their 235 steps: 7,552 kept checkpoints. */
    private static final String MANY_KEPT = """
            study: budget
            train: {members: 64, epochs: 1, batchSize: 256}
            trajectory: {everySteps: 2}
            """;
    /** Every one of the 7,552 embedded: ~2.3 h of t-SNE at WorkBounds' rates. */
    private static final String HEAVY_TSNE = MANY_KEPT + "tsne: {maxPoints: 10000}\n";

    static Stream<Arguments> overBudget() {
        return Stream.of(Arguments.of("validate"), Arguments.of("run"), Arguments.of("submit"), Arguments.of("plan"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overBudget")
    void aStudyOverTheBudgetIsRefusedWithTheEstimate(String command) throws IOException {
        List<String> args = new ArrayList<>(List.of(command, spec(HEAVY_TSNE).toString(), "--max-cost-hours", "1"));
        if (command.equals("plan")) {
            args.add("--no-calibrate");
        }
        Cli.Output out = refused(args);
        assertTrue(out.err().matches("(?s)basin: estimated 2\\.[0-9] h exceeds the budget of 1 h \\(t-SNE of 7,552"
                + " models ~2\\.[0-9] h, training and evaluation not timed: no calibration of this model here"
                + " \\(basin plan --calibrate\\)\\); raise --max-cost-hours \\(env BASIN_MAX_COST_HOURS\\) or shrink"
                + " the study \\(members, epochs, kept checkpoints, similarity scopes, tsne.maxPoints\\)\\s*"),
                out.err());
        if (command.equals("plan")) {
            assertTrue(out.out().contains("Estimated cost: ~2."), "plan shows the estimate before refusing: " + out.out());
        }
    }

    @Test
    void similarityPairsBeyondTheHardBoundAreRefusedWhateverTheBudget() throws IOException {
        Cli.Output out = refused(List.of("run", spec(MANY_KEPT + "similarity: {scopes: [all]}\n").toString(),
                "--max-cost-hours", "1000000"));
        assertTrue(out.err().contains("the study is too large to run: similarity would compare 28,512,576 pairs, more"
                + " than the 20,000,000 rows it may store; ask for fewer scopes"), out.err());
    }

    @Test
    void similarityModelsBeyondTheMemoryBoundAreRefusedWithTheNumbers() throws IOException {
        Cli.Output out = refused(List.of("plan", spec("model: resnet20\n" + MANY_KEPT
                + "similarity: {scopes: [trajectory]}\n").toString(), "--no-calibrate", "--max-cost-hours", "1000000"));
        assertTrue(out.err().matches("(?s)basin: the study is too large to run: similarity would hold 7,552 models in"
                + " memory, [0-9.]+ GiB, more than 4 GiB; keep fewer checkpoints \\(trajectory.every\\) or use a"
                + " smaller model\\s*"), out.err());
    }

    @Test
    void aTsneCapBeyondItsMemoryBoundIsRefusedWithTheBound() throws IOException {
        Cli.Output out = refused(List.of("validate", spec(MANY_KEPT + "tsne: {maxPoints: 20000}\n").toString()));
        assertTrue(out.err().contains("tsne.maxPoints:"), out.err());
        assertTrue(out.err().contains("20000") && out.err().contains("10000"), out.err());
    }

    static Stream<Arguments> badBudgets() {
        return Stream.of(Arguments.of("0", "must be a positive number of hours, got 0.0"),
                Arguments.of("-3", "must be a positive number of hours, got -3.0"),
                Arguments.of("NaN", "must be a positive number of hours, got NaN"),
                Arguments.of("Infinity", "must be a positive number of hours, got Infinity"),
                Arguments.of("two", "'two' is not a double"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBudgets")
    void aBadBudgetIsRefusedNamingTheOption(String hours, String expected) throws IOException {
        Cli.Output out = refused(List.of("validate", spec(MANY_KEPT).toString(), "--max-cost-hours", hours));
        assertTrue(out.err().contains("--max-cost-hours"), out.err());
        assertTrue(out.err().contains(expected), out.err());
    }

    @Test
    void aSavedCalibrationTimesTrainingAgainstTheBudget() throws IOException {
        Path data = Files.createDirectories(dir.resolve("calibrated"));
        Path spec = spec("study: slow\ntrain: {members: 2, epochs: 10, batchSize: 128}\n");
        Engine.selectNatives();
        // 1 img/s: 2 members × 10 epochs × 60,000 images take 333 h
        Calibration.save(Calibration.file(data), Calibration.key(SpecParser.parse(Files.readString(spec)).model(), 128, 1),
                new Calibration.Measured(1, 100, Instant.now()));
        Cli.Output out = Cli.run("validate", spec.toString(), "--data-dir", data.toString());
        assertEquals(Basin.BAD_INPUT, out.code(), out.err());
        assertTrue(out.err().matches("(?s)basin: estimated 33[0-9]\\.[0-9] h exceeds the budget of 48 h \\(training and"
                + " evaluation ~33[0-9]\\.[0-9] h\\); raise --max-cost-hours.*"), out.err());
        assertEquals("", out.out(), "nothing printed but the refusal");
        assertEquals(0, Cli.run("validate", spec.toString(), "--data-dir", data.toString(), "--max-cost-hours", "400")
                .code());
    }

    @Test
    void validateNotesATsneSampleOnStderrAndKeepsTheSpecOnStdout() throws IOException {
        Cli.Output out = Cli.run("validate", spec(MANY_KEPT + "tsne: {seed: 5}\n").toString(), "--data-dir",
                dir.resolve("none").toString());
        assertEquals(0, out.code(), out.err());
        assertTrue(out.out().startsWith("study: budget\n"), out.out());
        assertFalse(out.out().contains("maxPoints"), "the default is not printed, so the stage's key is unchanged");
        assertEquals("basin: note: t-SNE: 7,552 models, more than tsne.maxPoints 2,000; a sample of 2,000 drawn from"
                + " tsne.seed 5 is embedded (tsne.maxPoints may be raised to 10,000).", out.err().strip());
    }

    @Test
    void planShowsTheEstimateAndItsDominantTerms() throws IOException {
        Path state = dir.resolve("plan-state");
        Cli.Output out = Cli.run("plan", spec(MANY_KEPT + "tsne: {}\nsimilarity: {scopes: [members]}\n").toString(),
                "--no-calibrate", "--data-dir", state.toString());
        assertEquals(0, out.code(), out.err());
        assertTrue(out.out().matches("(?s).*\nEstimated cost: ~[0-9.]+ min of worker time on this machine \\(t-SNE of"
                + " 2,000 models ~[0-9.]+ min, similarity of 2,016 pairs ~[0-9.]+ s, training and evaluation"
                + " not timed: no calibration of this model here \\(basin plan --calibrate\\)\\); the budget is 48 h"
                + " \\(--max-cost-hours\\)\\.\n.*"), out.out());
        assertTrue(out.out().contains("\nNote: t-SNE: 7,552 models, more than tsne.maxPoints 2,000; a sample of 2,000"
                + " drawn from tsne.seed "), out.out());
        assertFalse(Files.exists(state), "plan writes nothing without --calibrate");
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /** Runs the CLI with a fresh {@code --data-dir}; exit 2, one message, and the data folder never created. */
    private static Cli.Output refused(List<String> args) {
        Path state = dir.resolve("state-" + System.nanoTime());
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--data-dir", state.toString()));
        Cli.Output out = Cli.run(all.toArray(String[]::new));
        assertEquals(Basin.BAD_INPUT, out.code(), "exit code; stderr: " + out.err());
        assertFalse(out.err().contains("\tat "), "one message, no stack trace: " + out.err());
        assertFalse(Files.exists(state), "nothing may be started or written: " + state + " exists");
        return out;
    }

    private static Path spec(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "spec-", ".yaml"), yaml);
    }
}
