package dev.basin.report.sections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.plan.StagePlan;
import dev.basin.report.Figure;
import dev.basin.report.HandContext;
import dev.basin.report.Section;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sections against the real plans of the examples: each figure waits for stages the plan really has (never
 * "not planned yet"), and once they are all done it runs its query; the figures are those the example's keys ask
 * for.
 */
class SectionStagesTest {
    private static final List<Section> SECTIONS = List.of(new PlaneSection(), new DiversitySection(),
            new EnsembleSizeSection(), new SwaSection(), new InterpolationSection(), new CurvesSection(),
            new BudgetSection(), new SingleBasinSection());
    private static final String SIZES = "ensemble-size-accuracy ensemble-size-nll ensemble-size-brier ensemble-size-ece";
    private static final String PLANE = "plane-0-train-loss plane-0-test-error plane-0-similarity";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "landscape.yaml|" + PLANE + " diversity-accuracy " + SIZES + " swa-vs-sgd interpolation-loss interpolation-error",
        "connectivity.yaml|" + PLANE + " " + SIZES + " interpolation-loss interpolation-error curve-loss curve-error"
                + " budget",
        "single-basin.yaml|" + SIZES + " single-basin-connectivity single-basin-barriers",
        "quickstart.yaml|" + SIZES})
    void everyFigureWaitsForPlannedStagesThenQueries(String example, String ids) throws IOException {
        String yaml = Files.readString(Path.of("..", "examples", example));
        List<String> stages = StagePlan.of(HandContext.of(yaml).spec(), "run", "engine").names();

        List<Figure> waiting = figures(HandContext.of(yaml), c -> {
            stages.forEach(s -> c.stage(s, "pending"));
            return c;
        });
        assertEquals(List.of(ids.split(" ")), waiting.stream().map(Figure::id).toList());
        for (Figure f : waiting) {
            assertEquals(Figure.Status.PENDING, f.status(), f.id());
            assertFalse(f.caption().contains("not planned yet"), f.id() + " waits for no planned stage: "
                    + f.caption());
        }

        HandContext done = HandContext.of(yaml);
        stages.forEach(s -> done.stage(s, "done"));
        done.answer(" from ", List.of("none"), List.of());
        for (Figure f : figures(done, c -> c)) {
            assertEquals(Figure.Status.EMPTY, f.status(), f.id() + ": " + f.caption());
        }
        assertEquals(waiting.size(), done.asked().size(), "one query per figure");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "landscape.yaml|plane/0/row-07|plane-0-train-loss plane-0-test-error plane-0-similarity",
        "landscape.yaml|subspace/dropout|diversity-accuracy",
        "landscape.yaml|swa/member-002|swa-vs-sgd",
        "landscape.yaml|ensembles/multi-swag|" + SIZES,
        "connectivity.yaml|budget|budget",
        "connectivity.yaml|curves/final:0-final:1/bezier/profile|curve-loss curve-error",
        "connectivity.yaml|curves/final:0-final:1/polychain/ensembles|" + SIZES,
        "single-basin.yaml|barriers/deep|single-basin-connectivity single-basin-barriers",
        "quickstart.yaml|ensembles/deep|" + SIZES})
    void oneRunningStageHoldsBackExactlyTheFiguresThatNeedIt(String example, String running, String held)
            throws IOException {
        String yaml = Files.readString(Path.of("..", "examples", example));
        List<String> stages = StagePlan.of(HandContext.of(yaml).spec(), "run", "engine").names();
        assertTrue(stages.contains(running), running + " is not a stage of " + example + ": " + stages);
        HandContext c = HandContext.of(yaml);
        stages.forEach(s -> c.stage(s, s.equals(running) ? "running" : "done"));
        c.answer(" from ", List.of("none"), List.of());
        List<String> pending = new ArrayList<>();
        for (Figure f : figures(c, x -> x)) {
            if (f.status() == Figure.Status.PENDING) {
                pending.add(f.id());
                assertTrue(f.caption().contains(running + " (running)"), f.caption());
            }
        }
        assertEquals(List.of(held.split(" ")), pending);
    }

    private static List<Figure> figures(HandContext c, UnaryOperator<HandContext> setUp) {
        HandContext context = setUp.apply(c);
        List<Figure> out = new ArrayList<>();
        for (Section s : SECTIONS) {
            out.addAll(s.figures(context));
        }
        return out;
    }
}
