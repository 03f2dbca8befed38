package dev.basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * The stages {@code curves}, {@code fge}, {@code sse} and {@code budget} on a small study (3 half-width small CNNs,
 * 3 epochs of 1,000 synthetic images) through the real workflow and worker: a Bezier curve and a polygonal chain
 * between the first two finals, the plane through final:0, the Bezier bend and final:1, FGE from member 0's
 * checkpoint at epoch 2 (2 cycles of 2 epochs), SSE (2 snapshots per budget, 6 epochs) and the budget table to 2B.
 * The network has no batch norm, so the curves' ends must reproduce the members' own evaluations exactly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectivityAnalysesTest {
    private static final String STUDY = "curves";
    private static final Duration LIMIT = Duration.ofMinutes(8);
    private static final double SAME = 1e-5;
    private static final String BEZIER = "bezier final:0-final:1";
    private static final String CHAIN = "polychain final:0-final:1";
    private static final List<String> STAGES = List.of("curves/final:0-final:1/bezier",
            "curves/final:0-final:1/bezier/profile", "curves/final:0-final:1/bezier/ensembles",
            "curves/final:0-final:1/polychain", "curves/final:0-final:1/polychain/profile",
            "curves/final:0-final:1/polychain/ensembles", "fge", "sse", "budget", "plane/0", "plane/0/row-00",
            "plane/0/row-01", "plane/0/row-02");

    @TempDir static Path dir;
    static StudyStack stack;
    static String spec;

    @BeforeAll
    static void runStudy() {
        stack = new StudyStack(dir, 1000, 500, 1);
        spec = """
                study: curves
                seed: 5
                %s
                model: {name: small-cnn, width: 0.5}
                train: {members: 3, epochs: 3, batchSize: 100, lr: 0.1}
                curves:
                  - {between: [final:0, final:1], epochs: 2, lr: 0.05, points: 5, trainSubset: 300, ensemble: 3}
                  - {between: [final:0, final:1], type: polychain, epochs: 2, lr: 0.05, points: 5, trainSubset: 300,
                     ensemble: 2}
                plane:
                  - {anchors: [final:0, bend:0, final:1], grid: 3, margin: 0, trainSubset: 300}
                fge: {from: checkpoint:0@2, cycle: 2, cycles: 2, lr1: 0.05, lr2: 0.005}
                sse: {snapshots: 2, epochs: 6}
                budget: {max: 2}
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
    void eachCurveStartsAndEndsAtTheMembersAndIsNoShorterThanTheLine() throws SQLException {
        for (String curve : List.of(BEZIER, CHAIN)) {
            List<List<String>> points = stack.db.rows("select t, test_nll, test_error, line_test_nll, line_test_error"
                    + " from curve_profile where study = ? and curve = ? order by i", STUDY, curve);
            assertEquals(List.of(0.0, 0.25, 0.5, 0.75, 1.0), points.stream().map(p -> Double.parseDouble(p.get(0)))
                    .toList(), curve);
            for (int member = 0; member < 2; member++) {
                List<String> end = points.get(4 * member);
                assertEquals(memberTest(member, "nll"), Double.parseDouble(end.get(1)), SAME, curve);
                assertEquals(1 - memberTest(member, "accuracy"), Double.parseDouble(end.get(2)), SAME, curve);
                assertEquals(end.get(1), end.get(3), "the curve and the line share their ends: " + curve);
            }
            double length = number("select length from curve where study = ? and label = ?", curve);
            double line = number("select line_length from curve where study = ? and label = ?", curve);
            assertTrue(length >= line * (1 - 1e-6), curve + ": length " + length + " < line " + line);
            assertEquals(length, number("select length from curve_summary where study = ? and curve = ?"
                    + " and path = 'curve' and metric = 'test_error'", curve), 1e-6 * length);
            assertEquals(line, number("select length from curve_summary where study = ? and curve = ?"
                    + " and path = 'line' and metric = 'test_error'", curve), 1e-5 * line);
        }
        assertEquals(16, number("select count(*) from curve_summary where study = ?"), "2 curves × 2 paths × 4");
    }

    @Test
    @Order(3)
    void curveEnsemblesAreStoredBySizeForEachCurve() throws SQLException {
        assertEquals(List.of(BEZIER + " 1", BEZIER + " 2", BEZIER + " 3", CHAIN + " 1", CHAIN + " 2"),
                stack.db.column("select variant || ' ' || size from ensemble_size where study = ? and kind = 'curve'"
                        + " order by variant, size", STUDY));
    }

    @Test
    @Order(4)
    void thePlaneThroughTheBendHoldsTheCurve() throws SQLException {
        List<List<String>> curve = stack.db.rows("select label, a, b from plane_points_projected where study = ?"
                + " and kind = 'curve' order by label", STUDY);
        assertEquals(5, curve.size(), curve.toString());
        assertEquals(BEZIER + " t=0.000", curve.get(0).get(0));
        // the plane's w1, w2, w3 are final:0 (0, 0), the bend (1, 0) and final:1 (a3, b3); the curve starts at
        // final:0, ends at final:1, and its midpoint ¼w1 + ½θ + ¼w2 lies at ½(1, 0) + ¼(a3, b3)
        List<String> end = stack.db.rows("select a, b from plane_points_projected where study = ?"
                + " and label = 'final:1'", STUDY).get(0);
        double a3 = Double.parseDouble(end.get(0));
        double b3 = Double.parseDouble(end.get(1));
        assertTrue(b3 > 0, "final:1 is off the line through final:0 and the bend");
        assertNear(List.of(0.0, 0.0), coordinates(curve.get(0)), 1e-6);
        assertNear(List.of(a3, b3), coordinates(curve.get(4)), 1e-6);
        assertNear(List.of(0.5 + a3 / 4, b3 / 4), coordinates(curve.get(2)), 1e-6);
    }

    private static void assertNear(List<Double> expected, List<Double> actual, double delta) {
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(expected.get(k), actual.get(k), delta, actual.toString());
        }
    }

    private static List<Double> coordinates(List<String> row) {
        return List.of(Double.parseDouble(row.get(1)), Double.parseDouble(row.get(2)));
    }

    @Test
    @Order(5)
    void fgeAndSseTakeTheirSnapshotsAndEnsembleThem() throws SQLException {
        assertEquals(List.of("fge:0 #0 3", "fge:0 #1 5"), stack.db.column("select label || ' ' || epoch"
                + " from member_metrics where study = ? and kind = 'fge' and split = 'test' order by label", STUDY));
        assertEquals(List.of("sse:0 #0 2", "sse:0 #1 4", "sse:0 #2 6"), stack.db.column("select label || ' ' || epoch"
                + " from member_metrics where study = ? and kind = 'sse' and split = 'test' order by label", STUDY));
        assertEquals(List.of("fge 1", "fge 2", "sse 1", "sse 2", "sse 3"), stack.db.column("select kind || ' ' || size"
                + " from ensemble_size where study = ? and kind in ('fge', 'sse') order by kind, size", STUDY));
    }

    @Test
    @Order(6)
    void theBudgetTableCountsEveryEpoch() throws SQLException {
        // B = 3 epochs. FGE starts at epoch 2 of member 0 and takes its snapshots at epochs 3 and 5 (2 + 1, 2 + 3);
        // SSE's cycle is ⌈3/2⌉ = 2 epochs: snapshots at epochs 2, 4, 6.
        assertEquals(List.of("fge 1 1 3", "fge 2 2 6", "ind 1 1 3", "ind 2 2 6", "sse 1 1 3",
                        "sse 2 3 6"), stack.db.column("select method || ' ' || budget || ' ' || models || ' '"
                        + " || epochs from budget_ensembles where study = ? order by method, budget", STUDY));
        assertEquals(memberTest(0, "accuracy"), number("select accuracy from budget_ensembles where study = ?"
                + " and method = 'ind' and budget = 1"), 1e-12);
        assertEquals(number("select accuracy from ensemble_size where study = ? and kind = 'deep' and size = 2"),
                number("select accuracy from budget_ensembles where study = ? and method = 'ind' and budget = 2"),
                1e-12);
        assertEquals(number("select nll from ensemble_size where study = ? and kind = 'sse' and size = 3"),
                number("select nll from budget_ensembles where study = ? and method = 'sse' and budget = 2"), 1e-12);
    }

    @Test
    @Order(7)
    void rerunReusesEveryStage() throws SQLException {
        Map<String, List<String>> before = snapshot();
        stack.run(STUDY, spec, LIMIT);
        assertEquals(STAGES.stream().collect(Collectors.toMap(Function.identity(), s -> "reused")), stageStates());
        assertEquals(before, snapshot());
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static Map<String, List<String>> snapshot() throws SQLException {
        return Map.of(
                "profile", stack.db.column("select curve || ' ' || t || ' ' || test_nll || ' ' || train_loss"
                        + " from curve_profile where study = ? order by curve, i", STUDY),
                "ensembles", stack.db.column("select kind || ' ' || variant || ' ' || size || ' ' || nll"
                        + " from ensemble_size where study = ? order by kind, variant, size", STUDY),
                "budget", stack.db.column("select method || ' ' || budget || ' ' || nll from budget_ensembles"
                        + " where study = ? order by method, budget", STUDY),
                "bends", stack.db.column("select weights_sha256 from model where study = ? and kind = 'bend'"
                        + " order by member", STUDY));
    }

    private static Map<String, String> stageStates() throws SQLException {
        return stack.db.rows("select stage, state from stage where study = ? and (stage like 'curves/%'"
                + " or stage in ('fge', 'sse', 'budget') or stage like 'plane/0%')", STUDY).stream()
                .filter(r -> !r.get(0).equals("plane/0/projections"))
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
}
