package dev.basin.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.basin.engine.analysis.AnalysesConfig;
import dev.basin.engine.analysis.BudgetConfig;
import dev.basin.engine.analysis.CurveConfig;
import dev.basin.engine.analysis.CurveType;
import dev.basin.engine.analysis.FgeConfig;
import dev.basin.engine.analysis.InterpolationConfig;
import dev.basin.engine.analysis.PlaneConfig;
import dev.basin.engine.analysis.SseConfig;
import dev.basin.engine.analysis.WeightPair;
import dev.basin.engine.analysis.WeightRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code curves}, {@code fge}, {@code sse} and {@code budget}: defaults, explicit values, printing, the rules. */
class ConnectivityKeysTest {

    static final String BASE = "study: curves\ntrain: {members: 3, epochs: 10}\n";

    static final String DEFAULTS = BASE + """
            curves: [{between: [final:0, final:1]}]
            fge: {}
            sse: {}
            """;

    static final String FULL = """
            study: curves
            train: {members: 3, epochs: 10, batchSize: 64, optimizer: sgd, lr: 0.1, weightDecay: 0.001}
            trajectory: {every: 5}
            swa: {start: 8}
            plane: [{anchors: [final:0, final:1, bend:0]}]
            interpolation: {pairs: [[final:0, bend:1], [bend:0, bend:1]]}
            curves:
              - between: [final:0, final:1]
                type: polychain
                epochs: 20
                lr: 0.02
                momentum: 0
                weightDecay: 0.0003
                batchSize: 32
                points: 2
                trainSubset: 1000
                ensemble: 0
              - {between: [swa:2, checkpoint:1@5], points: 1001, ensemble: 20}
              - {between: [final:1, final:0]}
              - {between: [origin, final:2], type: polychain}
            budget: {max: 5}
            fge: {from: checkpoint:2@5, cycle: 2, lr1: 0.04, lr2: 0.04, cycles: 3}
            sse: {snapshots: 10, lr: 0.2, epochs: 7}
            """;

    private static final WeightPair F0_F1 = new WeightPair(WeightRef.finalOf(0), WeightRef.finalOf(1));

    @Test
    void defaultsFollowTrain() {
        AnalysesConfig a = SpecParser.parse(DEFAULTS).analyses();
        assertEquals(List.of(new CurveConfig(F0_F1, CurveType.BEZIER, 10, 0.05, 0.9, 5e-4, 128, 61, 5000, 5)),
                a.curves());
        // starts at 80% of training; (3 x 10 - 8) / 4 whole cycles fit in the default budget of 3
        assertEquals(new FgeConfig(WeightRef.checkpoint(0, 8), 4, 0.05, 0.05 / 100, 5), a.fge());
        assertEquals(new SseConfig(4, 0.05, 30), a.sse());
        assertNull(a.budget());
    }

    @Test
    void budgetSetsTheFgeAndSseDefaults() {
        AnalysesConfig a = SpecParser.parse(BASE + "budget: {}\nfge: {cycle: 6}\nsse: {}\n").analyses();
        assertEquals(new BudgetConfig(3), a.budget());
        assertEquals(3, a.fge().cycles(), "(30 - 8) / 6");
        a = SpecParser.parse(BASE + "budget: {max: 5}\nfge: {from: checkpoint:1@2}\nsse: {snapshots: 2}\n")
                .analyses();
        assertEquals(new FgeConfig(WeightRef.checkpoint(1, 2), 4, 0.05, 0.05 / 100, 12), a.fge());
        assertEquals(new SseConfig(2, 0.05, 50), a.sse());
    }

    @Test
    void shortTrainingDefaults() {
        AnalysesConfig a = SpecParser.parse("study: a\ntrain: {members: 1, epochs: 2}\nfge: {}\nsse: {}\n"
                + "budget: {max: 1}\n").analyses();
        assertEquals(new FgeConfig(WeightRef.checkpoint(0, 1), 4, 0.05, 0.05 / 100, 1), a.fge(),
                "the start is before the last epoch, and at least one cycle is run");
        assertEquals(new SseConfig(2, 0.05, 2), a.sse(), "no more snapshots than epochs");
        assertEquals(4, ConnectivityKeys.defaultFgeStart(5));
        assertEquals(3, ConnectivityKeys.defaultFgeStart(4));
        assertEquals(80, ConnectivityKeys.defaultFgeStart(100));
    }

