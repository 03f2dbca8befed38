package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.basin.artifacts.ArtifactRef;
import dev.basin.engine.io.Npy;
import dev.basin.engine.landscape.Geometry;
import dev.basin.engine.train.Checkpoints;
import dev.basin.engine.weights.WeightVectors;
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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The stages {@code plane}, {@code interpolation} and {@code shift} on a small study (3 half-width small
 * CNNs, 2 epochs of 1,000 synthetic images) through the real workflow and worker. The grid has margin 0, so
 * (0, 0) and (1, 0) are grid points whenever the third final projects between the first two (a3 in
 * [0, 1], as three independent solutions do); there the plane must reproduce the members' own
 * evaluations, as the line must at t = 0 and t = 1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlaneShiftAnalysesTest {
    private static final String STUDY = "planes";
    private static final Duration LIMIT = Duration.ofMinutes(6);
    private static final double SAME = 1e-5;
    private static final List<String> STAGES = List.of("plane/0", "plane/0/projections", "plane/0/row-00",
            "plane/0/row-01", "plane/0/row-02", "interpolation/final:0-final:1", "shift/gaussian-noise",
            "shift/rotation");

    @TempDir static Path dir;
    static StudyStack stack;
    static String spec;

    @BeforeAll
    static void runStudy() {
        stack = new StudyStack(dir, 1000, 500, 1);
        spec = """
                study: planes
                seed: 11
                %s
                model: {name: small-cnn, width: 0.5}
                train: {members: 3, epochs: 2, batchSize: 100, lr: 0.1}
                trajectory: {every: 1}
                plane:
                  - {anchors: [final:0, final:1, final:2], grid: 3, margin: 0, trainSubset: 300}
                interpolation: {pairs: [[final:0, final:1]], points: 7, margin: 0.25, trainSubset: 300}
                shift: {corruptions: [gaussian-noise, rotation], severities: [1, 5]}
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
    void planeIsBuiltOnTheFirstTwoFinalsAndProjectsTheThird() throws SQLException {
        double[] w0 = finalWeights(0);
        double[] w1 = finalWeights(1);
        double[] w2 = finalWeights(2);
        // a3 and b3 from their definition, without Gram–Schmidt: the component of w2 − w0 along u and the rest
        double uu = 0;
        double du = 0;
        double dd = 0;
        for (int k = 0; k < w0.length; k++) {
            double u = w1[k] - w0[k];
            double d = w2[k] - w0[k];
            uu += u * u;
            du += d * u;
            dd += d * d;
        }
        double a3 = du / uu;
        double b3 = Math.sqrt(dd - du * du / uu) / Math.sqrt(uu);
        assertEquals(Math.sqrt(uu), number("select u_norm from plane where study = ?"), 1e-6 * Math.sqrt(uu));
        List<List<String>> anchors = stack.db.rows("select label, kind, a, b from plane_points_projected"
                + " where study = ? and kind = 'anchor' order by label", STUDY);
        assertEquals(3, anchors.size(), anchors.toString());
        assertEquals(List.of("final:0", "anchor", "0.0", "0.0"), normalised(anchors.get(0)));
        assertEquals(List.of("final:1", "anchor", "1.0", "0.0"), normalised(anchors.get(1)));
        assertEquals(a3, Double.parseDouble(anchors.get(2).get(2)), 1e-6);
        assertEquals(b3, Double.parseDouble(anchors.get(2).get(3)), 1e-6);
        assertTrue(b3 > 0 && a3 >= 0 && a3 <= 1, "the third final projects between the others: a3 " + a3);
    }

    @Test
    @Order(2)
    void everyKeptCheckpointIsProjectedAndTheLastOnesFallOnTheirFinals() throws SQLException {
        List<List<String>> checkpoints = stack.db.rows("select label, a, b from plane_points_projected"
                + " where study = ? and kind = 'checkpoint' order by label", STUDY);
        assertEquals(List.of("checkpoint:0@1", "checkpoint:0@2", "checkpoint:1@1", "checkpoint:1@2", "checkpoint:2@1",
                "checkpoint:2@2"), checkpoints.stream().map(r -> r.get(0)).toList());
        for (int member = 0; member < 3; member++) {
            // the last checkpoint holds the final weights: it must land on its member's anchor
            List<String> last = checkpoints.get(2 * member + 1);
            List<String> anchor = stack.db.rows("select a, b from plane_points_projected where study = ?"
                    + " and label = ?", STUDY, "final:" + member).get(0);
            assertEquals(Double.parseDouble(anchor.get(0)), Double.parseDouble(last.get(1)), 1e-6, last.get(0));
            assertEquals(Double.parseDouble(anchor.get(1)), Double.parseDouble(last.get(2)), 1e-6, last.get(0));
            List<String> first = checkpoints.get(2 * member);
            assertTrue(Math.abs(Double.parseDouble(first.get(1)) - Double.parseDouble(anchor.get(0)))
                    + Math.abs(Double.parseDouble(first.get(2)) - Double.parseDouble(anchor.get(1))) > 1e-3,
                    "epoch 1 of member " + member + " is not its final");
        }
    }

    @Test
    @Order(3)
    void gridPointsAtTheAnchorsReproduceTheMembersEvaluations() throws Exception {
        assertEquals(9, number("select count(*) from plane_surface where study = ?"));
        for (int member = 0; member < 2; member++) {
            int i = member * 2; // a = 0 and a = 1 are the first and last columns of row 0 (b = 0)
            List<String> p = stack.db.rows("select a, b, test_nll, test_error, similarity_to_first"
                    + " from plane_surface where study = ? and i = ? and j = 0", STUDY, i).get(0);
            assertEquals(member, Double.parseDouble(p.get(0)), 0.0);
            assertEquals(0.0, Double.parseDouble(p.get(1)), 0.0);
            assertEquals(memberTest(member, "nll"), Double.parseDouble(p.get(2)), SAME);
            assertEquals(1 - memberTest(member, "accuracy"), Double.parseDouble(p.get(3)), SAME);
            double expected = 1 - Geometry.disagreement(testPredictions(member), testPredictions(0));
            assertEquals(expected, Double.parseDouble(p.get(4)), SAME);
        }
        assertTrue(number("select count(*) from plane_surface where study = ? and similarity_to_first < 1") > 0,
                "independent solutions disagree somewhere on the plane");
    }

    @Test
    @Order(4)
    void lineEndsAreTheTwoMembers() throws Exception {
        List<List<String>> line = stack.db.rows("select t, test_nll, test_error, train_loss from interpolation_curve"
                + " where study = ? and pair = 'final:0-final:1' order by i", STUDY);
        assertEquals(List.of(-0.25, 0.0, 0.25, 0.5, 0.75, 1.0, 1.25),
                line.stream().map(r -> Double.parseDouble(r.get(0))).toList());
        for (int member = 0; member < 2; member++) {
            List<String> end = line.get(1 + 4 * member);
            assertEquals(memberTest(member, "nll"), Double.parseDouble(end.get(1)), SAME);
            assertEquals(1 - memberTest(member, "accuracy"), Double.parseDouble(end.get(2)), SAME);
            // the same weights on the same 300 training images as the plane's anchor point
            assertEquals(number("select train_loss from plane_surface where study = ? and j = 0 and i = ?",
                    2 * member), Double.parseDouble(end.get(3)), 1e-9);
        }
    }

    @Test
    @Order(5)
    void shiftScoresEveryFinalAndTheDeepEnsembleAtEverySeverity() throws Exception {
        assertEquals(16, number("select count(*) from shift_metrics where study = ?"));
        assertEquals(List.of("deep x3 4", "final:0 4", "final:1 4", "final:2 4"), stack.db.column(
                "select label || ' ' || count(*) from shift_metrics where study = ? group by label order by label",
                STUDY));
        for (int member = 0; member < 3; member++) {
            double clean = memberTest(member, "accuracy");
            double mild = shift("final:" + member, "rotation", 1, "accuracy");
            double severe = shift("final:" + member, "rotation", 5, "accuracy");
            assertTrue(severe < mild && severe < clean, "member " + member + ": rotation by 75° must hurt: clean "
                    + clean + ", 15° " + mild + ", 75° " + severe);
        }
        // the NLL of averaged probabilities is at most the members' mean NLL (Jensen), example by example
        for (String corruption : List.of("gaussian-noise", "rotation")) {
            for (int severity : List.of(1, 5)) {
                double mean = 0;
                for (int member = 0; member < 3; member++) {
                    mean += shift("final:" + member, corruption, severity, "nll") / 3;
                }
                assertTrue(shift("deep x3", corruption, severity, "nll") <= mean + 1e-9, corruption + " " + severity);
            }
        }
    }

    @Test
    @Order(6)
    void rerunReusesAndAStageCutShortResumesWhereItStopped() throws Exception {
        Map<String, List<String>> before = snapshot();
        // row 1 "cut short": point (1, 1) never stored; point (0, 1) marked so that recomputing it would show
        stack.db.rows("delete from plane_point where i = 1 and j = 1 returning i");
        stack.db.rows("update plane_point set test_nll = 42 where i = 0 and j = 1 returning i");
        stack.db.rows("delete from shift_metric where corruption = 'rotation' returning id");
        stack.run(STUDY, spec, LIMIT);

        Map<String, String> states = stageStates();
        for (String stage : STAGES) {
            boolean redone = stage.equals("plane/0/row-01") || stage.equals("shift/rotation");
            assertEquals(redone ? "done" : "reused", states.get(stage), stage);
        }
        assertEquals(42.0, number("select test_nll from plane_surface where study = ? and i = 0 and j = 1"), 0.0,
                "a stored point is not computed again");
        stack.db.rows("update plane_point set test_nll = ? where i = 0 and j = 1 returning i",
                Double.parseDouble(before.get("plane").get(3).split(" ")[4]));
        // the missing point and the corrupted test sets come out bit for bit as before
        assertEquals(before, snapshot());
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static Map<String, List<String>> snapshot() throws SQLException {
        return Map.of(
                "plane", stack.db.column("select i || ' ' || j || ' ' || a || ' ' || b || ' ' || test_nll || ' '"
                        + " || train_loss || ' ' || similarity_to_first from plane_surface where study = ?"
                        + " order by j, i", STUDY),
                "line", stack.db.column("select t || ' ' || test_nll || ' ' || train_loss from interpolation_curve"
                        + " where study = ? order by i", STUDY),
                "shift", stack.db.column("select label || ' ' || corruption || ' ' || severity || ' ' || accuracy"
                        + " || ' ' || nll || ' ' || brier || ' ' || ece from shift_metrics where study = ?"
                        + " order by label, corruption, severity", STUDY));
    }

    private static Map<String, String> stageStates() throws SQLException {
        return stack.db.rows("select stage, state from stage where study = ? and (stage like 'plane/%'"
                + " or stage like 'interpolation/%' or stage like 'shift/%')", STUDY).stream()
                .collect(Collectors.toMap(r -> r.get(0), r -> r.get(1)));
    }

    /** The one number {@code sql} selects, its first parameter the study. */
    private static double number(String sql, Object... more) throws SQLException {
        Object[] params = new Object[more.length + 1];
        params[0] = STUDY;
        System.arraycopy(more, 0, params, 1, more.length);
        return Double.parseDouble(stack.db.one(sql, params).orElseThrow());
    }

    private static double memberTest(int member, String metric) throws SQLException {
        return Double.parseDouble(stack.db.one("select " + metric + " from member_metrics where study = ?"
                + " and kind = 'final' and member = ? and split = 'test'", STUDY, member).orElseThrow());
    }

    private static double shift(String label, String corruption, int severity, String metric) throws SQLException {
        return Double.parseDouble(stack.db.one("select " + metric + " from shift_metrics where study = ?"
                + " and label = ? and corruption = ? and severity = ?", STUDY, label, corruption, severity)
                .orElseThrow());
    }

    private static double[] finalWeights(int member) throws SQLException {
        List<String> r = stack.db.rows("select artifact_key, sha256, bytes from model where study = ?"
                + " and kind = 'final' and member = ?", STUDY, member).get(0);
        byte[] zip = stack.artifacts.get(new ArtifactRef(r.get(0), r.get(1), Long.parseLong(r.get(2))));
        return WeightVectors.flat(Checkpoints.read(zip).net()).castTo(DataType.DOUBLE).toDoubleVector();
    }

    private static INDArray testPredictions(int member) throws SQLException {
        List<String> r = stack.db.rows("select p.artifact_key, p.sha256, p.bytes from prediction p join model m"
                + " on m.id = p.model_id where m.study = ? and m.kind = 'final' and m.member = ?"
                + " and p.split = 'test'", STUDY, member).get(0);
        return Npy.read(stack.artifacts.get(new ArtifactRef(r.get(0), r.get(1), Long.parseLong(r.get(2)))));
    }

    /** A row with its numbers as Java prints them, so 0 and -0 read alike. */
    private static List<String> normalised(List<String> row) {
        return List.of(row.get(0), row.get(1), String.valueOf(Double.parseDouble(row.get(2)) + 0.0),
                String.valueOf(Double.parseDouble(row.get(3)) + 0.0));
    }
}
