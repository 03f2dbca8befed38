package dev.basin.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.activities.Subject;
import dev.basin.spec.SpecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The plan of {@code examples/single-basin.yaml}: what each single-basin stage runs after, and what a change moves. */
class SingleBasinNodesTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "single-basin.yaml");

    private static StagePlan plan(String yaml) {
        return StagePlan.of(SpecParser.parse(yaml), "run-key", "engine-x");
    }

    private static String example() throws IOException {
        return Files.readString(EXAMPLE);
    }

    @Test
    void eachStageRunsAfterTheStagesWhoseResultsItReads() throws IOException {
        StagePlan plan = plan(example());
        assertEquals(List.of("train/member-000"), plan.node("spawn/e4/child-02").parents());
        assertEquals(new Subject.Child(4, 2), plan.node("spawn/e4/child-02").subject());
        assertEquals(List.of("spawn/e1/child-00", "spawn/e1/child-01", "spawn/e1/child-02"),
                plan.node("spawn/e1/ensembles").parents());
        assertEquals(List.of("evaluate/member-000", "evaluate/member-001", "evaluate/member-002",
                "evaluate/member-003"), plan.node("align").parents());
        assertEquals(List.of("evaluate/member-000", "evaluate/member-001", "evaluate/member-002",
                "evaluate/member-003"), plan.node("distill/teacher/deep").parents());
        assertEquals(List.of("distill/teacher/deep", "train/member-000", "evaluate/member-000"),
                plan.node("distill/1/student-02").parents());
        assertEquals(List.of("spawn/e4/ensembles", "train/member-000", "evaluate/member-000"),
                plan.node("barriers/spawn/e4").parents());
        assertEquals(List.of("align"), plan.node("barriers/aligned").parents());
        assertEquals(new Subject.Ensemble("student", "1"), plan.node("barriers/distill/1").subject());
        assertEquals(Set.of("barriers/deep", "barriers/spawn/e1", "barriers/spawn/e4", "barriers/aligned",
                "barriers/distill/0", "barriers/distill/1"), names(plan, "barriers/"));
    }

    @Test
    void aTeacherSharedByTwoGroupsIsPreparedOnce() {
        StagePlan plan = plan(spec("distill: [{students: 1}, {students: 2, penalty: 1}, {teacher: final:2}]"));
        assertEquals(Set.of("distill/teacher/deep", "distill/teacher/final:2"), names(plan, "distill/teacher/"));
        assertEquals(List.of("evaluate/member-002"), plan.node("distill/teacher/final:2").parents());
    }

    @Test
    void withoutTheKeyTheSingleBasinEnsemblesGetTheirBarriersWithTheDefaults() {
        StagePlan plan = plan(spec("align: {}"));
        assertEquals(Set.of("barriers/deep", "barriers/aligned"), names(plan, "barriers/"));
        assertEquals("11", plan.node("barriers/deep").inputs().get("spec barriers.points"));
        assertEquals(Set.of(), names(plan(spec("")), "barriers/"), "a study without the keys measures nothing");
    }

    @Test
    void changingOneGroupMovesThatGroupAlone() throws IOException {
        StagePlan before = plan(example());
        StagePlan after = plan(example().replace("penalty: 1.0", "penalty: 2.0"));
        Set<String> moved = before.nodes().stream().filter(n -> !n.inputKey().equals(after.node(n.name()).inputKey()))
                .map(StageNode::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("distill/1/student-00", "distill/1/student-01", "distill/1/student-02",
                "distill/1/ensembles", "barriers/distill/1"), moved);
    }

    @Test
    void moreChildrenStudentsOrEnsemblesLeaveTheTrainedOnesAlone() throws IOException {
        StagePlan before = plan(example());
        StagePlan after = plan(example().replace("children: 3", "children: 4").replace("{students: 3, epochs: 2}",
                "{students: 4, epochs: 2}").replace("trainSubset: 2000}", "trainSubset: 2000, ensembles: [deep, spawn,"
                + " aligned, distill]}"));
        Set<String> moved = before.nodes().stream().filter(n -> !n.inputKey().equals(after.node(n.name()).inputKey()))
                .map(StageNode::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("spawn/e1/ensembles", "spawn/e4/ensembles", "distill/0/ensembles", "barriers/spawn/e1",
                "barriers/spawn/e4", "barriers/distill/0"), moved);
    }

    @Test
    void aSpawnedChildNamedInTheSpecIsTrainedFirst() {
        StagePlan plan = plan(spec("spawn: {at: [2]}\ndistill: [{from: spawn:1@2}]\n"
                + "curves: [{between: [final:0, spawn:0@2]}]"));
        assertEquals(List.of("distill/teacher/deep", "spawn/e2/child-01"), plan.node("distill/0/student-00").parents());
        assertEquals(List.of("train/member-000", "evaluate/member-000", "spawn/e2/child-00"),
                plan.node("curves/final:0-spawn:0@2/bezier").parents());
        assertEquals(List.of("spawn/e2/ensembles", "train/member-000", "evaluate/member-000"),
                plan.node("barriers/spawn/e2").parents());
    }

    @Test
    void trainingCheckpointsAtEverySpawnEpoch() {
        String every4 = spec("spawn: {at: [2]}").replace("checkpointEvery: 1", "checkpointEvery: 4");
        assertEquals(2, cadence(every4));
        assertEquals(1, cadence(spec("spawn: {at: [2, 3]}").replace("checkpointEvery: 1", "checkpointEvery: 4")));
        assertEquals(4, cadence(spec("").replace("checkpointEvery: 1", "checkpointEvery: 4")));
    }

    private static int cadence(String yaml) {
        var spec = SpecParser.parse(yaml);
        return CheckpointCadence.trainConfig(spec.train(), spec.analyses()).checkpointEvery();
    }

    private static Set<String> names(StagePlan plan, String prefix) {
        return plan.nodes().stream().map(StageNode::name).filter(n -> n.startsWith(prefix))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String spec(String more) {
        return """
                study: s
                seed: 1
                data: {dataset: fashion-mnist}
                model: small-cnn
                train: {members: 3, epochs: 6, checkpointEvery: 1}
                %s
                """.formatted(more);
    }
}
