package dev.basin.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.basin.db.PlannedStageRow;
import dev.basin.db.StageRow;
import dev.basin.db.StageState;
import dev.basin.plan.PlanDiff.Action;
import dev.basin.plan.PlanDiff.Decision;
import dev.basin.spec.SpecParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** {@code basin plan}'s decisions against stored stage rows, and the reasons it gives. */
class PlanDiffTest {
    private static final String SPEC = """
            study: d
            seed: 1
            data: {dataset: fashion-mnist, trainSubset: 512, testSubset: 256}
            model: small-cnn
            train: {members: 3, epochs: 1}
            trajectory: {every: 1}
            tsne: {perplexity: 10}
            plane:
              - {anchors: [final:0, final:1, final:2], grid: 4}
            """;

    private static StagePlan plan(String yaml) {
        return StagePlan.of(SpecParser.parse(yaml), "run-" + SpecParser.parse(yaml).seed(), "engine-1");
    }

    /** The rows a finished run of {@code plan} leaves, each stage in {@code state}. */
    private static List<StageRow> states(StagePlan plan, UnaryOperator<String> state) {
        return plan.nodes().stream().map(n -> new StageRow("d", n.name(), n.inputKey(), StageState.fromText(state.apply(n.name())), 1,
                null, null, null)).toList();
    }

    private static List<PlannedStageRow> graph(StagePlan plan) {
        List<PlannedStageRow> out = new ArrayList<>();
        for (StageNode n : plan.nodes()) {
            out.add(PlannedStageRow.of(n.name(), out.size(), n.inputKey(), n.activity().text(), n.subject().text(),
                    n.parents(), n.inputs()));
        }
        return out;
    }

    private static Decision decision(PlanDiff diff, String stage) {
        return diff.decisions().stream().filter(d -> d.node().name().equals(stage)).findFirst().orElseThrow();
    }

    @Test
    void nothingStoredComputesEverything() {
        PlanDiff diff = PlanDiff.of(plan(SPEC), List.of(), List.of(), List.of());
        assertEquals(Map.of(Action.REUSE, 0L, Action.COMPUTE, (long) plan(SPEC).nodes().size(), Action.RECOMPUTE, 0L),
                diff.counts());
        assertEquals("new", diff.decisions().get(0).why());
    }

    @Test
    void finishedStagesAreReusedAndUnfinishedOnesResumed() {
        StagePlan p = plan(SPEC);
        PlanDiff diff = PlanDiff.of(p, states(p, s -> s.equals("train/member-001") ? "failed"
                : s.equals("train/member-002") ? "reused" : "done"), graph(p), List.of());
        assertEquals(new Decision(p.node("train/member-001"), Action.COMPUTE, "resume: was failed"),
                decision(diff, "train/member-001"));
        assertEquals(Action.REUSE, decision(diff, "train/member-002").action());
        assertEquals(p.nodes().size() - 1, diff.counts().get(Action.REUSE));
    }

    @Test
    void membersTrainedUnderTheRunKeyAreReusedWhateverTheirStageRowSays() {
        StagePlan p = plan(SPEC);
        // rows of an older Basin: other keys, no recorded inputs; members 0 and 2 have final weights
        List<StageRow> old = p.nodes().stream().map(n -> new StageRow("d", n.name(), "older-" + n.inputKey(), StageState.DONE,
                1, null, null, null)).toList();
        PlanDiff diff = PlanDiff.of(p, old, List.of(), List.of(), java.util.Set.of(0, 2));
        assertEquals(new Decision(p.node("train/member-000"), Action.REUSE, "trained under this run key"),
                decision(diff, "train/member-000"));
        assertEquals(Action.RECOMPUTE, decision(diff, "train/member-001").action());
        assertEquals(Action.RECOMPUTE, decision(diff, "evaluate/member-000").action(), "keyed by the stage key");
    }

    @Test
    void aChangedAnalysisKeyRecomputesThatStageAloneNamingTheLine() {
        StagePlan before = plan(SPEC);
        StagePlan after = plan(SPEC.replace("perplexity: 10", "perplexity: 20"));
        PlanDiff diff = PlanDiff.of(after, states(before, s -> "done"), graph(before), List.of());
        assertEquals(List.of("tsne"), diff.decisions().stream().filter(d -> d.action() == Action.RECOMPUTE)
                .map(d -> d.node().name()).toList());
        assertEquals("tsne.perplexity: 10.0 -> 20.0", decision(diff, "tsne").why());
    }

    @Test
    void aStageWhoseOnlyChangeIsUpstreamSaysSo() {
        StagePlan before = plan(SPEC);
        StagePlan after = plan(SPEC.replace("grid: 4", "grid: 3"));
        PlanDiff diff = PlanDiff.of(after, states(before, s -> "done"), graph(before), List.of());
        assertEquals("plane.grid: 4 -> 3", decision(diff, "plane/0").why());
        assertEquals("upstream: plane/0", decision(diff, "plane/0/row-01").why());
        assertEquals(List.of("plane/0/row-03"), diff.dropped(), "the fourth row is no longer planned");
    }

    @Test
    void aNewSeedRecomputesEveryStageNamingTheRunKeyChange() {
        StagePlan before = plan(SPEC);
        StagePlan after = plan(SPEC.replace("seed: 1", "seed: 2"));
        PlanDiff diff = PlanDiff.of(after, states(before, s -> "done"), graph(before), List.of("seed: 1 -> 2"));
        assertEquals(after.nodes().size(), diff.counts().get(Action.RECOMPUTE));
        assertEquals("run key: seed: 1 -> 2", decision(diff, "evaluate/member-000").why());
    }

    @Test
    void manyNamesAreAbbreviated() {
        assertEquals("a, b, c", PlanDiff.names(List.of("a", "b", "c")));
        assertEquals("a, b … (4)", PlanDiff.names(List.of("a", "b", "c", "d")));
    }
}