    @Test
    void everyKeyGiven() {
        AnalysesConfig a = SpecParser.parse(FULL).analyses();
        assertEquals(List.of(
                new CurveConfig(F0_F1, CurveType.POLYCHAIN, 20, 0.02, 0.0, 3e-4, 32, 2, 1000, 0),
                new CurveConfig(new WeightPair(WeightRef.swa(2), WeightRef.checkpoint(1, 5)), CurveType.BEZIER, 10,
                        0.1, 0.9, 0.001, 64, 1001, 5000, 20),
                // the same ends as curves[0], but another type: another curve
                new CurveConfig(new WeightPair(WeightRef.finalOf(1), WeightRef.finalOf(0)), CurveType.BEZIER, 10,
                        0.1, 0.9, 0.001, 64, 61, 5000, 5),
                new CurveConfig(new WeightPair(WeightRef.origin(), WeightRef.finalOf(2)), CurveType.POLYCHAIN, 10,
                        0.1, 0.9, 0.001, 64, 61, 5000, 5)), a.curves());
        assertEquals(List.of(new PlaneConfig(List.of(WeightRef.finalOf(0), WeightRef.finalOf(1), WeightRef.bend(0)),
                11, 0.2, 5000)), a.planes());
        assertEquals(new InterpolationConfig(List.of(new WeightPair(WeightRef.finalOf(0), WeightRef.bend(1)),
                new WeightPair(WeightRef.bend(0), WeightRef.bend(1))), 21, 0.2, 5000), a.interpolation());
        assertEquals(new BudgetConfig(5), a.budget());
        assertEquals(new FgeConfig(WeightRef.checkpoint(2, 5), 2, 0.04, 0.04, 3), a.fge());
        assertEquals(new SseConfig(10, 0.2, 7), a.sse());
    }

    @Test
    void printsDefaultsResolved() {
        String text = SpecPrinter.print(SpecParser.parse(DEFAULTS));
        assertEquals(true, text.endsWith("""
                curves:
                  - between: [final:0, final:1]
                    type: bezier
                    epochs: 10
                    lr: 0.05
                    momentum: 0.9
                    weightDecay: 0.0005
                    batchSize: 128
                    points: 61
                    trainSubset: 5000
                    ensemble: 5
                fge:
                  from: checkpoint:0@8
                  cycle: 4
                  lr1: 0.05
                  lr2: 0.0005
                  cycles: 5
                sse:
                  snapshots: 4
                  lr: 0.05
                  epochs: 30
                """), text);
        assertEquals("budget:\n  max: 3\n", SpecPrinter.block("budget", new BudgetConfig(3)));
        assertEquals("curves[0]:\n  between: [final:0, final:1]\n  type: bezier\n  epochs: 10\n  lr: 0.05\n"
                        + "  momentum: 0.9\n  weightDecay: 0.0005\n  batchSize: 128\n  points: 61\n"
                        + "  trainSubset: 5000\n  ensemble: 5\n",
                SpecPrinter.block("curves[0]", SpecParser.parse(DEFAULTS).analyses().curves().get(0)));
    }

    @Test
    void roundTrip() {
        for (String yaml : List.of(DEFAULTS, FULL, BASE + "budget: {max: 10}\n")) {
            StudySpec s = SpecParser.parse(yaml);
            assertEquals(List.of(), SpecValidator.problems(s));
            String text = SpecPrinter.print(s);
            assertEquals(s, SpecParser.parse(text), text);
            assertEquals(text, SpecPrinter.print(SpecParser.parse(text)), "printing is idempotent");
        }
    }

    @Test
    void builtSpecsGetTheSameRules() {
        StudySpec ok = SpecParser.parse(FULL);
        AnalysesConfig a = ok.analyses();
        CurveConfig c0 = a.curves().get(0);
        AnalysesConfig bad = new AnalysesConfig(a.trajectory(), a.similarity(), a.tsne(), a.swa(), a.subspace(),
                a.ensembles(), a.planes(), a.interpolation(), a.shift(),
                List.of(c0, new CurveConfig(new WeightPair(WeightRef.finalOf(1), WeightRef.finalOf(0)),
                        CurveType.POLYCHAIN, 1, 0.1, 0.5, 0, 1, 2, 1, 0)),
                new FgeConfig(WeightRef.checkpoint(0, 10), 3, 0.01, 0.02, 1), new SseConfig(11, 0.1, 1),
                new BudgetConfig(11));
        StudySpec s = new StudySpec(ok.study(), ok.seed(), ok.data(), ok.model(), ok.train(), bad);
        assertEquals(List.of(
                "curves[1]: is the same curve as curves[0] (polychain [final:0, final:1]); give each pair of"
                        + " endpoints and type once",
                "budget.max: must be between 1 and 10, got 11",
                "fge.from: 'checkpoint:0@10' is at or after the last epoch (train.epochs = 10); FGE continues from an"
                        + " earlier checkpoint: E between 1 and 9",
                "fge.cycle: must be even (the rate reaches lr2 after cycle/2 epochs), got 3",
                "fge.lr2: must be at most fge.lr1 (0.01): the rate falls from lr1 to lr2 in each cycle, got 0.02",
                "sse.snapshots: must be between 1 and train.epochs (10): a cycle is at least one epoch, got 11"),
                SpecValidator.problems(s).stream().map(SpecProblem::toString).toList());
    }

