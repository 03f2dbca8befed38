package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.artifacts.ArtifactRef;
import dev.basin.engine.io.Npy;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The stages {@code spawn}, {@code align}, {@code distill} and {@code barriers} on a small study (3 half-width
 * small CNNs, 3 epochs of 1,000 synthetic images) through the real workflow and worker: 2 children spawned from
 * member 0 at epochs 1 and 2, members 1 and 2 aligned to member 0, two distill groups (the deep ensemble teaching;
 * member 1 teaching under the connectivity penalty; one student of a spawned child), and the barriers within every one of these ensembles. The
 * network has no batch norm, so a line's ends must reproduce the models' own evaluations exactly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SingleBasinAnalysesTest {
    private static final String STUDY = "basin";
    private static final Duration LIMIT = Duration.ofMinutes(8);
    private static final double SAME = 1e-5;
    private static final List<String> STAGES = List.of("spawn/e1/child-00", "spawn/e1/child-01", "spawn/e1/ensembles",
            "spawn/e2/child-00", "spawn/e2/child-01", "spawn/e2/ensembles", "align", "distill/teacher/deep",
            "distill/teacher/final:1", "distill/0/student-00", "distill/0/student-01", "distill/0/ensembles",
            "distill/1/student-00", "distill/1/student-01", "distill/1/ensembles", "distill/2/student-00",
            "distill/2/ensembles", "barriers/deep", "barriers/spawn/e1", "barriers/spawn/e2", "barriers/aligned",
            "barriers/distill/0", "barriers/distill/1", "barriers/distill/2");

    @TempDir static Path dir;
    static StudyStack stack;
    static String spec;

    @BeforeAll
    static void runStudy() {
        stack = new StudyStack(dir, 1000, 500, 1);
        spec = """
                study: basin
                seed: 5
                %s
                model: {name: small-cnn, width: 0.5}
                train: {members: 3, epochs: 3, batchSize: 100, lr: 0.1}
                spawn: {at: [2, 1], children: 2}
                align: {}
                distill:
                  - {students: 2, epochs: 1}
                  - {students: 2, epochs: 1, teacher: final:1, penalty: 1.0}
                  - {students: 1, epochs: 1, from: spawn:1@2}
                barriers: {points: 5, trainSubset: 300}
                """.formatted(stack.dataLine());
        stack.run(STUDY, spec, LIMIT);
    }

    @AfterAll
    static void close() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void everyStageRanOnce() throws SQLException {
        assertEquals(STAGES.stream().collect(Collectors.toMap(Function.identity(), s -> "done")), stageStates());
    }

    @Test
    @Order(2)
    void childrenContinueTheParentToItsLastEpochWithTheirOwnDataOrder() throws SQLException {
        List<List<String>> rows = stack.db.rows("select model_label(kind, member, epoch, variant), epoch, step,"
                + " weights_sha256 from model where study = ? and kind in ('spawn', 'final') order by kind, variant,"
                + " member", STUDY);
        List<String> labels = rows.stream().map(r -> r.get(0)).toList();
        assertEquals(List.of("final:0", "final:1", "final:2", "spawn:0 e1 #0", "spawn:0 e1 #1", "spawn:0 e2 #0",
                "spawn:0 e2 #1"), labels);
        for (List<String> r : rows) {
            assertEquals(List.of("3", "30"), r.subList(1, 3), "every child ends where its parent does: " + r);
        }
        assertEquals(rows.size(), rows.stream().map(r -> r.get(3)).distinct().count(), "all weights differ");
        assertEquals(List.of("e1 1", "e1 2", "e2 1", "e2 2"), stack.db.column("select variant || ' ' || size"
                + " from ensemble_size where study = ? and kind = 'spawn' order by variant, size", STUDY));
    }

    @Test
    @Order(3)
    void alignedMembersComputeTheSameFunctionsNearerTheReference() throws SQLException {
        for (int member = 1; member <= 2; member++) {
            for (String metric : List.of("accuracy", "nll", "ece")) {
                assertEquals(metric(member, "final", metric), metric(member, "aligned", metric), SAME,
                        "aligned:" + member + " " + metric);
            }
        }
        assertEquals(stack.db.column("select size || ' ' || round(nll::numeric, 5) from ensemble_size"
                        + " where study = ? and kind = 'deep' order by size", STUDY),
                stack.db.column("select size || ' ' || round(nll::numeric, 5) from ensemble_size"
                        + " where study = ? and kind = 'aligned' order by size", STUDY));
        List<List<String>> summary = stack.db.rows("select member, distance_before, distance_after, barrier_before,"
                + " barrier_after, merged_accuracy from alignment_summary where study = ? order by member", STUDY);
        assertEquals(2, summary.size(), summary.toString());
        for (List<String> s : summary) {
            assertTrue(Double.parseDouble(s.get(2)) <= Double.parseDouble(s.get(1)), "closer after: " + s);
            for (String v : s) {
                assertTrue(v != null && Double.isFinite(Double.parseDouble(v)), s.toString());
            }
        }
    }

    @Test
    @Order(4)
    void everyPairOfEveryEnsembleHasABarrierWhoseEndsAreTheModelsOwnEvaluations() throws SQLException {
        assertEquals(List.of("aligned  3", "deep  3", "spawn e1 3", "spawn e2 3", "student 0 3", "student 1 3",
                        "student 2 1"),
                stack.db.column("select kind || ' ' || variant || ' ' || count(*) from barriers where study = ?"
                        + " group by kind, variant order by kind, variant", STUDY));
        List<List<String>> ends = stack.db.rows("select p.a, p.b, p.i, p.test_error, p.test_nll from barrier_profile p"
                + " where p.study = ? and p.i in (0, 4)", STUDY);
        assertEquals(38, ends.size());
        for (List<String> e : ends) {
            String label = e.get(2).equals("0") ? e.get(0) : e.get(1);
            double error = Double.parseDouble(stack.db.one("select 1 - accuracy from member_metrics where study = ?"
                    + " and label = ? and split = 'test'", STUDY, label).orElseThrow());
            assertEquals(error, Double.parseDouble(e.get(3)), SAME, e.toString());
        }
        for (List<String> b : stack.db.rows("select train_loss_barrier, test_error_barrier, disagreement from barriers"
                + " where study = ?", STUDY)) {
            for (String v : b) {
                assertTrue(Double.parseDouble(v) >= 0, b.toString());
            }
        }
    }

    @Test
    @Order(5)
    void ensembleConnectivityAveragesTheEnsemblesOwnPairs() throws SQLException {
        List<List<String>> rows = stack.db.rows("select kind, variant, size, mean_barrier, mean_disagreement,"
                + " mean_member_accuracy, mean_barrier_to_anchor, pairs from ensemble_connectivity where study = ?"
                + " and kind in ('deep', 'aligned', 'spawn', 'student') order by kind, variant, size", STUDY);
        assertEquals(15, rows.size(), "deep and aligned 1-3, spawn e1, e2 and students 0, 1 sizes 1-2, students 2");
        for (List<String> r : rows) {
            boolean single = r.get(2).equals("1");
            assertEquals(single, r.get(3) == null, r.toString());
            assertEquals(r.get(0).equals("spawn") || r.get(0).equals("student"), r.get(6) != null, r.toString());
        }
        double deepPairs = Double.parseDouble(stack.db.one("select avg(train_loss_barrier) from barrier where study = ?"
                + " and kind = 'deep'", STUDY).orElseThrow());
        assertEquals(deepPairs, Double.parseDouble(stack.db.one("select mean_barrier from ensemble_connectivity where"
                + " study = ? and kind = 'deep' and size = 3", STUDY).orElseThrow()), 1e-12);
        double twoMembers = (metric(0, "final", "accuracy") + metric(1, "final", "accuracy")) / 2;
        assertEquals(twoMembers, Double.parseDouble(stack.db.one("select mean_member_accuracy from"
                + " ensemble_connectivity where study = ? and kind = 'deep' and size = 2", STUDY).orElseThrow()), 1e-12);
        assertNull(stack.db.rows("select mean_barrier from ensemble_connectivity where study = ? and kind = 'deep'"
                + " and size = 1", STUDY).get(0).get(0));
    }

    @Test
    @Order(6)
    void eachTeacherIsStoredOnceAndStudentsStartWhereTheSpecSays() throws Exception {
        List<List<String>> teachers = stack.db.rows("select teacher, artifact_key, sha256, bytes from teacher"
                + " where study = ? order by teacher", STUDY);
        assertEquals(List.of("deep", "final:1"), teachers.stream().map(t -> t.get(0)).toList());
        assertNotEquals(teachers.get(0).get(1), teachers.get(1).get(1));
        for (List<String> t : teachers) {
            INDArray probs = Npy.read(stack.artifacts.get(new ArtifactRef(t.get(1), t.get(2),
                    Long.parseLong(t.get(3)))));
            assertEquals(List.of(1000L, 10L), List.of(probs.size(0), probs.size(1)), t.get(0));
            assertEquals(1000, probs.sum(1).sumNumber().doubleValue(), 1e-2, "rows are distributions");
        }
        assertEquals(List.of("student:0 #0", "student:0 #1", "student:1 #0", "student:1 #1", "student:2 #0"),
                stack.db.column("select label from member_metrics where study = ? and kind = 'student'"
                        + " and split = 'test' order by label", STUDY));
        assertEquals(List.of("spawn:0 e2 #1 student:2 #0"), stack.db.column("select a || ' ' || b from barriers"
                + " where study = ? and kind = 'student' and variant = '2'", STUDY), "the student's anchor: its start");
    }

    @Test
    @Order(7)
    void rerunReusesEveryStage() throws SQLException {
        List<String> before = stack.db.column("select kind || variant || a || b || train_loss_barrier from barriers"
                + " where study = ? order by 1", STUDY);
        stack.run(STUDY, spec, LIMIT);
        assertEquals(STAGES.stream().collect(Collectors.toMap(Function.identity(), s -> "reused")), stageStates());
        assertEquals(before, stack.db.column("select kind || variant || a || b || train_loss_barrier from barriers"
                + " where study = ? order by 1", STUDY));
    }

    private static Map<String, String> stageStates() throws SQLException {
        return stack.db.rows("select stage, state from stage where study = ? and (stage like 'spawn/%'"
                + " or stage like 'distill/%' or stage like 'barriers/%' or stage = 'align')", STUDY).stream()
                .collect(Collectors.toMap(r -> r.get(0), r -> r.get(1)));
    }

    private static double metric(int member, String kind, String metric) throws SQLException {
        return Double.parseDouble(stack.db.one("select " + metric + " from member_metrics where study = ?"
                + " and kind = ? and member = ? and split = 'test'", STUDY, kind, member).orElseThrow());
    }
}
