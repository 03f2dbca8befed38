package dev.basin.activities.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.basin.activities.PlannedStage;
import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.EnsemblesConfig;
import dev.basin.engine.analysis.PlaneConfig;
import dev.basin.engine.analysis.SwaConfig;
import dev.basin.engine.analysis.TrajectoryConfig;
import dev.basin.engine.analysis.TsneConfig;
import dev.basin.engine.analysis.WeightRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class LandscapeStagesTest {
    private static final PlaneConfig PLANE =
            new PlaneConfig(List.of(WeightRef.finalOf(0), WeightRef.finalOf(1), WeightRef.swa(0)), 3, 0.1, 100);

    private static AnalysesConfig config(double perplexity, int swaStart) {
        return new AnalysesConfig(new TrajectoryConfig(1, 0), null, new TsneConfig(perplexity, 7),
                new SwaConfig(swaStart, 1), null, new EnsemblesConfig(true, true, false, false), List.of(PLANE),
                null, null);
    }

    private static String key(String stage, AnalysesConfig a) {
        return LandscapeStages.key("run", stage, a);
    }

    @Test
    void aChangedAnalysisKeyChangesOnlyTheStagesThatReadIt() {
        AnalysesConfig base = config(5, 2);
        AnalysesConfig otherPerplexity = config(10, 2);
        AnalysesConfig otherSwa = config(5, 3);
        assertEquals(key("trajectory/member-000", base), key("trajectory/member-000", otherPerplexity));
        assertEquals(key("swa/member-000", base), key("swa/member-000", otherPerplexity));
        assertEquals(key("plane/0", base), key("plane/0", otherPerplexity));
        assertNotEquals(key("tsne", base), key("tsne", otherPerplexity));

        assertEquals(key("trajectory/member-000", base), key("trajectory/member-000", otherSwa));
        assertNotEquals(key("swa/member-000", base), key("swa/member-000", otherSwa));
        assertNotEquals(key("plane/0/row-01", base), key("plane/0/row-01", otherSwa), "the plane's third anchor is swa:0");
        assertNotEquals(key("ensembles/swa", base), key("ensembles/swa", otherSwa));
        assertNotEquals(key("plane/0", base), key("plane/0/row-00", base), "each stage has its own key");
    }

    @Test
    void thePlanListsEveryAskedStageInTheOrderTheyRun() {
        List<String> names = LandscapeStages.plan("run", 2, config(5, 2)).stream().map(PlannedStage::stage).toList();
        assertEquals(List.of("trajectory/member-000", "swa/member-000", "trajectory/member-001", "swa/member-001",
                "tsne", "ensembles/swa", "plane/0", "plane/0/row-00", "plane/0/row-01", "plane/0/row-02"), names);
        assertEquals(List.of(), LandscapeStages.plan("run", 2, AnalysesConfig.NONE));
    }
}
