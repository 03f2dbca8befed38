package dev.basin.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.activities.Subject;
import dev.basin.spec.SpecParser;
import dev.basin.spec.StudySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The plan of {@code examples/landscape.yaml}: its edges, and which keys a one-line change of the spec moves. */
class StagePlanTest {
    private static final Path LANDSCAPE = Path.of("..", "examples", "landscape.yaml");

    private static String landscape() throws IOException {
        return Files.readString(LANDSCAPE);
    }

    private static StagePlan plan(String yaml) {
        StudySpec spec = SpecParser.parse(yaml);
        return StagePlan.of(spec, "run-key", "engine-x");
    }

    private static Set<String> members(String prefix, int n) {
        Set<String> out = new TreeSet<>();
        for (int m = 0; m < n; m++) {
            out.add(String.format("%s/member-%03d", prefix, m));
        }
        return out;
    }

    @Test
    void aPlaneRowDependsOnItsAnchorsStagesOnly() throws IOException {
        StagePlan plan = plan(landscape());
        assertEquals(List.of("plane/0"), plan.node("plane/0/row-03").parents());
        Set<String> expected = new TreeSet<>(Set.of("plane/0", "train/member-000", "train/member-001",
                "train/member-002", "evaluate/member-000", "evaluate/member-001", "evaluate/member-002"));
        assertEquals(expected, plan.ancestors("plane/0/row-03"));
        assertEquals(new Subject.PlaneRow(0, 3), plan.node("plane/0/row-03").subject());
        assertEquals(11, plan.children("plane/0").stream().filter(n -> n.activity() == StageActivity.PLANE_ROW).count());
    }

    @Test
    void theEdgesFollowWhatEachStageReads() throws IOException {
        StagePlan plan = plan(landscape());
        Set<String> projections = new HashSet<>(plan.node("plane/0/projections").parents());
        assertTrue(projections.containsAll(members("trajectory", 5)), "projects every kept checkpoint");
        assertTrue(projections.containsAll(Set.of("subspace/random", "subspace/dropout", "subspace/diag-gaussian",
                "subspace/low-rank-gaussian", "subspace/multi-swag/member-004")), "and every sample");
        assertEquals(List.of("train/member-000", "evaluate/member-000", "train/member-001", "evaluate/member-001"),
                plan.node("interpolation/final:0-final:1").parents());
        assertEquals(List.of("train/member-000", "evaluate/member-000", "swa/member-000"),
                plan.node("interpolation/final:0-swa:0").parents());
        assertTrue(plan.node("subspace/diag-gaussian").parents().contains("swa/member-000"), "SWAG moments");
        assertFalse(plan.node("subspace/random").parents().contains("swa/member-000"));
        assertTrue(plan.node("shift/blur").parents().containsAll(List.of("ensembles/deep", "ensembles/swa")),
                "shift scores the deep and SWA ensembles");
        assertEquals(List.of("train/member-002"), plan.node("swa/member-002").parents());
        assertEquals(members("evaluate", 5), new TreeSet<>(plan.node("ensembles/deep").parents()));
        assertTrue(plan.children("tsne").isEmpty());
        assertFalse(plan.ancestors("similarity").stream().anyMatch(s -> s.startsWith("subspace")),
                "similarity compares trained models only");
    }

    @Test
    void planningIsDeterministicAndTheOrderPutsParentsFirst() throws IOException {
        StagePlan a = plan(landscape());
        assertEquals(a, plan(landscape()));
        Map<String, Integer> position = a.nodes().stream().collect(Collectors.toMap(StageNode::name,
                n -> a.nodes().indexOf(n)));
        for (StageNode n : a.nodes()) {
            n.parents().forEach(p -> assertTrue(position.get(p) < position.get(n.name()), p + " before " + n.name()));
        }
        assertEquals(a.nodes().size(), a.nodes().stream().map(StageNode::inputKey).distinct().count(),
                "every stage has a key of its own");
    }

    @Test
    void changingTsnePerplexityChangesTheTsneKeyAlone() throws IOException {
        StagePlan before = plan(landscape());
        StagePlan after = plan(landscape().replace("tsne: {perplexity: 10}", "tsne: {perplexity: 20}"));
        assertEquals(Set.of("tsne"), changed(before, after));
        assertTrue(after.node("tsne").inputs().get("spec tsne").contains("perplexity: 20.0"));
    }

    @Test
    void changingSwaStartChangesSwaAndEverythingBelowItButNeverTraining() throws IOException {
        StagePlan before = plan(landscape());
        StagePlan after = plan(landscape().replace("swa: {start: 4, rank: 3}", "swa: {start: 3, rank: 3}"));
        Set<String> below = new TreeSet<>();
        for (StageNode n : before.nodes()) {
            Set<String> up = before.ancestors(n.name());
            if (n.name().startsWith("swa/") || up.stream().anyMatch(s -> s.startsWith("swa/"))) {
                below.add(n.name());
            }
            // subspace.low-rank-gaussian.from defaults to swa.start: the subspace block, in every sampler's key, changes
            if (n.name().startsWith("subspace/")) {
                below.add(n.name());
            }
        }
        assertEquals(below, changed(before, after));
        assertTrue(below.containsAll(Set.of("ensembles/swa", "subspace/diag-gaussian", "shift/blur", "tsne",
                "plane/0/projections")));
        assertFalse(below.stream().anyMatch(s -> s.startsWith("train/") || s.startsWith("plane/0/row")));
    }

    @Test
    void aStudyWithoutAnalysesTrainsEvaluatesAndEnsembles() {
        StagePlan plan = plan("study: s\ntrain: {members: 2, epochs: 1}\n");
        assertEquals(List.of("train/member-000", "train/member-001", "evaluate/member-000", "evaluate/member-001",
                "ensembles/deep"), plan.names());
        assertEquals(List.of(List.of("train/member-000", "train/member-001"),
                List.of("evaluate/member-000", "evaluate/member-001"), List.of("ensembles/deep")), plan.levels());
    }

    @Test
    void aNodeMustComeAfterItsParents() {
        StageNode child = new StageNode("b", StageActivity.TSNE, new Subject.Study(), "k", List.of("a"), new java.util.TreeMap<>());
        StageNode parent = new StageNode("a", StageActivity.TRAIN, new Subject.Member(0), "j", List.of(), new java.util.TreeMap<>());
        var e = assertThrows(IllegalArgumentException.class, () -> new StagePlan(List.of(child, parent)));
        assertTrue(e.getMessage().contains("b runs after a"), e.getMessage());
    }

    @Test
    void everyActivityNamesAMethodOfItsInterface() {
        for (StageActivity a : StageActivity.values()) {
            assertTrue(java.util.Arrays.stream(a.activityInterface().getMethods())
                    .anyMatch(m -> m.getName().equals(a.method())), a + " names " + a.method());
        }
    }

    private static Set<String> changed(StagePlan before, StagePlan after) {
        assertEquals(before.names(), after.names());
        Set<String> out = new TreeSet<>();
        for (StageNode n : before.nodes()) {
            if (!n.inputKey().equals(after.node(n.name()).inputKey())) {
                out.add(n.name());
            }
        }
        return out;
    }
}