    @Test
    void problems() {
        assertEquals("curves[0].between[1]: 'final:9': member 9 does not exist; train.members is 3 (line 3)",
                SpecTesting.one(BASE + "curves: [{between: [final:0, final:9]}]\n"));
        assertEquals("curves[0].between: names 'swa:1' twice: the same endpoint twice; a curve needs 2 different"
                + " endpoints (line 4)", SpecTesting.one(BASE + "swa: {}\ncurves: [{between: [swa:1, swa:1]}]\n"));
        assertEquals("curves[1].between[0]: 'bend:0' cannot be an endpoint: a bend is trained between fixed ends,"
                        + " so a curve's endpoints are final:M, swa:M, checkpoint:M@E, spawn:K@E or origin (line 3)",
                SpecTesting.one(BASE + "curves: [{between: [final:0, final:1]}, {between: [bend:0, final:2]}]\n"));
        assertEquals("curves[0].type: must be one of bezier, polychain; got \"bezeir\"; did you mean 'bezier'?"
                + " (line 3)", SpecTesting.one(BASE + "curves: [{between: [final:0, final:1], type: bezeir}]\n"));
        assertEquals("curves[0].between: must be a pair [a, b] of 2 weight references, got 3 (line 3)",
                SpecTesting.one(BASE + "curves: [{between: [final:0, final:1, final:2]}]\n"));
        assertEquals("curves[0].between: required: a pair [a, b] of weight references (final:M, swa:M,"
                + " checkpoint:M@E, spawn:K@E or origin), e.g. between: [final:0, final:1] (line 3)",
                SpecTesting.one(BASE + "curves: [{}]\n"));
        assertEquals("curves: must list at most 8 curves, got 9 (line 3)", SpecTesting.one(BASE + "curves: ["
                + "{between: [final:0, final:1]}, ".repeat(8) + "{between: [final:0, final:1]}]\n"));
        assertEquals("plane[0].anchors[2]: 'bend:0' needs the curves key (curves: [{between: [final:0, final:1]}];"
                + " bend:C is the trained bend of curve C) (line 3)",
                SpecTesting.one(BASE + "plane: [{anchors: [final:0, final:1, bend:0]}]\n"));
        assertEquals("interpolation.pairs[0][1]: 'bend:2': curve 2 does not exist; curves has 2 entries (bend:0 to"
                + " bend:1) (line 3)", SpecTesting.one(BASE + "interpolation: {pairs: [[final:0, bend:2]]}\n"
                + "curves: [{between: [final:0, final:1]}, {between: [final:0, final:2]}]\n"));
        assertEquals("fge: needs train.epochs of 2 or more: FGE continues from a checkpoint before the last epoch,"
                + " and train.epochs is 1 (line 3)", SpecTesting.one("study: a\ntrain: {members: 1, epochs:"
                + " 1}\nfge: {}\n"));
        assertEquals("fge.from: 'swa:0' is not a checkpoint: FGE continues training from a member's stored"
                + " checkpoint (with its optimizer state), so from must be checkpoint:M@E with E between 1 and"
                + " train.epochs - 1 (9) (line 3)", SpecTesting.one(BASE + "fge: {from: swa:0}\n"));
        assertEquals("fge.from: 'checkpoint:3@2': member 3 does not exist; train.members is 3 (line 3)",
                SpecTesting.one(BASE + "fge: {from: checkpoint:3@2}\n"));
        assertEquals("sse.epochs: must be between 1 and 10000 (10 x the largest train.epochs), got 0 (line 3)",
                SpecTesting.one(BASE + "sse: {epochs: 0}\n"));
    }
}
